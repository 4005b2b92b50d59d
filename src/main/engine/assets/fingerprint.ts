import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';

/** Bytes read from each of the start, middle and end of a file. */
const SAMPLE_BYTES = 1024 * 1024;

export interface FileFingerprint {
  fingerprint: string;
  sizeBytes: number;
}

/**
 * `v1:<size>:<sha256>` over the size and three 1 MiB samples (start, middle, end), so a 50 GB file costs three reads.
 * Media files differ in their headers and index (start and end) even when long stretches match, and a re-encode
 * changes every sample; the size is part of the key, so a truncated or appended copy never matches.
 */
export async function fingerprintFile(file: string): Promise<FileFingerprint> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const hash = createHash('sha256').update(`reelsmith-fingerprint-v1:${size}:`);
    const starts = size <= 3 * SAMPLE_BYTES ? [0] : [0, Math.floor(size / 2 - SAMPLE_BYTES / 2), size - SAMPLE_BYTES];
    const length = Math.min(size, size <= 3 * SAMPLE_BYTES ? size : SAMPLE_BYTES);
    const buffer = Buffer.alloc(length);
    for (const start of starts) {
      let filled = 0;
      while (filled < length) {
        const { bytesRead } = await handle.read(buffer, filled, length - filled, start + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      hash.update(buffer.subarray(0, filled));
    }
    return { fingerprint: `v1:${size}:${hash.digest('hex')}`, sizeBytes: size };
  } finally {
    await handle.close();
  }
}

/** A folder name for a fingerprint (cache entries are keyed by it): `<size>-<sha256>`. */
export function fingerprintKey(fingerprint: string): string {
  const [, size, hex] = fingerprint.split(':');
  return `${size}-${hex}`;
}
