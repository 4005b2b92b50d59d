import { describe, expect, it, vi } from 'vitest';
import type { CallResult } from '../../shared/wire';
import { importDroppedPaths, MAX_DROPPED_PATHS } from './dropped-paths';

const NOTHING_IMPORTED: CallResult = { ok: true, value: { results: [], imported: 0, duplicates: 0, rejected: 0 } };

function fakeEngine(answer: CallResult = NOTHING_IMPORTED) {
  return { call: vi.fn(async () => answer) };
}

describe('importDroppedPaths', () => {
  it('imports the dropped paths as the local caller and returns the engine result', async () => {
    const engine = fakeEngine();
    const result = await importDroppedPaths(engine, ['/home/ana/trip.mp4', '/home/ana/day 2']);
    expect(result).toEqual(NOTHING_IMPORTED);
    expect(engine.call).toHaveBeenCalledWith(
      'assets.import',
      { paths: ['/home/ana/trip.mp4', '/home/ana/day 2'] },
      { caller: 'local' },
    );
  });

  it('passes engine failures through', async () => {
    const failure: CallResult = { ok: false, error: { code: 'NO_PROJECT_OPEN', message: 'Open a project first.' } };
    await expect(importDroppedPaths(fakeEngine(failure), ['/home/ana/a.mov'])).resolves.toEqual(failure);
  });

  it('refuses anything but 1 to 10000 absolute paths without NUL, without calling the engine', async () => {
    const engine = fakeEngine();
    const tooMany = Array.from({ length: MAX_DROPPED_PATHS + 1 }, (_, i) => `/clips/${i}.mp4`);
    for (const junk of [
      undefined,
      null,
      '/home/ana/a.mov',
      { paths: ['/home/ana/a.mov'] },
      [],
      [''],
      ['relative/clip.mp4'],
      ['/home/ana/a.mov\0/etc/passwd'],
      [42],
      [`/${'x'.repeat(5000)}`],
      tooMany,
    ]) {
      const result = await importDroppedPaths(engine, junk);
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_PARAMS' } });
    }
    expect(engine.call).not.toHaveBeenCalled();
  });

  it('takes exactly the most a drop may carry', async () => {
    const engine = fakeEngine();
    const most = Array.from({ length: MAX_DROPPED_PATHS }, (_, i) => `/clips/${i}.mp4`);
    await importDroppedPaths(engine, most);
    expect(engine.call).toHaveBeenCalledOnce();
  });
});
