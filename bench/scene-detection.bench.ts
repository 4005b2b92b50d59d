/**
 * Scene detection against its peers on the same generated clip with known transitions (test/media/scene-clips.ts,
 * played BENCH_REPEAT times, 1280×720 unless BENCH_SIZE says otherwise), measured in the same run, median of
 * BENCH_ROUNDS: bare decode (`ffmpeg -f null`, the floor), the decode and downscale our analysis reads, ffmpeg's
 * `scdet` alone, and Reelsmith's detectScenes; then F1 (two-frame tolerance) of each detector on the truth.
 * Target (issue 7): within 1.3x of bare decode. PySceneDetect is compared when its Debian package is installed.
 *
 *   npx tsx bench/scene-detection.bench.ts
 */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { detectScenes } from '../src/main/engine/analysis/scenes/detect-scenes';
import { locateTool } from '../src/main/engine/ffmpeg/locate';
import { ensureSceneClip, runScdet, scoreCuts, type DetectedCut, type CutScore } from '../test/media/scene-clips';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 7);
const [WIDTH, HEIGHT] = (process.env.BENCH_SIZE ?? '1280x720').split('x').map(Number) as [number, number];
const ffmpeg = locateTool('ffmpeg').path;

async function bare(args: string[]): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(ffmpeg, ['-hide_banner', '-nostats', '-nostdin', ...args], { stdio: ['ignore', 'ignore', 'ignore'] });
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited ${code}`))));
  });
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** PySceneDetect's CLI, when Debian's python3-scenedetect is installed: the frames its content detector cuts at. */
async function pySceneDetect(file: string): Promise<DetectedCut[] | null> {
  try {
    const { stdout } = await promisify(execFile)('scenedetect', ['-i', file, '-q', 'detect-content', 'list-scenes', '-n', '-s', '-o', '/dev/stdout'], {
      maxBuffer: 64 * 1024 * 1024,
    });
    // list-scenes CSV rows: scene number, start frame, ...; each scene after the first starts at a cut.
    return stdout
      .split('\n')
      .map((line) => line.split(','))
      .filter((cells) => /^\d+$/.test(cells[0] ?? '') && Number(cells[0]) > 1)
      .map((cells) => ({ frame: Number(cells[1]) - 1 }));
  } catch {
    return null;
  }
}

const clipStart = Date.now();
const clip = await ensureSceneClip({ width: WIDTH, height: HEIGHT, repeat: REPEAT });
console.log(`clip: ${WIDTH}x${HEIGHT}, ${(clip.frames / clip.frameRate).toFixed(0)} s, ${clip.cuts.length} transitions (ready in ${((Date.now() - clipStart) / 1000).toFixed(1)} s)`);

const times = { decode: [] as number[], downscale: [] as number[], scdet: [] as number[], ours: [] as number[] };
let ourCuts: DetectedCut[] = [];
let scdetCuts: DetectedCut[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  times.decode.push(await timed(() => bare(['-i', clip.path, '-map', '0:v:0', '-f', 'null', '-'])));
  times.downscale.push(
    await timed(() => bare(['-i', clip.path, '-map', '0:v:0', '-vf', 'fps=25,scale=160:90:flags=area,format=rgb24', '-f', 'rawvideo', '-y', '/dev/null'])),
  );
  times.scdet.push(await timed(async () => (scdetCuts = await runScdet(clip.path, clip.frameRate))));
  times.ours.push(await timed(async () => (ourCuts = (await detectScenes(clip.path)).cuts)));
}

const floor = median(times.decode);
const row = (name: string, ms: number) => console.log(`  ${name.padEnd(34)} ${(ms / 1000).toFixed(2).padStart(7)} s   ${(ms / floor).toFixed(2)}x decode`);
console.log(`time, median of ${ROUNDS}:`);
row('bare decode (ffmpeg -f null)', floor);
row('decode + downscale to 160x90 rgb', median(times.downscale));
row('ffmpeg scdet', median(times.scdet));
row('Reelsmith detectScenes', median(times.ours));
console.log(`  Reelsmith / scdet: ${(median(times.ours) / median(times.scdet)).toFixed(2)}   (target within 1.3x of bare decode)`);

const describe = (score: CutScore) =>
  `F1 ${score.f1.toFixed(3)}  precision ${score.precision.toFixed(3)}  recall ${score.recall.toFixed(3)}  (${score.truePositives} found, ${score.falsePositives} false, ${score.falseNegatives} missed)`;
console.log('accuracy, two-frame tolerance:');
console.log(`  Reelsmith, all       ${describe(scoreCuts(clip.cuts, ourCuts))}`);
for (const type of ['cut', 'fade', 'dissolve'] as const) {
  const score = scoreCuts(clip.cuts, ourCuts, 2, type);
  console.log(`  Reelsmith, ${type.padEnd(9)} ${describe(score)}, wrong type ${score.wrongType}`);
}
console.log(`  ffmpeg scdet         ${describe(scoreCuts(clip.cuts, scdetCuts))}`);
const onFlashes = scdetCuts.filter((d) => clip.flashes.some((f) => d.frame >= f.start - 2 && d.frame < f.end + 2)).length;
console.log(`  scdet reports ${onFlashes} change(s) on the ${clip.flashes.length} flashes; Reelsmith ${ourCuts.filter((d) => clip.flashes.some((f) => d.frame >= f.start - 2 && d.frame < f.end + 2)).length}`);

const pyStart = process.hrtime.bigint();
const pyCuts = await pySceneDetect(clip.path);
if (pyCuts) {
  const ms = Number(process.hrtime.bigint() - pyStart) / 1e6;
  row('PySceneDetect (detect-content)', ms);
  console.log(`  PySceneDetect        ${describe(scoreCuts(clip.cuts, pyCuts))}`);
} else {
  console.log('  PySceneDetect: not compared (Debian has no python3-scenedetect package; the scenedetect command is not installed)');
}
