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
  const claims = new Map<string, { id: string; name: string }>();
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

  // Duplicates are decided in input order (the first of two copies is the one imported), although files are read
  // several at a time: each file claims its fingerprint only after the file before it has.
  const claimTurns = sources.map(() => {
    let done!: () => void;
    const turn = new Promise<void>((resolve) => (done = resolve));
    return { turn, done };
  });
  const afterEarlierClaims = (index: number) => (index === 0 ? Promise.resolve() : claimTurns[index - 1]!.turn);

  async function importOne(index: number): Promise<void> {
    const source = sources[index]!;
    try {
      results[index] = await resultFor(source, index);
    } finally {
      // A file rejected before its claim still hands on its turn, in order.
      void afterEarlierClaims(index).then(claimTurns[index]!.done);
    }
    done += 1;
    deps.onProgress?.(done, sources.length);
  }

  async function resultFor(source: ImportSource, index: number): Promise<ImportResult> {
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
    await afterEarlierClaims(index);
    const existing = deps.findByFingerprint(fingerprint) ?? claims.get(fingerprint);
    if (existing) {
      claimTurns[index]!.done();
      return { name: source.name, outcome: 'duplicate', assetId: existing.id, reason: `Same content as ${existing.name}.` };
    }
    const id = deps.newId();
    const asset = { id, name: source.name.split('/').pop() || path.basename(source.path) };
    claims.set(fingerprint, asset);
    claimTurns[index]!.done();
    let media;
    try {
      media = await probeFile(deps.ffprobe, source.path);
    } catch (error) {
      claims.delete(fingerprint);
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
