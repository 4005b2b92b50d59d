/**
 * Import throughput: Reelsmith importing 200 short clips (fingerprint, probe, then a poster that avoids black frames)
 * against bare `ffprobe` plus a one-frame `ffmpeg` thumbnail per file on the same files, in the same run, with the
 * same number of processes at once. Printed in assets per second, with the ratio.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { locateTool } from '../src/main/engine/ffmpeg/locate';
import { defaultCpuSlots } from '../src/main/engine/jobs/job-queue';
import { createEngine } from '../src/main/engine/index';

const CLIPS = Number(process.env.BENCH_CLIPS ?? 200);
const cacheDir = path.resolve(import.meta.dirname, `../.cache/bench/ingest-${CLIPS}`);
const ffmpeg = locateTool('ffmpeg').path;
const ffprobe = locateTool('ffprobe').path;
const slots = defaultCpuSlots(os.availableParallelism());

function run(program: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'ignore', 'ignore'] });
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`${program} exited ${code}`))));
  });
}

async function pool<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

async function clips(): Promise<string[]> {
  const names = Array.from({ length: CLIPS }, (_, i) => path.join(cacheDir, `clip-${String(i).padStart(3, '0')}.mp4`));
  const marker = path.join(cacheDir, 'done');
  if (await fs.access(marker).then(() => true, () => false)) return names;
  await fs.mkdir(cacheDir, { recursive: true });
  console.log(`making ${CLIPS} clips in ${cacheDir} (once)…`);
  await pool(names, os.availableParallelism(), (file) => {
    const i = names.indexOf(file);
    return run(ffmpeg, ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=s=640x360:r=30:d=3,hue=h=${(i * 7) % 360}`, '-f', 'lavfi', '-i', `sine=f=${200 + i}:d=3`, '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-shortest', file]);
  });
  await fs.writeFile(marker, '');
  return names;
}

const files = await clips();
const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

// The peer: what a script would do for each file, the probe then one thumbnail frame.
const peerDir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-bench-peer-'));
const peerStart = process.hrtime.bigint();
await pool(files, slots, async (file) => {
  await run(ffprobe, ['-v', 'error', '-of', 'json', '-show_format', '-show_streams', file]);
  await run(ffmpeg, ['-v', 'error', '-y', '-ss', '1', '-i', file, '-frames:v', '1', '-vf', 'scale=320:-2', path.join(peerDir, `${path.basename(file)}.jpg`)]);
});
const peer = seconds(peerStart);

const root = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-bench-ingest-'));
const engine = createEngine({ shell: 'test', configDir: path.join(root, 'config'), projectsDir: root, cpuSlots: slots });
const opened = await engine.call('project.create', { path: path.join(root, 'Bench') }, { caller: 'local' });
if (!opened.ok) throw new Error(opened.error.message);
const posters = new Set<string>();
let allPosters: () => void;
const postersDone = new Promise<void>((resolve) => (allPosters = resolve));
engine.subscribe((event) => {
  if (event.event !== 'assets.changed') return;
  for (const asset of event.payload.upserted) if (asset.derived.poster === 'ready') posters.add(asset.id);
  if (posters.size === files.length) allPosters();
});
const start = process.hrtime.bigint();
const imported = await engine.call('assets.import', { paths: [cacheDir] }, { caller: 'local' });
if (!imported.ok) throw new Error(imported.error.message);
const probed = seconds(start);
await postersDone;
const ours = seconds(start);
await engine.whenMediaIdle();
const everything = seconds(start);
await engine.dispose();
await fs.rm(root, { recursive: true, force: true });
await fs.rm(peerDir, { recursive: true, force: true });

const rate = (s: number) => (files.length / s).toFixed(1);
console.log(`Import of ${files.length} 3 s 640x360 clips, ${slots} ffmpeg process(es) at once:`);
console.log(`  bare ffprobe + 1-frame ffmpeg  ${peer.toFixed(2)} s  ${rate(peer)} assets/s`);
console.log(`  Reelsmith probe + poster       ${ours.toFixed(2)} s  ${rate(ours)} assets/s  (all in the gallery after ${probed.toFixed(2)} s)`);
console.log(`  ratio (Reelsmith / bare)       ${(ours / peer).toFixed(2)}`);
console.log(`  + filmstrips and waveforms     ${everything.toFixed(2)} s in all`);
