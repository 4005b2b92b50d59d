import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { processIsAlive } from '../system/process-alive';

/**
 * Outputs are written to a temporary sibling and moved into place only on success. Each temporary (and scratch
 * folder) is registered here (one small file per job, with the owning process id) so that one left behind by a
 * killed process is removed at the next start, wherever the user exported to.
 */
const PARTIAL_MARK = '.reelsmith-partial-';

const EntrySchema = z.object({ pid: z.number().int(), files: z.array(z.string()) });

/** Where the registry lives in a config folder. */
export function partialOutputsDir(configDir: string): string {
  return path.join(configDir, 'partial-outputs');
}

export function partialPathFor(finalPath: string, jobId: string): string {
  const ext = path.extname(finalPath);
  const stem = path.basename(finalPath, ext);
  // Keep the extension last: ffmpeg picks the container from it.
  return path.join(path.dirname(finalPath), `.${stem}${PARTIAL_MARK}${jobId.slice(0, 8)}${ext}`);
}

/** A job's scratch folder beside `finalPath`, named as a temporary so that only the cleaner ever removes it. */
export function scratchPathFor(finalPath: string, jobId: string): string {
  return path.join(path.dirname(finalPath), `.${path.basename(finalPath)}${PARTIAL_MARK}${jobId.slice(0, 8)}-scratch`);
}

export function isPartialFile(file: string): boolean {
  return path.basename(file).includes(PARTIAL_MARK);
}

export class PartialFiles {
  constructor(
    private readonly registryDir: string,
    private readonly isProcessAlive: (pid: number) => boolean = processIsAlive,
  ) {}

  async register(jobId: string, file: string): Promise<void> {
    const entryFile = this.entryFile(jobId);
    const existing = await this.read(entryFile);
    const files = [...new Set([...(existing?.files ?? []), file])];
    await fs.mkdir(this.registryDir, { recursive: true });
    await fs.writeFile(entryFile, JSON.stringify({ pid: process.pid, files }));
  }

  /**
   * For work outside the job queue (a CLI command): `write` writes a registered temporary beside `finalPath`, which is
   * moved into place when it succeeds and removed when it fails, or at the next start when the process is killed.
   */
  async writeThrough<T>(finalPath: string, write: (partial: string) => Promise<T>): Promise<T> {
    const id = randomUUID();
    const partial = partialPathFor(finalPath, id);
    await this.register(id, partial);
    try {
      const result = await write(partial);
      await fs.rename(partial, finalPath);
      return result;
    } finally {
      await this.discard(id);
    }
  }

  /** Deletes the job's temporaries (those not already moved into place) and forgets them. */
  async discard(jobId: string): Promise<void> {
    const entry = await this.read(this.entryFile(jobId));
    for (const file of entry?.files ?? []) if (isPartialFile(file)) await fs.rm(file, { recursive: true, force: true });
    await fs.rm(this.entryFile(jobId), { force: true });
  }

  /** Removes temporaries whose process is gone (crashed or killed). Returns the files removed. */
  async cleanStale(): Promise<string[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.registryDir);
    } catch {
      return [];
    }
    const removed: string[] = [];
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      const entryFile = path.join(this.registryDir, name);
      const entry = await this.read(entryFile);
      if (entry && this.isProcessAlive(entry.pid) && entry.pid !== process.pid) continue;
      for (const file of entry?.files ?? []) {
        if (!isPartialFile(file)) continue;
        const existed = await fs.rm(file, { recursive: true, force: false }).then(() => true, () => false);
        if (existed) removed.push(file);
      }
      await fs.rm(entryFile, { force: true });
    }
    return removed;
  }

  private entryFile(jobId: string): string {
    return path.join(this.registryDir, `${jobId.replace(/[^\w-]/g, '')}.json`);
  }

  private async read(file: string): Promise<z.infer<typeof EntrySchema> | null> {
    try {
      const parsed = EntrySchema.safeParse(JSON.parse(await fs.readFile(file, 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }
}
