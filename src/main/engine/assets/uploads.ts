import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ApiError } from '../../../shared/errors';
import type { ImportSource } from './import-files';

/** Where a browser's files wait between upload and import, inside the project's media folder. */
const UPLOADS_DIR = '.uploads';

/** Characters Windows cannot hold in a name, so a project folder copied there still opens. */
const UNPORTABLE = /[<>:"|?*\u0000-\u001f]/g;

/**
 * A relative path a browser sent ("trip/day 1/clip.mp4") made safe to join under media/: no `..`, no absolute
 * parts, no characters other systems refuse. The name shown to the user stays the one sent.
 */
export function safeRelativePath(name: string): string {
  const parts = name
    .split(/[\\/]+/)
    .map((p) => p.replace(UNPORTABLE, '_').replace(/[. ]+$/, '').slice(0, 120))
    .filter((p) => p !== '' && p !== '.' && p !== '..');
  return parts.length === 0 ? 'upload' : parts.join('/');
}

interface Upload {
  name: string;
  file: string;
}

/**
 * Files the web shell receives. A browser gives no paths, so its files are streamed into the project's media/ folder
 * and then imported like any other; files that turn out to be duplicates or not media are deleted again.
 */
export class Uploads {
  private readonly received = new Map<string, Upload>();
  private folder: string | null = null;

  /** Forgets uploads of the previous project and removes what a crashed session left half-written. */
  async open(folder: string | null): Promise<void> {
    this.received.clear();
    this.folder = folder;
    if (folder) await fs.promises.rm(path.join(folder, 'media', UPLOADS_DIR), { recursive: true, force: true });
  }

  async receive(name: string, body: Readable): Promise<{ uploadId: string }> {
    const folder = this.folder;
    if (!folder) throw new ApiError('NO_PROJECT_OPEN', 'Open a project before uploading media.');
    const uploadId = randomUUID();
    const dir = path.join(folder, 'media', UPLOADS_DIR);
    const file = path.join(dir, `${uploadId}.part`);
    await fs.promises.mkdir(dir, { recursive: true });
    try {
      await pipeline(body, fs.createWriteStream(file, { flags: 'wx' }));
    } catch (error) {
      await fs.promises.rm(file, { force: true });
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC') throw new ApiError('IO_ERROR', `The disk is full; ${name} could not be stored.`);
      throw new ApiError('IO_ERROR', `The upload of ${name} did not complete (${code ?? (error as Error).message}).`);
    }
    if (this.folder !== folder) {
      await fs.promises.rm(file, { force: true });
      throw new ApiError('NO_PROJECT_OPEN', 'The project was closed during the upload.');
    }
    this.received.set(uploadId, { name, file });
    return { uploadId };
  }

  /**
   * Moves uploads to their place under media/ (a free name when one is taken) and returns them as import sources.
   * Unknown ids come back as `unknown` names, so the import can reject them with a reason.
   */
  async take(ids: readonly string[]): Promise<{ sources: ImportSource[]; unknown: string[] }> {
    const folder = this.folder;
    if (!folder) throw new ApiError('NO_PROJECT_OPEN', 'No project is open. Create or open one first.');
    const sources: ImportSource[] = [];
    const unknown: string[] = [];
    for (const id of ids) {
      const upload = this.received.get(id);
      if (!upload) {
        unknown.push(id);
        continue;
      }
      this.received.delete(id);
      const target = await freePath(path.join(folder, 'media', safeRelativePath(upload.name)));
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      await fs.promises.rename(upload.file, target);
      sources.push({ path: target, name: upload.name, stored: true });
    }
    return { sources, unknown };
  }
}

/** `clip.mp4`, else `clip (2).mp4`, `clip (3).mp4`, ... */
async function freePath(wanted: string): Promise<string> {
  const ext = path.extname(wanted);
  const stem = wanted.slice(0, wanted.length - ext.length);
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? wanted : `${stem} (${n})${ext}`;
    try {
      await fs.promises.access(candidate);
    } catch {
      return candidate;
    }
  }
}
