import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { locateTool } from '../../src/main/engine/ffmpeg/locate';
import type { SceneCutType } from '../../src/shared/analysis/scenes';

/**
 * Clips for scene detection, made from visually distinct lavfi sources joined by hard cuts, a fade through black and
 * a dissolve, with white flashes inside shots and a rotating and a panning shot. The truth (every transition's frame
 * and type) follows from the plan by construction, never from analysing the file. Files are cached under
 * `.cache/test-media/scenes/` by a hash of the ffmpeg command that makes them, so a changed recipe makes a new file.
 */

export interface TrueCut {
  type: SceneCutType;
  /** For a cut, the first frame of the new shot; for a fade or dissolve, the middle frame of the transition. */
  frame: number;
  /** Frames the transition covers, [start, end); a cut covers only its frame. */
  start: number;
  end: number;
}

/** A stretch of frames that is one shot, where a detector must report nothing. */
export interface TrueSpan {
  start: number;
  end: number;
}

export interface SceneClip {
  path: string;
  width: number;
  height: number;
  frameRate: number;
  frames: number;
  /** Every transition from one shot to the next: hard cuts, the fade and the dissolve. */
  cuts: TrueCut[];
  /** Each white flash: the flashed frames (one or two) inside a shot. */
  flashes: TrueSpan[];
  /** Shots with camera motion (a rotation, a pan). */
  motion: TrueSpan[];
}

interface Shot {
  /** A lavfi source with its options, without size, rate and duration: `testsrc2`, `color=c=navy`. */
  source: string;
  seconds: number;
  /** Filters after the source, e.g. a rotation; they must keep the size. */
  filters?: string;
  /** How this shot begins after the previous one. */
  enter?: { type: 'cut' } | { type: 'fade' | 'dissolve'; seconds: number };
  /** White flashes, as [first frame inside the shot, length in frames]. */
  flashes?: [number, number][];
  /** Whether the camera moves in this shot. */
  moving?: boolean;
}

export interface SceneClipOptions {
  width?: number;
  height?: number;
  frameRate?: number;
  /** The standard plan played this many times in a row (a cut joins the copies): a longer clip for benchmarks. */
  repeat?: number;
}

