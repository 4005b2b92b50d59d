import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beepOnsets, readPixel } from '../../../../test/media/frame-coded';
import { ensureTalks, scoreSpeech, TALK_VARIANTS, type Talk, type TalkVariant } from '../../../../test/media/talks';
import { runCliCaptured } from '../../cli/captured-run';
import { analyzeSpeech } from '../analysis/speech/analyze-speech';
import { standaloneInference, vadModel } from '../analysis/speech/local-vad';
import { locateTool } from '../ffmpeg/locate';
import type { InferenceService } from '../inference/inference-service';
import { createEngine, type Engine } from '../index';

/**
 * Dead-air removal judged on what it delivers, the exported file, against the talks' ground truth (issue 8): the
 * export lasts the kept ranges, voice detection run again on it finds all the true speech, the pauses are gone, and
 * picture and sound stay together across every cut. Everything goes through `reelsmith autoedit silence`, as a user
 * runs it.
 */

const run = promisify(execFile);
/** Issue 7's targets for the pause time removed beyond 0.25 s of speech. */
const PAUSES_REMOVED_TARGET: Record<TalkVariant, number> = { clean: 0.95, 'quiet-noise': 0.95, 'loud-noise-music': 0.9 };
/** The grid a sound file is cut on (autoedit-commands.ts). */
const AUDIO_FRAME_SECONDS = 1 / 30;
const VIDEO_RATE = 25;
const HALF_TALK_SENTENCES = 7;

let root: string;
let engine: Engine;
let inference: InferenceService;
let talks: Record<TalkVariant, Talk>;
let ffmpeg: string;
const configBefore = process.env.REELSMITH_CONFIG_DIR;

beforeAll(async () => {
  talks = await ensureTalks(90);
  ffmpeg = locateTool('ffmpeg').path;
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-dead-air-'));
  // The CLI's voice detection starts an inference host of its own, which keeps its settings in the config folder.
  process.env.REELSMITH_CONFIG_DIR = path.join(root, 'config');
  engine = createEngine({ shell: 'cli', configDir: path.join(root, 'config'), projectsDir: root });
  inference = standaloneInference(path.join(root, 'config'));
}, 120_000);
afterAll(async () => {
  if (configBefore === undefined) delete process.env.REELSMITH_CONFIG_DIR;
  else process.env.REELSMITH_CONFIG_DIR = configBefore;
  inference.dispose();
  await engine.dispose();
  await fs.rm(root, { recursive: true, force: true });
});

describe('dead-air removal, measured on the export', () => {
  it.each(TALK_VARIANTS)('%s talk: lasts the kept ranges, keeps all the speech, removes the pauses', async (variant) => {
    const talk = talks[variant];
    const output = path.join(root, `${variant}.wav`);
    const edit = await runCliCaptured(engine, root, ['autoedit', 'silence', talk.path, '-o', output, '--json']);
    expect(edit.code, edit.stderr).toBe(0);
    const { kept, report } = JSON.parse(edit.stdout) as { kept: [number, number][]; report: { cuts: number } };

    const exported = await durationOf(output);
    const keptSeconds = total(kept);
    const detected = await analyzeSpeech(output, {}, inference, { model: await vadModel(inference) });
    const truthInOutput = mapThroughKept(talk.speech, kept);
    const speechKept = total(truthInOutput) / total(talk.speech);
    const speechFound = scoreSpeech(truthInOutput, detected.segments.map((s) => [s.start, s.end]), exported).speechKept * speechKept;
    const { pausesDetected: pausesRemoved } = scoreSpeech(talk.speech, kept, talk.durationSeconds);
    console.log(
      `${variant.padEnd(17)} ${report.cuts} cuts; export ${exported.toFixed(3)} s for ${keptSeconds.toFixed(3)} s kept ` +
        `(off by ${Math.abs(exported - keptSeconds).toFixed(4)} s); true speech kept ${speechKept.toFixed(4)}, found again on the ` +
        `export ${speechFound.toFixed(4)}; pause time removed ${pausesRemoved.toFixed(3)}`,
    );

    expect(Math.abs(exported - keptSeconds)).toBeLessThanOrEqual(AUDIO_FRAME_SECONDS * Math.max(1, report.cuts));
    expect(speechFound).toBeGreaterThanOrEqual(0.99);
    expect(pausesRemoved).toBeGreaterThanOrEqual(PAUSES_REMOVED_TARGET[variant]);
  }, 40_000);

  it('keeps each flash with its beep at every cut of a video talk', async () => {
    // The clean talk as a video: the picture flashes for the frame where each sentence starts, and the right channel
    // beeps for exactly that frame (the voice is on the left), so flash and beep must land together after the cuts.
    // Its first half (about six cuts) keeps the 1080p encode of the export within the time a test may take.
    const talk = talks.clean;
    const seconds = talk.speech[HALF_TALK_SENTENCES - 1]![1] + 1;
    const onsetFrames = talk.speech.slice(0, HALF_TALK_SENTENCES).map(([start]) => Math.floor(start * VIDEO_RATE));
    const video = path.join(root, 'flashing-talk.mov');
    await makeFlashingTalk(talk.path, seconds, onsetFrames, video);
    const output = path.join(root, 'flashing-talk-edit.mp4');
    const edit = await runCliCaptured(engine, root, ['autoedit', 'silence', video, '-o', output, '--json']);
    expect(edit.code, edit.stderr).toBe(0);
    const { kept, report } = JSON.parse(edit.stdout) as { kept: [number, number][]; report: { cuts: number } };

    const luma = await readPixel(ffmpeg, output, 960, 540);
    const flashes = luma.flatMap((value, frame) => (value > 128 && !((luma[frame - 1] ?? 0) > 128) ? [frame / VIDEO_RATE] : []));
    const beeps = beepOnsets(await rightChannel(output));
    // Where each flash should be: its source frame mapped through the kept ranges.
    const expected = mapThroughKept(onsetFrames.map((f): [number, number] => [f / VIDEO_RATE, (f + 1) / VIDEO_RATE]), kept).map(([start]) => start);
    const flashErrors = flashes.map((time, i) => Math.abs(time - (expected[i] ?? Infinity)));
    const beepErrors = beeps.map((time, i) => Math.abs(time - (flashes[i] ?? Infinity)));
    console.log(
      `A/V: ${report.cuts} cuts, ${flashes.length} flashes and ${beeps.length} beeps for ${onsetFrames.length} sentence starts; ` +
        `largest flash-to-beep gap ${(Math.max(...beepErrors) * 1000).toFixed(1)} ms, largest flash misplacement ${(Math.max(...flashErrors) * 1000).toFixed(1)} ms`,
    );

    expect(report.cuts).toBeGreaterThan(5);
    expect(flashes).toHaveLength(onsetFrames.length);
    expect(beeps).toHaveLength(onsetFrames.length);
    expect(Math.max(...flashErrors)).toBeLessThan(0.5 / VIDEO_RATE);
    expect(Math.max(...beepErrors)).toBeLessThan(1 / VIDEO_RATE);
  }, 45_000);
});

