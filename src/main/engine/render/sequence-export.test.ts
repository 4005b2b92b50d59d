import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutputNames } from './sequence-export';

describe('OutputNames', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-names-'));
  });
  afterEach(() => fs.rm(folder, { recursive: true, force: true }));

  it('numbers a name that an existing file or a running export already uses', async () => {
    const names = new OutputNames();
    await fs.writeFile(path.join(folder, 'Talk.mp4'), '');
    const first = await names.claim(folder, 'Talk', '.mp4');
    const second = await names.claim(folder, 'Talk', '.mp4');
    expect(path.basename(first.path)).toBe('Talk 2.mp4');
    expect(path.basename(second.path)).toBe('Talk 3.mp4');
    first.release();
    expect(path.basename((await names.claim(folder, 'Talk', '.mp4')).path)).toBe('Talk 2.mp4');
  });

  it('makes the folder when it is not there yet', async () => {
    const claimed = await new OutputNames().claim(path.join(folder, 'renders'), 'Cut', '.wav');
    expect(claimed.path).toBe(path.join(folder, 'renders', 'Cut.wav'));
    await expect(fs.stat(path.join(folder, 'renders'))).resolves.toBeTruthy();
  });
});
