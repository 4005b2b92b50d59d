import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RenderPlanSchema, type RenderPlan } from '../../../shared/render/render-plan';
import { beepOnsets, makeFrameCodedSource, readCodedFrames, readSamples } from '../../../../test/media/frame-coded';
import { detectCapabilities, type FfmpegCapabilities } from '../ffmpeg/capabilities';
import { JobQueue } from '../jobs/job-queue';
import { PartialFiles } from '../jobs/partial-files';
import { renderJob } from './render-job';
import { checkStreamCopy, KeyframeIndex } from './stream-copy';

let dir: string;
let caps: FfmpegCapabilities;
const keyframes = new KeyframeIndex();
const file = (name: string) => path.join(dir, name);
const PAL = { num: 25, den: 1 };
const NTSC = { num: 30000, den: 1001 };

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-copy-'));
  caps = await detectCapabilities(path.join(dir, 'config'));
  await Promise.all([
    // A keyframe every second.
    makeFrameCodedSource(caps.ffmpeg.path, file('gop25.mp4'), { rate: '25', frames: 300, gop: 25, flashEvery: 10 }),
    makeFrameCodedSource(caps.ffmpeg.path, file('bframes.mp4'), { rate: '30000/1001', frames: 300, gop: 30, flashEvery: 10, bFrames: true }),
  ]);
}, 60_000);

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function cutPlan(source: string, rate: { num: number; den: number }, cuts: readonly (readonly [number, number])[]): RenderPlan {
  let timelineStart = 0;
  const segments = cuts.map(([sourceStart, duration]) => {
    const segment = { source, sourceStart, timelineStart, duration };
    timelineStart += duration;
    return segment;
  });
  return RenderPlanSchema.parse({ frameRate: rate, frameSize: { width: 320, height: 180 }, duration: timelineStart, video: [{ segments }], audio: [{ segments }] });
}

async function copy(plan: RenderPlan, output: string) {
  const queue = new JobQueue({ slots: { cpu: 1, inference: 1 }, partials: new PartialFiles(file('partials')) });
  const job = queue.submit(renderJob(caps, { plan, output, presetId: 'h264-1080p', fit: 'letterbox', method: 'stream-copy' }, { keyframes }));
  return queue.whenSettled(job.id);
}

async function durations(output: string) {
  const { stdout } = await promisify(execFile)(caps.ffprobe.path, ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name,duration,nb_frames', '-of', 'json', output]);
  const streams = (JSON.parse(stdout) as { streams: { codec_type: string; codec_name: string; duration: string; nb_frames: string }[] }).streams;
  const video = streams.find((s) => s.codec_type === 'video')!;
  const audio = streams.find((s) => s.codec_type === 'audio')!;
  return { codec: video.codec_name, frames: Number(video.nb_frames), videoSeconds: Number(video.duration), audioSeconds: Number(audio.duration) };
}

const expectedFrames = (cuts: readonly (readonly [number, number])[]) => cuts.flatMap(([start, length]) => Array.from({ length }, (_, i) => start + i));

describe('lossless stream copy', () => {
  it('copies cuts that start on keyframes frame-exactly, with the sound in sync', async () => {
    const cuts = [[50, 30], [125, 25], [25, 12], [275, 25]] as const;
    const plan = cutPlan(file('gop25.mp4'), PAL, cuts);
    expect(await checkStreamCopy(caps, plan, '.mp4', keyframes)).toEqual({ ok: true });
    const output = file('copied.mp4');
    const done = await copy(plan, output);
    expect(done.state, done.error?.message).toBe('succeeded');

    const { numbers, flashes } = await readCodedFrames(caps.ffmpeg.path, output);
    expect(numbers).toEqual(expectedFrames(cuts));
    const facts = await durations(output);
    expect(facts).toMatchObject({ codec: 'h264', frames: 92, videoSeconds: 3.68 });
    expect(Math.abs(facts.audioSeconds - 3.68)).toBeLessThan(0.025);
    const flashTimes = flashes.flatMap((flash, frame) => (flash && !flashes[frame - 1] ? [frame / 25] : []));
    const onsets = beepOnsets(await readSamples(caps.ffmpeg.path, output));
    expect(onsets).toHaveLength(flashTimes.length);
    onsets.forEach((onset, i) => expect(Math.abs(onset - flashTimes[i]!)).toBeLessThan(1 / 25));
    expect((await fs.readdir(dir)).filter((name) => name.startsWith('.reelsmith-copy'))).toEqual([]);
  });

  it('is not offered when a cut starts between keyframes, and says which', async () => {
    const plan = cutPlan(file('gop25.mp4'), PAL, [[50, 30], [130, 20]]);
    const verdict = await checkStreamCopy(caps, plan, '.mp4', keyframes);
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason).toMatch(/Segment 2 \(gop25\.mp4\) starts at 5\.20 s of gop25\.mp4, between keyframes at 5\.00 s and 6\.00 s/);
    const done = await copy(plan, file('refused.mp4'));
    expect(done.state).toBe('failed');
    expect(done.error?.message).toMatch(/cannot be rendered losslessly: .*keyframe/);
  });

  it('copies a 29.97 fps source with B-frames exactly when cuts start and end on keyframes', async () => {
    const cuts = [[60, 30], [150, 60], [30, 30], [270, 30]] as const;
    const plan = cutPlan(file('bframes.mp4'), NTSC, cuts);
    expect(await checkStreamCopy(caps, plan, '.mp4', keyframes)).toEqual({ ok: true });
    const output = file('bframes-copied.mp4');
    const done = await copy(plan, output);
    expect(done.state, done.error?.message).toBe('succeeded');
    expect((await readCodedFrames(caps.ffmpeg.path, output)).numbers).toEqual(expectedFrames(cuts));
    const facts = await durations(output);
    expect(facts.frames).toBe(150);
    expect(facts.videoSeconds).toBeCloseTo((150 * 1001) / 30000, 5);
  });

  it('is not offered when a source with B-frames would be cut out between keyframes', async () => {
    const verdict = await checkStreamCopy(caps, cutPlan(file('bframes.mp4'), NTSC, [[60, 25]]), '.mp4', keyframes);
    expect(!verdict.ok && verdict.reason).toMatch(/B-frames/);
  });
});
