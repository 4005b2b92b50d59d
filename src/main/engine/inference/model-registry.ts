import fs from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type { ModelListing } from '../../../shared/models/local-ai';
import { ModelEntrySchema, ModelManifestSchema, type ModelEntry } from '../../../shared/models/manifest';
import type { HashCache } from './hash-cache';

/**
 * Every model the app knows: the bundled ones listed in resources/models/models.json and the user's own, one folder
 * each with a model.json beside the .onnx. Each is checked (manifest valid, file present, size and sha256 right) and
 * gets a status; a bad model is reported and its features are off, it never stops the app.
 */

export const BUNDLED_MANIFEST = 'models.json';
export const USER_MANIFEST = 'model.json';

export interface RegisteredModel {
  listing: ModelListing;
  /** The manifest entry, when it could be read. */
  entry: ModelEntry | null;
  /** The model file's full path, when the entry could be read. */
  file: string | null;
}

/** A model was asked for that cannot be used; the message says why and what to do. */
export class ModelUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelUnavailableError';
  }
}

export interface ModelRegistryOptions {
  /** resources/models; null when the app has none (a development checkout without models). */
  bundledDir: string | null;
  userDir: string;
  hashes: HashCache;
}

export class ModelRegistry {
  private scanned: Promise<RegisteredModel[]> | null = null;

  constructor(private readonly options: ModelRegistryOptions) {}

  /** Every model with its status; checked once and remembered until `refresh`. */
  list(refresh = false): Promise<RegisteredModel[]> {
    if (refresh || !this.scanned) this.scanned = this.scan();
    return this.scanned;
  }

  /** The model's entry and file when it is ok; otherwise ModelUnavailableError saying why. */
  async usable(modelId: string): Promise<{ entry: ModelEntry; file: string }> {
    const found = (await this.list()).find((m) => m.listing.id === modelId);
    if (!found) throw new ModelUnavailableError(`There is no model called ${modelId}.`);
    if (found.listing.status !== 'ok' || !found.entry || !found.file) {
      throw new ModelUnavailableError(`${found.listing.name} cannot be used: ${found.listing.message}`);
    }
    return { entry: found.entry, file: found.file };
  }

  private async scan(): Promise<RegisteredModel[]> {
    const bundled = this.options.bundledDir ? await this.scanBundled(this.options.bundledDir) : [];
    const user = await this.scanUser(new Set(bundled.map((m) => m.listing.id)));
    return [...bundled, ...user];
  }

  private async scanBundled(dir: string): Promise<RegisteredModel[]> {
    const manifestFile = path.join(dir, BUNDLED_MANIFEST);
    let text: string;
    try {
      text = await fs.readFile(manifestFile, 'utf8');
    } catch {
      return []; // no bundled models in this build
    }
    const parsed = parseJson(text, ModelManifestSchema);
    if (!parsed.ok) {
      return [invalid(BUNDLED_MANIFEST, 'Bundled models', 'bundled', `${manifestFile} cannot be read (${parsed.error}); reinstall Reelsmith.`)];
    }
    return Promise.all(parsed.value.models.map((entry) => this.check(entry, dir, 'bundled')));
  }

  private async scanUser(takenIds: Set<string>): Promise<RegisteredModel[]> {
    let folders: string[];
    try {
      folders = (await fs.readdir(this.options.userDir, { withFileTypes: true })).filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name);
    } catch {
      return [];
    }
    const models: RegisteredModel[] = [];
    for (const folder of folders.sort()) {
      const dir = path.join(this.options.userDir, folder);
      let text: string;
      try {
        text = await fs.readFile(path.join(dir, USER_MANIFEST), 'utf8');
      } catch {
        models.push(invalid(folder, folder, 'user', `${dir} has no ${USER_MANIFEST}; import the model again.`));
        continue;
      }
      const parsed = parseJson(text, ModelEntrySchema);
      if (!parsed.ok) {
        models.push(invalid(folder, folder, 'user', `${path.join(dir, USER_MANIFEST)} cannot be read (${parsed.error}); import the model again.`));
      } else if (parsed.value.id !== folder) {
        models.push(invalid(folder, parsed.value.name, 'user', `The model in ${dir} says its id is ${parsed.value.id}; a user model's folder is named after its id.`));
      } else if (takenIds.has(folder)) {
        models.push(invalid(folder, parsed.value.name, 'user', `A bundled model already has the id ${folder}; import it again under another id.`));
      } else {
        models.push(await this.check(parsed.value, dir, 'user'));
      }
    }
    return models;
  }

  private async check(entry: ModelEntry, dir: string, origin: ModelListing['origin']): Promise<RegisteredModel> {
    const file = path.join(dir, entry.file);
    const listing = (status: ModelListing['status'], message: string): RegisteredModel => ({
      listing: { id: entry.id, name: entry.name, origin, task: entry.task, license: entry.license, source: entry.source, bytes: entry.bytes, status, message },
      entry,
      file,
    });
    const fix = origin === 'bundled' ? 'reinstall Reelsmith to restore it' : 'import the model again';
    let stat;
    try {
      stat = await fs.stat(file);
    } catch {
      return listing('missing', `${entry.file} is missing from ${dir}; ${fix}.`);
    }
    if (stat.size !== entry.bytes) {
      return listing('corrupt', `${entry.file} is ${stat.size} bytes, not the ${entry.bytes} its manifest lists: it is damaged or was replaced; ${fix}.`);
    }
    let sha256: string;
    try {
      sha256 = await this.options.hashes.sha256(file, stat);
    } catch (error) {
      return listing('missing', `${entry.file} cannot be read (${(error as Error).message}); ${fix}.`);
    }
    if (sha256 !== entry.sha256) {
      return listing('corrupt', `${entry.file} does not match its sha256 checksum: it is damaged or was replaced; ${fix}.`);
    }
    return listing('ok', 'Ready.');
  }
}

function invalid(id: string, name: string, origin: ModelListing['origin'], message: string): RegisteredModel {
  return {
    listing: { id, name, origin, task: null, license: null, source: null, bytes: null, status: 'invalid', message },
    entry: null,
    file: null,
  };
}

function parseJson<T>(text: string, schema: z.ZodType<T>): { ok: true; value: T } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not JSON: ${(error as Error).message}` };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, error: issue ? `${issue.path.join('.') || 'manifest'}: ${issue.message}` : 'invalid' };
}
