/**
 * The ffmpeg runner's overhead (progress pipe, stderr tail, abort wiring) against bare ffmpeg doing the same encode,
 * measured in the same run, alternating, median of several rounds. Target: ratio ≤ 1.02.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { locateTool } from '../src/main/engine/ffmpeg/locate';
import { runFfmpeg } from '../src/main/engine/ffmpeg/run-ffmpeg';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const cacheDir = path.resolve(import.meta.dirname, '../.cache/bench');
const ffmpeg = locateTool('ffmpeg').path;

async function bare(args: string[]): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(ffmpeg, ['-hide_banner', '-nostats', ...args], { stdio: ['ignore', 'ignore', 'ignore'] });
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited ${code}`))));
  });
}

async function timed(run: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

await fs.mkdir(cacheDir, { recursive: true });
const source = path.join(cacheDir, 'source-720p-20s.mp4');
await fs.access(source).catch(() =>
  bare(['-y', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30:duration=20', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=20', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-shortest', source]),
);
const encode = (out: string) => ['-y', '-i', source, '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-c:a', 'aac', out];

const bareTimes: number[] = [];
const runnerTimes: number[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  bareTimes.push(await timed(() => bare(encode(path.join(cacheDir, 'bare.mp4')))));
  let updates = 0;
  runnerTimes.push(
    await timed(() =>
      runFfmpeg({ program: ffmpeg, args: encode(path.join(cacheDir, 'runner.mp4')), duration: 20, onProgress: () => (updates += 1) }).then(() => undefined),
    ),
  );
  if (updates === 0) throw new Error('the runner reported no progress');
}
const ratio = median(runnerTimes) / median(bareTimes);
console.log(`ffmpeg runner vs bare ffmpeg, 20 s 720p H.264 encode, median of ${ROUNDS}:`);
console.log(`  bare   ${median(bareTimes).toFixed(0)} ms`);
console.log(`  runner ${median(runnerTimes).toFixed(0)} ms`);
console.log(`  ratio  ${ratio.toFixed(3)} (target ≤ 1.02)`);
