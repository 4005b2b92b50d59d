import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/**
 * sha256 of model files, remembered by path, size and modification time: hashing hundreds of megabytes on every
 * start would make start-up slow, and a file whose size and mtime did not change is taken to be the same file.
 */

const CacheFileSchema = z.record(z.string(), z.object({ size: z.number(), mtimeMs: z.number(), sha256: z.string() }));

export class HashCache {
  private entries: Promise<z.infer<typeof CacheFileSchema>> | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly cacheFile: string) {}

  /** The file's sha256, from the cache when its size and mtime are unchanged. */
  async sha256(file: string, stat: { size: number; mtimeMs: number }): Promise<string> {
    const entries = await this.load();
    const known = entries[file];
    if (known && known.size === stat.size && known.mtimeMs === stat.mtimeMs) return known.sha256;
    const sha256 = await hashFile(file);
    entries[file] = { size: stat.size, mtimeMs: stat.mtimeMs, sha256 };
    await this.save(entries);
    return sha256;
  }

  private load() {
    this.entries ??= fs
      .readFile(this.cacheFile, 'utf8')
      .then((text) => CacheFileSchema.parse(JSON.parse(text)))
      .catch(() => ({}));
    return this.entries;
  }

  /** Written atomically and one write at a time; a cache that cannot be written only costs hashing again. */
  private save(entries: z.infer<typeof CacheFileSchema>): Promise<void> {
    this.writing = this.writing.then(async () => {
      const temp = `${this.cacheFile}.${process.pid}.tmp`;
      try {
        await fs.mkdir(path.dirname(this.cacheFile), { recursive: true });
        await fs.writeFile(temp, JSON.stringify(entries));
        await fs.rename(temp, this.cacheFile);
      } catch {
        await fs.rm(temp, { force: true }).catch(() => undefined);
      }
    });
    return this.writing;
  }
}

export function hashFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
