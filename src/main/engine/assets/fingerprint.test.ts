import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FingerprintSchema } from '../../../shared/assets';
import { fingerprintFile, fingerprintKey } from './fingerprint';

let dir: string;
const at = (name: string) => path.join(dir, name);
const MiB = 1024 * 1024;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-fp-'));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

function pattern(size: number, seed: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i += 1) bytes[i] = (i * 31 + seed * 7 + (i >> 10)) & 0xff;
  return bytes;
}

describe('fingerprintFile', () => {
  it('gives the same fingerprint to byte-identical files and a valid key', async () => {
    const bytes = pattern(5 * MiB, 1);
    await fs.writeFile(at('a.bin'), bytes);
    await fs.writeFile(at('copy.bin'), bytes);
    const a = await fingerprintFile(at('a.bin'));
    expect(a).toEqual(await fingerprintFile(at('copy.bin')));
    expect(a.sizeBytes).toBe(5 * MiB);
    expect(FingerprintSchema.safeParse(a.fingerprint).success).toBe(true);
    expect(fingerprintKey(a.fingerprint)).toMatch(/^5242880-[0-9a-f]{64}$/);
  });

  it('tells apart files that differ at the start, middle or end, or in length', async () => {
    const base = pattern(5 * MiB, 2);
    await fs.writeFile(at('base.bin'), base);
    const reference = (await fingerprintFile(at('base.bin'))).fingerprint;
    for (const offset of [10, Math.floor(2.5 * MiB), 5 * MiB - 10]) {
      const changed = Buffer.from(base);
      changed[offset] = changed[offset]! ^ 0xff;
      await fs.writeFile(at('changed.bin'), changed);
      expect((await fingerprintFile(at('changed.bin'))).fingerprint).not.toBe(reference);
    }
    await fs.writeFile(at('longer.bin'), Buffer.concat([base, Buffer.from([0])]));
    expect((await fingerprintFile(at('longer.bin'))).fingerprint).not.toBe(reference);
  });

  it('hashes small files whole and handles empty files', async () => {
    await fs.writeFile(at('small1.bin'), pattern(1000, 3));
    const small = pattern(1000, 3);
    small[500] = small[500]! ^ 1;
    await fs.writeFile(at('small2.bin'), small);
    expect((await fingerprintFile(at('small1.bin'))).fingerprint).not.toBe((await fingerprintFile(at('small2.bin'))).fingerprint);
    await fs.writeFile(at('empty.bin'), '');
    expect(await fingerprintFile(at('empty.bin'))).toMatchObject({ sizeBytes: 0, fingerprint: expect.stringMatching(/^v1:0:/) });
  });
});
