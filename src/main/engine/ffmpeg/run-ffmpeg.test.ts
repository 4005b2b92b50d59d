import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateTool } from './locate';
import { FfmpegCancelled, FfmpegError, runFfmpeg } from './run-ffmpeg';

const ffmpeg = locateTool('ffmpeg').path;
let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-ffmpeg-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const testPattern = (seconds: number) => [
  '-f', 'lavfi', '-i', `testsrc2=size=320x240:rate=30:duration=${seconds}`,
  '-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`,
];

function ffmpegProcesses(marker: string): number {
  const out = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.includes(marker) && !l.includes('ps -eo')).length;
}

describe('runFfmpeg', () => {
  it('reports monotonic progress that ends at exactly 1', async () => {
    const fractions: number[] = [];
    const out = path.join(dir, 'progress.mp4');
    await runFfmpeg({
      program: ffmpeg,
      args: ['-y', ...testPattern(4), '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-shortest', out],
      duration: 4,
      onProgress: (p) => fractions.push(p.fraction!),
    });
    expect(fractions.length).toBeGreaterThan(1);
    expect(fractions.at(-1)).toBe(1);
    for (let i = 1; i < fractions.length; i += 1) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1]!);
    expect((await fs.stat(out)).size).toBeGreaterThan(1000);
  });

  it('stops a running encode on cancel and leaves no ffmpeg process behind', async () => {
    const marker = `cancel-marker-${process.pid}.mkv`;
    const controller = new AbortController();
    let started = false;
    const run = runFfmpeg({
      program: ffmpeg,
      args: ['-y', '-re', ...testPattern(60), '-c:v', 'libx264', '-preset', 'veryslow', path.join(dir, marker)],
      duration: 60,
      signal: controller.signal,
      onProgress: () => {
        if (!started) {
          started = true;
          controller.abort();
        }
      },
    });
    await expect(run).rejects.toBeInstanceOf(FfmpegCancelled);
    expect(ffmpegProcesses(marker)).toBe(0);
  });

  it('fails on a corrupt input with a sentence a person understands', async () => {
    const corrupt = path.join(dir, 'corrupt.mp4');
    await fs.writeFile(corrupt, Buffer.alloc(4096, 7));
    const failure = runFfmpeg({ program: ffmpeg, args: ['-y', '-i', corrupt, path.join(dir, 'never.mp4')] });
    await expect(failure).rejects.toBeInstanceOf(FfmpegError);
    await expect(failure).rejects.toThrow('The file is damaged or is not a media file ffmpeg can read.');
    const error = (await failure.catch((e: unknown) => e)) as FfmpegError;
    expect(error.commandLine).toContain(corrupt);
    expect(error.stderrTail).toMatch(/Invalid data/);
  });

  it('says when ffmpeg itself is missing', async () => {
    await expect(runFfmpeg({ program: path.join(dir, 'no-ffmpeg'), args: [] })).rejects.toThrow(
      /ffmpeg could not be started/,
    );
  });

  it('handles file names with spaces, quotes, colons, percent signs and non-ASCII letters', async () => {
    const name = `Take 1 "final" it's 10:30 100% Ünïcödé 日本.mp4`;
    const source = path.join(dir, name);
    await runFfmpeg({ program: ffmpeg, args: ['-y', ...testPattern(1), '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-shortest', source] });
    const copy = path.join(dir, `copy of ${name}`);
    await runFfmpeg({ program: ffmpeg, args: ['-y', '-i', source, '-c', 'copy', copy] });
    expect((await fs.stat(copy)).size).toBeGreaterThan(1000);
  });
});
