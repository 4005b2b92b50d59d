import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { filterComplexArgs, filterScriptOption, INLINE_FILTER_LIMIT } from './filter-script';
import { detectCapabilities } from './capabilities';
import { runFfmpeg } from './run-ffmpeg';

describe('filter graphs', () => {
  it('picks the script option by ffmpeg version', () => {
    expect(filterScriptOption('5.1.4-0+deb12u1')).toBe('-filter_complex_script');
    expect(filterScriptOption('7.1')).toBe('-/filter_complex');
    expect(filterScriptOption('n8.0-static')).toBe('-/filter_complex');
    expect(filterScriptOption('N-66595-gc2b38619c0-static')).toBe('-filter_complex_script');
    expect(filterScriptOption(null)).toBe('-filter_complex_script');
  });

  it('passes a long graph through a script file that this ffmpeg accepts, then removes it', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-graph-'));
    const caps = await detectCapabilities(path.join(dir, 'config'));
    // 300 chained trims and concats of a test pattern: far past the inline limit, like a long cut list.
    const pieces = Array.from({ length: 300 }, (_, i) => `[0:v]trim=start=${(i * 0.01).toFixed(2)}:duration=0.01,setpts=PTS-STARTPTS[v${i}]`);
    const graph = `[0:v]split=300${Array.from({ length: 300 }, (_, i) => `[s${i}]`).join('')};${pieces.map((p, i) => p.replace('[0:v]', `[s${i}]`)).join(';')};${Array.from({ length: 300 }, (_, i) => `[v${i}]`).join('')}concat=n=300:v=1:a=0[out]`;
    expect(graph.length).toBeGreaterThan(INLINE_FILTER_LIMIT);
    const filter = await filterComplexArgs(graph, caps.ffmpeg.version);
    expect(filter.args[0]).not.toBe('-filter_complex');
    const out = path.join(dir, 'cut.mp4');
    await runFfmpeg({
      program: caps.ffmpeg.path,
      args: ['-y', '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=100:duration=3', ...filter.args, '-map', '[out]', '-c:v', 'libx264', '-preset', 'ultrafast', out],
    });
    await filter.dispose();
    await expect(fs.access(filter.args[1]!)).rejects.toThrow();
    expect((await fs.stat(out)).size).toBeGreaterThan(0);
    await fs.rm(dir, { recursive: true, force: true });
  });
});