/** The first `seconds` of a talk with a 160×90 picture, white on `flashFrames` (25 fps), the voice left and beeps right. */
async function makeFlashingTalk(talk: string, seconds: number, flashFrames: readonly number[], file: string): Promise<void> {
  const onFlash = (frame: string) => flashFrames.map((f) => `eq(${frame},${f})`).join('+');
  const frameAtTime = `floor(t*${VIDEO_RATE}+0.000001)`;
  await run(ffmpeg, [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', `nullsrc=s=160x90:r=${VIDEO_RATE}:d=${seconds},geq=lum='if(${onFlash('N')},235,16)':cb=128:cr=128`,
    '-i', talk,
    '-f', 'lavfi', '-i', `aevalsrc='if(${onFlash(frameAtTime)},0.5*sin(2*PI*1000*t),0)':s=48000:d=${seconds}`,
    '-filter_complex', '[1:a][2:a]join=inputs=2:channel_layout=stereo[a]',
    '-map', '0:v', '-map', '[a]',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '12', '-g', '25',
    '-c:a', 'pcm_s16le', '-t', String(seconds),
    file,
  ]);
}

/** The right channel of `file`'s sound as 48 kHz samples. */
async function rightChannel(file: string): Promise<Float32Array> {
  const { stdout } = await run(ffmpeg, ['-v', 'error', '-i', file, '-map', '0:a:0', '-af', 'pan=mono|c0=c1', '-ar', '48000', '-f', 'f32le', '-'], {
    encoding: 'buffer',
    maxBuffer: 256 * 1024 * 1024,
  });
  return new Float32Array(stdout.buffer, stdout.byteOffset, stdout.length / 4);
}

async function durationOf(file: string): Promise<number> {
  const { stdout } = await run(locateTool('ffprobe').path, ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file]);
  return Number(stdout.trim());
}

/** The parts of source `ranges` inside the kept ranges, in the export's time (kept ranges play end to end). */
function mapThroughKept(ranges: readonly (readonly [number, number])[], kept: readonly [number, number][]): [number, number][] {
  const mapped: [number, number][] = [];
  for (const [start, end] of ranges) {
    let at = 0;
    for (const [keptStart, keptEnd] of kept) {
      const from = Math.max(start, keptStart);
      const to = Math.min(end, keptEnd);
      if (to > from) mapped.push([at + from - keptStart, at + to - keptStart]);
      at += keptEnd - keptStart;
    }
  }
  return mapped.sort((a, b) => a[0] - b[0]);
}

function total(ranges: readonly (readonly [number, number])[]): number {
  return ranges.reduce((sum, [start, end]) => sum + end - start, 0);
}
