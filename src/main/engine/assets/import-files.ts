import path from 'node:path';
import type { Asset, ImportResult } from '../../../shared/assets';
import { probeFile, ProbeError } from '../media/probe';
import { fingerprintFile } from './fingerprint';

export interface ImportSource {
  path: string;
  /** How results name the file: its name, or its path from the dropped folder. */
  name: string;
  /** Whether the file was uploaded into the project (and so belongs to it). */
  stored: boolean;
}

export interface ImportDeps {
  ffprobe: string;
  /** The asset of the open project that already has this content, if any. */
  findByFingerprint(fingerprint: string): { id: string; name: string } | null;
  /** Adds probed assets to the project; called with small batches so the gallery fills while the import runs. */
  commit(assets: Asset[]): Promise<void>;
  newId(): string;
  now(): Date;
  concurrency: number;
  signal?: AbortSignal;
  onProgress?(done: number, total: number): void;
  /** How long probed assets wait to be committed together. */
  batchDelayMs?: number;
}

/**
 * Imports files one by one with a few in flight: fingerprint, recognise duplicates (of the project and of earlier files
 * in this import), probe to decide the kind, and commit in batches. Every file gets a result, in input order; a file
 * that cannot be read or is not media is rejected with the reason and the others carry on.
 */
export async function importFiles(sources: readonly ImportSource[], deps: ImportDeps): Promise<ImportResult[]> {
  const results: ImportResult[] = new Array(sources.length);
  const claimed = new Map<string, { id: string; name: string }>();
  const pending: Asset[] = [];
  let committing: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let done = 0;

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return committing;
    const batch = pending.splice(0);
    committing = committing.then(() => deps.commit(batch));
    return committing;
  };

  async function importOne(index: number): Promise<void> {
    const source = sources[index]!;
    results[index] = await resultFor(source);
    done += 1;
    deps.onProgress?.(done, sources.length);
  }

  async function resultFor(source: ImportSource): Promise<ImportResult> {
    const rejected = (reason: string): ImportResult => ({ name: source.name, outcome: 'rejected', assetId: null, reason });
    let fingerprint: string;
    let sizeBytes: number;
    try {
      ({ fingerprint, sizeBytes } = await fingerprintFile(source.path));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return rejected(`${source.name} does not exist.`);
      if (code === 'EISDIR') return rejected(`${source.name} is a folder.`);
      return rejected(`${source.name} cannot be read (${code ?? (error as Error).message}).`);
    }
    if (sizeBytes === 0) return rejected(`${source.name} is empty (0 bytes).`);
    const existing = deps.findByFingerprint(fingerprint) ?? claimed.get(fingerprint);
    if (existing) {
      return { name: source.name, outcome: 'duplicate', assetId: existing.id, reason: `Same content as ${existing.name}.` };
    }
    const id = deps.newId();
    const asset = { id, name: source.name.split('/').pop() || path.basename(source.path) };
    claimed.set(fingerprint, asset);
    let media;
    try {
      media = await probeFile(deps.ffprobe, source.path);
    } catch (error) {
      claimed.delete(fingerprint);
      if (error instanceof ProbeError) return rejected(error.message.split(source.path).join(source.name));
      throw error;
    }
    pending.push({
      id,
      name: asset.name,
      kind: media.kind,
      path: source.path,
      stored: source.stored,
      fingerprint,
      sizeBytes,
      addedAt: deps.now().toISOString(),
      media,
      tags: [],
      favourite: false,
    });
    if (pending.length >= 50) void flush();
    else timer ??= setTimeout(() => void flush(), deps.batchDelayMs ?? 150);
    return { name: source.name, outcome: 'imported', assetId: id, reason: null };
  }

  let next = 0;
  const worker = async () => {
    while (next < sources.length && !deps.signal?.aborted) await importOne(next++);
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(deps.concurrency, sources.length)) }, worker));
  } finally {
    await flush();
  }
  for (let i = 0; i < sources.length; i += 1) {
    results[i] ??= { name: sources[i]!.name, outcome: 'rejected', assetId: null, reason: 'The import was cancelled before this file.' };
  }
  return results;
}
