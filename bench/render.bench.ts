/**
 * Rendering a 5-minute 1080p sequence with 10 cuts, side by side in the same run with:
 * - the floor: bare ffmpeg encoding 5 minutes of the same source without cuts;
 * - auto-editor (Debian package), rendering the same cut list with `--edit none --cut-out`.
 * Everyone encodes with libx264's defaults (preset medium, CRF 23) and AAC at 192 kb/s: auto-editor 22w52a passes no
 * preset or CRF to its video encode, so the others match it. One round each (an encode takes minutes), in this order,
 * on a machine left alone meanwhile.
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { findPreset, type VideoPreset } from '../src/shared/export/presets';
import { RenderPlanSchema } from '../src/shared/render/render-plan';
import type { VideoEncoderChoice } from '../src/main/engine/export/export-args';
import { parseVersion, SOFTWARE_ENCODERS } from '../src/main/engine/ffmpeg/encoders';
import { filterComplexArgs } from '../src/main/engine/ffmpeg/filter-script';
import { locateTool } from '../src/main/engine/ffmpeg/locate';
import { runFfmpeg } from '../src/main/engine/ffmpeg/run-ffmpeg';
import { buildRenderGraph } from '../src/main/engine/render/graph/render-graph';
import { buildRenderArgs } from '../src/main/engine/render/render-args';
import { probeRenderSources } from '../src/main/engine/render/render-sources';

const run = promisify(execFile);
const cacheDir = path.resolve(import.meta.dirname, '../.cache/bench');
const ffmpeg = locateTool('ffmpeg').path;
const ffprobe = locateTool('ffprobe').path;
const RATE = 30;
const SOURCE_SECONDS = 330;
/** Ten 3-second cuts, one every 30 s: 300 s are kept, in 11 segments. */
const CUTS = Array.from({ length: 10 }, (_, i) => [(i + 1) * 30, (i + 1) * 30 + 3] as const);
const X264_DEFAULTS: VideoEncoderChoice = { ...SOFTWARE_ENCODERS.h264, codecArgs: ['-c:v', 'libx264', '-preset', 'medium', '-crf', '23'] };
const PRESET = findPreset('h264-1080p') as VideoPreset;

async function bare(args: string[]): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(ffmpeg, ['-hide_banner', '-nostats', '-v', 'error', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited ${code}`))));
  });
}

async function timed(task: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await task();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function seconds(file: string): Promise<number> {
  const { stdout } = await run(ffprobe, ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file]);
  return Number(stdout.trim());
}

async function autoEditorVersion(): Promise<string | null> {
  try {
    return (await run('auto-editor', ['--version'])).stdout.trim();
  } catch {
    return null;
  }
}

await fs.mkdir(cacheDir, { recursive: true });
const source = path.join(cacheDir, 'render-source-1080p-330s.mp4');
await fs.access(source).catch(() =>
  bare([
    '-y',
    '-f', 'lavfi', '-i', `testsrc2=size=1920x1080:rate=${RATE}:duration=${SOURCE_SECONDS}`,
    '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${SOURCE_SECONDS}`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-shortest', source,
  ]),
);

const keep = [[0, CUTS[0]![0]] as const, ...CUTS.map(([, end], i) => [end, CUTS[i + 1]?.[0] ?? SOURCE_SECONDS] as const)];
let timelineStart = 0;
const segments = keep.map(([from, to]) => {
  const segment = { source, sourceStart: from * RATE, timelineStart, duration: (to - from) * RATE };
  timelineStart += segment.duration;
  return segment;
});
const plan = RenderPlanSchema.parse({ frameRate: { num: RATE, den: 1 }, frameSize: { width: 1920, height: 1080 }, duration: timelineStart, video: [{ segments }], audio: [{ segments }] });

const ours = path.join(cacheDir, 'render-ours.mp4');
const floor = path.join(cacheDir, 'render-floor.mp4');
const autoEdited = path.join(cacheDir, 'render-auto-editor.mp4');

const floorSeconds = await timed(() =>
  bare(['-y', '-i', source, '-t', String(timelineStart / RATE), '-map', '0:v:0', '-map', '0:a:0', ...X264_DEFAULTS.codecArgs, '-c:a', 'aac', '-b:a', '192k', '-movflags', '+faststart', floor]),
);
const ourSeconds = await timed(async () => {
  const graph = buildRenderGraph(plan, await probeRenderSources(ffprobe, plan), { video: { width: 1920, height: 1080, fit: 'letterbox', filterSuffix: X264_DEFAULTS.filterSuffix }, audio: true }, null);
  const version = parseVersion((await run(ffmpeg, ['-version'])).stdout);
  const filter = await filterComplexArgs(graph.graph, version);
  try {
    await runFfmpeg({ program: ffmpeg, args: buildRenderArgs({ graph, filterArgs: filter.args, output: ours, preset: PRESET, encoder: X264_DEFAULTS }), duration: graph.durationSeconds });
  } finally {
    await filter.dispose();
  }
});
const aeVersion = await autoEditorVersion();
const aeSeconds = aeVersion
  ? await timed(() =>
      run('auto-editor', [source, '--edit', 'none', '--cut-out', ...CUTS.map(([from, to]) => `${from}sec,${to}sec`), '--my-ffmpeg', '--no-open', '-c:v', 'libx264', '-c:a', 'aac', '-b:a', '192k', '-o', autoEdited], {
        maxBuffer: 64 * 1024 * 1024,
      }),
    )
  : null;

console.log(`Render of a ${timelineStart / RATE} s 1080p${RATE} sequence with ${CUTS.length} cuts (libx264 medium CRF 23, AAC 192 kb/s):`);
console.log(`  floor (bare ffmpeg, no cuts)  ${floorSeconds.toFixed(1)} s  → ${(await seconds(floor)).toFixed(3)} s of output`);
console.log(`  reelsmith (one pass)          ${ourSeconds.toFixed(1)} s  → ${(await seconds(ours)).toFixed(3)} s of output  ratio to floor ${(ourSeconds / floorSeconds).toFixed(3)}`);
if (aeSeconds === null) {
  console.log('  auto-editor                   not installed (apt-get install auto-editor); skipped');
} else {
  console.log(
    `  auto-editor ${aeVersion?.padEnd(17)} ${aeSeconds.toFixed(1)} s  → ${(await seconds(autoEdited)).toFixed(3)} s of output  ratio to floor ${(aeSeconds / floorSeconds).toFixed(3)}, to reelsmith ${(aeSeconds / ourSeconds).toFixed(3)}`,
  );
}