/** Makes (or reuses) the scene test clip and returns it with its truth. */
export async function ensureSceneClip(options: SceneClipOptions = {}): Promise<SceneClip> {
  const width = options.width ?? 320;
  const height = options.height ?? 180;
  const frameRate = options.frameRate ?? 25;
  const shots = Array.from({ length: options.repeat ?? 1 }, (_, copy) =>
    STANDARD_PLAN.map((shot, i) => (copy > 0 && i === 0 ? { ...shot, enter: { type: 'cut' as const } } : shot)),
  ).flat();
  const plan = layOut(shots, frameRate);
  const args = ffmpegArgs(shots, plan, width, height, frameRate);
  const hash = createHash('sha256').update(JSON.stringify(args)).digest('hex').slice(0, 16);
  const file = path.join(CACHE_DIR, `scenes-${width}x${height}-${frameRate}-${hash}.mp4`);
  if (!(await exists(file))) await makeAtomically(file, args);
  return { path: file, width, height, frameRate, ...plan };
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CACHE_DIR = path.join(REPO_ROOT, '.cache', 'test-media', 'scenes');

/** Each source differs from its neighbours in colour and layout, so every cut is a real change of picture. */
const STANDARD_PLAN: Shot[] = [
  { source: 'testsrc2', seconds: 3, flashes: [[40, 1]] },
  { source: 'smptebars', seconds: 2.5, enter: { type: 'cut' } },
  { source: 'mandelbrot', seconds: 3, enter: { type: 'cut' }, flashes: [[30, 2]] },
  { source: 'rgbtestsrc', seconds: 3, enter: { type: 'fade', seconds: 1 } },
  {
    source: 'testsrc2',
    seconds: 3,
    filters: 'scale=iw*1.6:ih*1.6,rotate=a=0.7*t:ow=iw/1.6:oh=ih/1.6:c=gray',
    enter: { type: 'cut' },
    moving: true,
  },
  { source: 'color=c=navy', seconds: 2, filters: 'drawbox=x=iw/8:y=ih/6:w=iw*3/8:h=ih/2:c=yellow:t=fill', enter: { type: 'cut' } },
  { source: 'cellauto=rule=110', seconds: 3, enter: { type: 'dissolve', seconds: 1 } },
  {
    // A camera panning across a still, detailed picture.
    source: 'smptehdbars',
    seconds: 3,
    // Sizes relative to the frame, so the pan looks the same at every clip size: 0.56 frame widths a second.
    filters: 'scale=iw*3:ih,drawgrid=w=iw/26:h=ih/8:c=white@0.8:t=iw/480,crop=iw/3:ih:x=t*ow*0.56:y=0',
    enter: { type: 'cut' },
    moving: true,
  },
  { source: 'life=mold=10:ratio=0.3:life_color=#ff8800:death_color=#003322', seconds: 2.5, enter: { type: 'cut' } },
  { source: 'gradients=c0=red:c1=blue:speed=0.02', seconds: 2.5, enter: { type: 'cut' } },
];

function layOut(shots: Shot[], frameRate: number): Omit<SceneClip, 'path' | 'width' | 'height' | 'frameRate'> {
  const cuts: TrueCut[] = [];
  const flashes: TrueSpan[] = [];
  const motion: TrueSpan[] = [];
  let length = 0;
  for (const shot of shots) {
    const shotFrames = Math.round(shot.seconds * frameRate);
    let start = length;
    const enter = shot.enter;
    if (enter?.type === 'cut') cuts.push({ type: 'cut', frame: start, start, end: start + 1 });
    if (enter && enter.type !== 'cut') {
      const overlap = Math.round(enter.seconds * frameRate);
      start = length - overlap;
      cuts.push({ type: enter.type, frame: start + Math.floor(overlap / 2), start, end: length });
    }
    for (const [at, frames] of shot.flashes ?? []) flashes.push({ start: start + at, end: start + at + frames });
    // A moving shot counts from the end of the transition into it.
    if (shot.moving) motion.push({ start: Math.max(start, length), end: start + shotFrames });
    length = start + shotFrames;
  }
  return { frames: length, cuts, flashes, motion };
}

function ffmpegArgs(shots: Shot[], plan: ReturnType<typeof layOut>, width: number, height: number, frameRate: number): string[] {
  const inputs = shots.flatMap((shot) => {
    const sized = `${shot.source}${shot.source.includes('=') ? ':' : '='}s=${width}x${height}:r=${frameRate}`;
    return ['-f', 'lavfi', '-i', sized];
  });
  const chains = shots.map((shot, i) => {
    const frames = Math.round(shot.seconds * frameRate);
    const flashes = (shot.flashes ?? []).map(
      ([at, n]) => `,drawbox=x=0:y=0:w=iw:h=ih:c=white:t=fill:enable='between(n,${at},${at + n - 1})'`,
    );
    const extra = shot.filters ? `,${shot.filters}` : '';
    return `[${i}:v]format=yuv420p${extra},scale=${width}:${height},setsar=1,trim=end_frame=${frames}${flashes.join('')},setpts=N/${frameRate}/TB,settb=1/${frameRate}[s${i}]`;
  });
  const joins: string[] = [];
  let joined = 's0';
  let length = Math.round(shots[0]!.seconds * frameRate);
  shots.slice(1).forEach((shot, k) => {
    const i = k + 1;
    const out = `j${i}`;
    const enter = shot.enter ?? { type: 'cut' };
    if (enter.type === 'cut') {
      joins.push(`[${joined}][s${i}]concat=n=2:v=1:a=0,settb=1/${frameRate}[${out}]`);
    } else {
      const overlap = Math.round(enter.seconds * frameRate);
      const transition = enter.type === 'fade' ? 'fadeblack' : 'fade';
      joins.push(
        `[${joined}][s${i}]xfade=transition=${transition}:duration=${overlap / frameRate}:offset=${(length - overlap) / frameRate},settb=1/${frameRate}[${out}]`,
      );
      length -= overlap;
    }
    length += Math.round(shot.seconds * frameRate);
    joined = out;
  });
  if (length !== plan.frames) throw new Error(`scene clip plan is ${plan.frames} frames but the graph makes ${length}`);
  return [
    ...inputs,
    '-filter_complex',
    [...chains, ...joins].join(';'),
    '-map',
    `[${joined}]`,
    '-frames:v',
    String(plan.frames),
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-crf',
    '18',
    '-pix_fmt',
    'yuv420p',
  ];
}

async function makeAtomically(file: string, args: string[]): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  // Made under a temporary name and renamed, so parallel test workers never see half a file.
  const staging = `${file}.${process.pid}-${Date.now()}.tmp.mp4`;
  try {
    await promisify(execFile)(locateTool('ffmpeg').path, ['-v', 'error', '-nostdin', '-y', ...args, staging], {
      maxBuffer: 16 * 1024 * 1024,
    });
    await fs.rename(staging, file);
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? (error as Error).message).trim();
    throw new Error(`Making the scene test clip failed: ${stderr}`, { cause: error });
  } finally {
    await fs.rm(staging, { force: true });
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

export interface DetectedCut {
  frame: number;
  type?: SceneCutType;
}

export interface CutScore {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
  /** Matched detections whose type differs from the truth's. */
  wrongType: number;
}

/**
 * Matches detections to true transitions one to one, each within `toleranceFrames` of the true frame (nearest
 * first), and scores the match. With `type`, only true transitions of that type count, and only detections not
 * matched to a transition of another type count against it.
 */
export function scoreCuts(
  truth: readonly TrueCut[],
  detected: readonly DetectedCut[],
  toleranceFrames = 2,
  type?: SceneCutType,
): CutScore {
  const pairs: { t: number; d: number; distance: number }[] = [];
  truth.forEach((t, ti) =>
    detected.forEach((d, di) => {
      const distance = Math.abs(d.frame - t.frame);
      if (distance <= toleranceFrames) pairs.push({ t: ti, d: di, distance });
    }),
  );
  pairs.sort((a, b) => a.distance - b.distance);
  const truthMatch = new Map<number, number>();
  const detectedMatch = new Map<number, number>();
  for (const pair of pairs) {
    if (truthMatch.has(pair.t) || detectedMatch.has(pair.d)) continue;
    truthMatch.set(pair.t, pair.d);
    detectedMatch.set(pair.d, pair.t);
  }
  const counts = (ti: number) => type === undefined || truth[ti]!.type === type;
  const truePositives = [...truthMatch.keys()].filter(counts).length;
  const relevantTruth = truth.filter((_, ti) => counts(ti)).length;
  const falsePositives = detected.filter((d, di) => {
    if (detectedMatch.has(di)) return false;
    return type === undefined || d.type === undefined || d.type === type;
  }).length;
  const wrongType = [...truthMatch.entries()].filter(([ti, di]) => counts(ti) && detected[di]!.type !== undefined && detected[di]!.type !== truth[ti]!.type).length;
  const precision = truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives);
  const recall = relevantTruth === 0 ? 1 : truePositives / relevantTruth;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives, falsePositives, falseNegatives: relevantTruth - truePositives, precision, recall, f1, wrongType };
}

/**
 * ffmpeg's own scene detector (`scdet`), the peer to compare with: the frames where it reports a scene change.
 * It prints `lavfi.scd.time` for each on stderr.
 */
export async function runScdet(file: string, frameRate: number, threshold = 10): Promise<DetectedCut[]> {
  const { stderr } = await promisify(execFile)(
    locateTool('ffmpeg').path,
    ['-hide_banner', '-nostdin', '-i', file, '-map', '0:v:0', '-vf', `scdet=threshold=${threshold}`, '-f', 'null', '-'],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return [...stderr.matchAll(/lavfi\.scd\.time: ([\d.]+)/g)].map((m) => ({ frame: Math.round(Number(m[1]) * frameRate) }));
}
