import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPreset, type VideoPreset } from '../../../shared/export/presets';
import type { Job } from '../../../shared/jobs';
import { RenderPlanSchema, type RenderPlan, type RenderPlanInput } from '../../../shared/render/render-plan';
import { beepOnsets, makeFrameCodedSource, readCodedFrames, readPixel, readSamples } from '../../../../test/media/frame-coded';
import type { VideoEncoderChoice } from '../export/export-args';
import { detectCapabilities, type FfmpegCapabilities } from '../ffmpeg/capabilities';
import { SOFTWARE_ENCODERS } from '../ffmpeg/encoders';
import { filterComplexArgs } from '../ffmpeg/filter-script';
import { runFfmpeg } from '../ffmpeg/run-ffmpeg';
import { JobQueue } from '../jobs/job-queue';
import { PartialFiles } from '../jobs/partial-files';
import { filterOptionValue } from './graph/filter-escape';
import { buildRenderGraph } from './graph/render-graph';
import { buildRenderArgs } from './render-args';
import { renderJob } from './render-job';
import { probeRenderSources } from './render-sources';
import { KeyframeIndex } from './stream-copy';
import { findTitleFont } from './title-font';

let dir: string;
let caps: FfmpegCapabilities;
let ffmpeg: string;
const file = (name: string) => path.join(dir, name);

/** The real encoder settings would make these tests slow; the graph is what they check. */
const FAST_X264: VideoEncoderChoice = { ...SOFTWARE_ENCODERS.h264, codecArgs: ['-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '12'] };
const MP4 = findPreset('h264-1080p') as VideoPreset;
const MOV_PCM = findPreset('prores-422-1080p') as VideoPreset;
/** The flat sources' luma (60 and 200, video range) as read back in full-range gray. */
const DARK = 51;
const LIGHT = 214;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-render-'));
  caps = await detectCapabilities(path.join(dir, 'config'));
  ffmpeg = caps.ffmpeg.path;
  await Promise.all([
    makeFrameCodedSource(ffmpeg, file('coded-25.mp4'), { rate: '25', frames: 400, gop: 50, flashEvery: 10 }),
    makeFrameCodedSource(ffmpeg, file('coded-ntsc.mp4'), { rate: '30000/1001', frames: 300, gop: 30, flashEvery: 10, bFrames: true }),
    makeFrameCodedSource(ffmpeg, file('flash-beep.mp4'), { rate: '25', frames: 1000, gop: 50, flashEvery: 8 }),
    // 2 s: every frame flashes, so its sound is a steady tone from start to end.
    makeFrameCodedSource(ffmpeg, file('short.mp4'), { rate: '25', frames: 50, gop: 25, flashEvery: 1 }),
    // A picture of 1 s in an 8 s file: the sound goes on after it. MP4 gives the picture's own duration; Matroska
    // gives none, so there the render knows only the file's.
    ...['picture-ends-early.mp4', 'picture-ends-early.mkv'].map((name) =>
      runFfmpeg({
        program: ffmpeg,
        args: ['-y', '-f', 'lavfi', '-i', 'testsrc2=s=320x180:r=25:d=1', '-f', 'lavfi', '-i', 'sine=f=440:d=8', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', file(name)],
      }),
    ),
    // Frames 0–29 at 30 fps, then frames 30–59 at 15 fps (timestamps in 1/30 s).
    makeFrameCodedSource(ffmpeg, file('vfr.mp4'), { rate: '30', frames: 60, gop: 30, flashEvery: 1000, setpts: 'if(lt(N,30),N,2*N-30)' }),
    runFfmpeg({
      program: ffmpeg,
      args: ['-y', '-f', 'lavfi', '-i', 'nullsrc=s=320x180:r=25:d=2,geq=lum=60:cb=128:cr=128', '-f', 'lavfi', '-i', 'sine=f=440:d=2', '-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '0', '-c:a', 'aac', file('dark.mp4')],
    }),
    runFfmpeg({
      program: ffmpeg,
      args: ['-y', '-f', 'lavfi', '-i', 'nullsrc=s=320x180:r=25:d=2,geq=lum=200:cb=128:cr=128', '-f', 'lavfi', '-i', 'sine=f=880:d=2', '-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '0', '-c:a', 'aac', file('light.mp4')],
    }),
    runFfmpeg({ program: ffmpeg, args: ['-y', '-f', 'lavfi', '-i', 'color=c=white:s=40x40', '-frames:v', '1', file('white.png')] }),
    // Opaque white on the left, transparent red on the right: the red shows only if the alpha is lost.
    runFfmpeg({
      program: ffmpeg,
      args: ['-y', '-f', 'lavfi', '-i', 'color=c=white:s=160x180:r=25:d=1,format=rgba,pad=320:180:0:0:color=red@0', '-c:v', 'libvpx-vp9', '-pix_fmt', 'yuva420p', file('sticker.webm')],
    }),
    // The same bars as SDR and as HDR (PQ, BT.2020, 10-bit).
    runFfmpeg({ program: ffmpeg, args: ['-y', '-f', 'lavfi', '-i', 'testsrc2=s=320x180:r=25:d=1', '-c:v', 'libx264', '-preset', 'ultrafast', file('bars-sdr.mp4')] }),
    runFfmpeg({
      program: ffmpeg,
      args: [
        '-y', '-f', 'lavfi', '-i', 'testsrc2=s=320x180:r=25:d=1,zscale=tin=bt709:pin=bt709:min=bt709:t=smpte2084:p=bt2020:m=bt2020nc:npl=100,format=yuv420p10le',
        '-c:v', 'libx264', '-preset', 'ultrafast', '-color_trc', 'smpte2084', '-color_primaries', 'bt2020', '-colorspace', 'bt2020nc', file('bars-pq.mp4'),
      ],
    }),
  ]);
}, 60_000);

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Hard cuts, one after another from frame 0, with the same stretches on a video layer and an audio track. */
function cutPlan(source: string, rate: { num: number; den: number }, cuts: readonly (readonly [start: number, length: number])[]): RenderPlan {
  let timelineStart = 0;
  const segments = cuts.map(([sourceStart, duration]) => {
    const segment = { source, sourceStart, timelineStart, duration };
    timelineStart += duration;
    return segment;
  });
  return RenderPlanSchema.parse({ frameRate: rate, frameSize: { width: 320, height: 180 }, duration: timelineStart, video: [{ segments }], audio: [{ segments }] });
}

/** The source frame numbers a cut plan must show, in order. */
function expectedFrames(cuts: readonly (readonly [number, number])[]): number[] {
  return cuts.flatMap(([start, length]) => Array.from({ length }, (_, i) => start + i));
}

/** Renders at the plan's own size with a fast encoder, through the same graph, arguments and script files as a job. */
async function render(plan: RenderPlan, output: string, preset: VideoPreset = MP4): Promise<{ filterArgs: string[] }> {
  const sources = await probeRenderSources(caps.ffprobe.path, plan);
  const graph = buildRenderGraph(plan, sources, { video: { width: plan.frameSize.width, height: plan.frameSize.height, fit: 'letterbox', filterSuffix: 'format=yuv420p' }, audio: true }, findTitleFont());
  const filter = await filterComplexArgs(graph.graph, caps.ffmpeg.version);
  try {
    await runFfmpeg({ program: ffmpeg, args: buildRenderArgs({ graph, filterArgs: filter.args, output, preset, encoder: FAST_X264 }) });
  } finally {
    await filter.dispose();
  }
  return { filterArgs: filter.args };
}

/** Seconds of each stream of a file, and its video frame count. */
async function streamFacts(output: string) {
  const { stdout } = await promisify(execFile)(caps.ffprobe.path, ['-v', 'error', '-count_frames', '-show_entries', 'stream=codec_type,duration,nb_read_frames', '-of', 'json', output]);
  const streams = (JSON.parse(stdout) as { streams: { codec_type: string; duration: string; nb_read_frames?: string }[] }).streams;
  const video = streams.find((s) => s.codec_type === 'video');
  const audio = streams.find((s) => s.codec_type === 'audio');
  return { frames: Number(video?.nb_read_frames), videoSeconds: Number(video?.duration), audioSeconds: Number(audio?.duration) };
}

describe('frame accuracy', () => {
  it('shows exactly the planned source frame at every cut, cutting mid-GOP, backwards and to the last frame', async () => {
    // GOPs are 50 frames: only 0 and 150 are keyframes among these in-points.
    const cuts = [[0, 13], [37, 7], [310, 20], [17, 31], [99, 1], [151, 9], [3, 3], [390, 10], [120, 25], [61, 2], [150, 15]] as const;
    const plan = cutPlan(file('coded-25.mp4'), { num: 25, den: 1 }, cuts);
    const output = file('cuts-25.mp4');
    await render(plan, output);
    const { numbers } = await readCodedFrames(ffmpeg, output);
    expect(numbers).toEqual(expectedFrames(cuts));
    const facts = await streamFacts(output);
    expect(facts.frames).toBe(plan.duration);
    expect(Math.abs(facts.audioSeconds - plan.duration / 25)).toBeLessThan(1 / 25);
  });

  it('resamples a variable-frame-rate source to the plan rate before cutting', async () => {
    // At 30 fps each 15 fps frame shows twice: timeline frame 40 is source time 1.333 s, source frame 35.
    const cuts = [[25, 10], [40, 20]] as const;
    const plan = cutPlan(file('vfr.mp4'), { num: 30, den: 1 }, cuts);
    const output = file('cuts-vfr.mp4');
    await render(plan, output);
    const shown = (frame: number) => (frame < 30 ? frame : 30 + Math.floor((frame - 30) / 2));
    expect((await readCodedFrames(ffmpeg, output)).numbers).toEqual(expectedFrames(cuts).map(shown));
  });

  it('is exact at 29.97 fps on a source with B-frames', async () => {
    const cuts = [[5, 20], [200, 30], [45, 10], [150, 1], [290, 10], [31, 17]] as const;
    const plan = cutPlan(file('coded-ntsc.mp4'), { num: 30000, den: 1001 }, cuts);
    const output = file('cuts-ntsc.mp4');
    await render(plan, output);
    expect((await readCodedFrames(ffmpeg, output)).numbers).toEqual(expectedFrames(cuts));
    expect((await streamFacts(output)).frames).toBe(plan.duration);
  });
});

describe('A/V sync', () => {
  it('keeps every beep on its flash frame across 50 cuts, through a filter script file', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const cuts = Array.from({ length: 50 }, () => [Math.floor(random() * 970), 9 + Math.floor(random() * 12)] as const);
    const plan = cutPlan(file('flash-beep.mp4'), { num: 25, den: 1 }, cuts);
    const output = file('sync.mp4');
    const { filterArgs } = await render(plan, output);
    expect(filterArgs[0]).toBe('-filter_complex_script');

    const { numbers, flashes } = await readCodedFrames(ffmpeg, output);
    expect(numbers).toEqual(expectedFrames(cuts));
    // A flash on the last frame of a segment and one on the first of the next make one long beep.
    const flashTimes = flashes.flatMap((flash, frame) => (flash && !flashes[frame - 1] ? [frame / 25] : []));
    const onsets = beepOnsets(await readSamples(ffmpeg, output));
    expect(flashTimes.length).toBeGreaterThan(50);
    expect(onsets).toHaveLength(flashTimes.length);
    const errors = onsets.map((onset, i) => Math.abs(onset - flashTimes[i]!));
    expect(Math.max(...errors)).toBeLessThan(1 / 25);
  });
});

describe('crossfades', () => {
  it('overlaps the two segments: the output is shorter by the transition, and mid-transition frames are a mix', async () => {
    const fade: RenderPlanInput = {
      frameRate: { num: 25, den: 1 },
      frameSize: { width: 320, height: 180 },
      duration: 40,
      video: [
        {
          segments: [
            { source: file('dark.mp4'), sourceStart: 0, timelineStart: 0, duration: 25 },
            { source: file('light.mp4'), sourceStart: 0, timelineStart: 15, duration: 25, transitionIn: { kind: 'crossfade', frames: 10 } },
          ],
        },
      ],
      audio: [
        {
          segments: [
            { source: file('dark.mp4'), sourceStart: 0, timelineStart: 0, duration: 25 },
            { source: file('light.mp4'), sourceStart: 0, timelineStart: 15, duration: 25, transitionIn: { kind: 'crossfade', frames: 10 } },
          ],
        },
      ],
    };
    const output = file('crossfade.mov');
    await render(RenderPlanSchema.parse(fade), output, MOV_PCM);
    const luma = await readPixel(ffmpeg, output, 160, 90);
    expect(luma).toHaveLength(40);
    // The 10 overlap frames weigh the incoming segment 0/10 … 9/10.
    for (const frame of [0, 14, 15]) expect(Math.abs(luma[frame]! - DARK)).toBeLessThanOrEqual(3);
    expect(Math.abs(luma[20]! - (DARK + LIGHT) / 2)).toBeLessThanOrEqual(4);
    for (const frame of [16, 20, 24]) {
      expect(luma[frame]!).toBeGreaterThan(DARK + 5);
      expect(luma[frame]!).toBeLessThan(LIGHT - 5);
    }
    for (const frame of [25, 39]) expect(Math.abs(luma[frame]! - LIGHT)).toBeLessThanOrEqual(3);
    expect(await readSamples(ffmpeg, output)).toHaveLength(40 * 1920);
  });
});

describe('layers and overlays', () => {
  it('shows an upper layer, an image and a title on exactly their frames, over black gaps', async () => {
    const plan = RenderPlanSchema.parse({
      frameRate: { num: 25, den: 1 },
      frameSize: { width: 320, height: 180 },
      duration: 30,
      video: [
        { segments: [{ source: file('dark.mp4'), sourceStart: 0, timelineStart: 5, duration: 20 }] },
        // A square still letterboxed into the frame: transparent bars let the layer below show at the sides.
        { segments: [{ source: file('white.png'), sourceStart: 0, timelineStart: 10, duration: 5 }] },
      ],
      audio: [],
      overlays: [
        { kind: 'image', source: file('white.png'), start: 20, duration: 2, x: 0.1, y: 0.1, width: 0.1 },
        { kind: 'title', text: "It's: [a], b; c\\d %{n}", start: 22, duration: 3, x: 0.5, y: 0.5, size: 0.15, color: '#ffffff' },
      ],
    });
    const output = file('layers.mp4');
    await render(plan, output);
    const centre = await readPixel(ffmpeg, output, 160, 90);
    const side = await readPixel(ffmpeg, output, 20, 90);
    const corner = await readPixel(ffmpeg, output, 32, 18);
    expect(centre).toHaveLength(30);
    expect(centre[4]!).toBeLessThan(25); // black gap before the first segment
    expect(Math.abs(centre[5]! - DARK)).toBeLessThanOrEqual(3);
    for (const frame of [10, 14]) expect(centre[frame]!).toBeGreaterThan(220);
    for (const frame of [10, 14]) expect(Math.abs(side[frame]! - DARK)).toBeLessThanOrEqual(3);
    expect(Math.abs(centre[15]! - DARK)).toBeLessThanOrEqual(3);
    expect(corner.map((v) => v > 220)).toEqual(Array.from({ length: 30 }, (_, n) => n === 20 || n === 21));
    const titleFrames = await readTitleFrames(output);
    expect(titleFrames).toEqual([22, 23, 24]);
  });
});

describe('transparent clips on a layer', () => {
  it('lets the layer below show through a WebM’s transparent part', async () => {
    const plan = RenderPlanSchema.parse({
      frameRate: { num: 25, den: 1 },
      frameSize: { width: 320, height: 180 },
      duration: 20,
      video: [
        { segments: [{ source: file('dark.mp4'), sourceStart: 0, timelineStart: 0, duration: 20 }] },
        { segments: [{ source: file('sticker.webm'), sourceStart: 0, timelineStart: 0, duration: 20 }] },
      ],
      audio: [],
      overlays: [],
    });
    const output = file('sticker-over-dark.mp4');
    await render(plan, output);
    const left = await readPixel(ffmpeg, output, 80, 90);
    const right = await readPixel(ffmpeg, output, 240, 90);
    for (const frame of [0, 10, 19]) {
      expect(left[frame]!).toBeGreaterThan(220);
      expect(Math.abs(right[frame]! - DARK)).toBeLessThanOrEqual(3);
    }
  });
});

describe('HDR sources', () => {
  it('tone-maps an HDR clip to the SDR export: the contrast of the SDR bars, not a washed-out grey', async () => {
    const plan = (source: string) =>
      RenderPlanSchema.parse({
        frameRate: { num: 25, den: 1 },
        frameSize: { width: 320, height: 180 },
        duration: 10,
        video: [{ segments: [{ source: file(source), sourceStart: 0, timelineStart: 0, duration: 10 }] }],
        audio: [],
        overlays: [],
      });
    await render(plan('bars-sdr.mp4'), file('bars-sdr-out.mp4'));
    await render(plan('bars-pq.mp4'), file('bars-pq-out.mp4'));
    const sdr = await lumaSpread(file('bars-sdr-out.mp4'));
    const hdr = await lumaSpread(file('bars-pq-out.mp4'));
    // Decoded as it is, the PQ picture has a third of the SDR contrast.
    expect(hdr / sdr).toBeGreaterThan(0.6);
  });
});

/** The standard deviation of the first frame's luma. */
async function lumaSpread(output: string): Promise<number> {
  const { stdout } = await promisify(execFile)(ffmpeg, ['-v', 'error', '-i', output, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'gray', '-'], {
    encoding: 'buffer',
    maxBuffer: 16 * 1024 * 1024,
  });
  const mean = stdout.reduce((sum, v) => sum + v, 0) / stdout.length;
  return Math.sqrt(stdout.reduce((sum, v) => sum + (v - mean) ** 2, 0) / stdout.length);
}

describe('stills on a layer', () => {
  it('cross-fades from a still picture into a clip of the same layer', async () => {
    const plan = RenderPlanSchema.parse({
      frameRate: { num: 25, den: 1 },
      frameSize: { width: 320, height: 180 },
      duration: 25,
      video: [
        {
          segments: [
            { source: file('white.png'), sourceStart: 0, timelineStart: 0, duration: 15 },
            { source: file('dark.mp4'), sourceStart: 0, timelineStart: 10, duration: 15, transitionIn: { kind: 'crossfade', frames: 5 } },
          ],
        },
      ],
      audio: [],
      overlays: [],
    });
    const output = file('still-crossfade.mp4');
    await render(plan, output);
    const centre = await readPixel(ffmpeg, output, 160, 90);
    expect(centre).toHaveLength(25);
    for (const frame of [0, 9]) expect(centre[frame]!).toBeGreaterThan(220);
    for (const frame of [11, 13]) {
      expect(centre[frame]!).toBeGreaterThan(DARK + 5);
      expect(centre[frame]!).toBeLessThan(215);
    }
    for (const frame of [15, 24]) expect(Math.abs(centre[frame]! - DARK)).toBeLessThanOrEqual(3);
  });
});

/** Frames where something bright is drawn left of centre in the middle band, where only the title reaches. */
async function readTitleFrames(output: string): Promise<number[]> {
  const band = 60 * 40;
  const { stdout } = await promisify(execFile)(ffmpeg, ['-v', 'error', '-i', output, '-vf', 'crop=60:40:0:70', '-f', 'rawvideo', '-pix_fmt', 'gray', '-'], {
    encoding: 'buffer',
    maxBuffer: 64 * 1024 * 1024,
  });
  const frames: number[] = [];
  for (let frame = 0; frame * band < stdout.length; frame += 1) {
    if (stdout.subarray(frame * band, (frame + 1) * band).some((v) => v > 220)) frames.push(frame);
  }
  return frames;
}

describe('filter option values', () => {
  it('reach ffmpeg literally, quotes, colons, brackets, backslashes and drive letters included', async () => {
    const value = `It's "a": [b], c; d\\e 100% %{n} C:\\Fonts\\x.ttf`;
    const printed = file('printed.txt');
    const graph = `color=s=16x16:d=0.04,metadata=mode=add:key=k:value=${filterOptionValue(value)},metadata=mode=print:file=${filterOptionValue(printed)}`;
    await runFfmpeg({ program: ffmpeg, args: ['-f', 'lavfi', '-i', graph, '-f', 'null', '-'] });
    expect(await fs.readFile(printed, 'utf8')).toContain(`k=${value}\n`);
  });
});

function queue(changes: Job[] = []) {
  return new JobQueue({ slots: { cpu: 1, inference: 1 }, partials: new PartialFiles(file('partials')), onChange: (j) => changes.push(j), progressIntervalMs: 0 });
}
const keyframes = new KeyframeIndex();

/** The root mean square of `samples` (48 kHz) between two times in seconds. */
function rms(samples: Float32Array, from: number, to: number): number {
  const stretch = samples.subarray(Math.round(from * 48_000), Math.round(to * 48_000));
  return Math.sqrt(stretch.reduce((sum, v) => sum + v * v, 0) / stretch.length);
}

describe('clips past their source’s end', () => {
  // short.mp4 is 50 frames (2 s) of a steady tone. [45, 15] runs 10 frames past its end; [200, 25] starts 6 s past
  // it, more than SEEK_GAP_SECONDS after the read before, so it is a read of its own, which [240, 10] continues.
  const CUTS = [[10, 20], [45, 15], [200, 25], [240, 10], [30, 10]] as const;
  const plan = () => cutPlan(file('short.mp4'), { num: 25, den: 1 }, CUTS);
  /** The cuts above have sound before 1.0 s and after 2.8 s of the timeline, and silence between. */
  const expectSilencePastTheEnd = (samples: Float32Array, exact: boolean) => {
    // Lossy codecs smear each edge by a few milliseconds.
    const edge = exact ? 0 : 0.05;
    expect(rms(samples, 0, 1 - edge)).toBeGreaterThan(0.3);
    // The source's AAC decodes 256 samples past its 2 s (its encoder's padding, nearly silent), heard up to 1.006 s.
    if (exact) expect(samples.subarray(48_256, 2.8 * 48_000).every((v) => v === 0)).toBe(true);
    else expect(rms(samples, 1 + edge, 2.8 - edge)).toBeLessThan(0.001);
    expect(rms(samples, 2.8 + edge, 3.2 - edge)).toBeGreaterThan(0.3);
  };

  it('holds the last frame and is silent there, for the whole length of the sequence', async () => {
    const output = file('past-end.mp4');
    await render(plan(), output);
    const held = Array.from({ length: 45 }, () => 49);
    expect((await readCodedFrames(ffmpeg, output)).numbers).toEqual([...expectedFrames([[10, 20], [45, 5]]), ...held, ...expectedFrames([[30, 10]])]);
    const facts = await streamFacts(output);
    expect(facts.frames).toBe(80);
    expect(Math.abs(facts.audioSeconds - 3.2)).toBeLessThan(1 / 25);
    expectSilencePastTheEnd(await readSamples(ffmpeg, output), false);
  });

  it.each([
    ['audio-aac', 'past-end.m4a', false],
    ['audio-wav', 'past-end.wav', true],
  ] as const)('renders sound alone (%s) at the sequence’s length, silent past the end', async (presetId, name, exact) => {
    const q = queue();
    const output = file(name);
    const sound = { ...plan(), video: [] };
    const job = q.submit(renderJob(caps, { plan: sound, output, presetId, fit: 'letterbox' }, { keyframes }));
    const done = await q.whenSettled(job.id);
    expect(done.state, done.error?.message).toBe('succeeded');
    const samples = await readSamples(ffmpeg, output);
    if (exact) expect(samples).toHaveLength(3.2 * 48_000);
    else expect(Math.abs(samples.length / 48_000 - 3.2)).toBeLessThan(1 / 25);
    expectSilencePastTheEnd(samples, exact);
  });
});

describe('render jobs', () => {
  it('renders a plan to a preset with progress that ends at 1', async () => {
    const changes: Job[] = [];
    const q = queue(changes);
    const output = file('job out.mp4');
    const plan = cutPlan(file('coded-25.mp4'), { num: 25, den: 1 }, [[10, 15], [100, 10]]);
    const job = q.submit(renderJob(caps, { plan, output, presetId: 'h264-1080p', fit: 'letterbox' }, { keyframes }));
    const done = await q.whenSettled(job.id);
    expect(done.state, done.error?.message).toBe('succeeded');
    const facts = await streamFacts(output);
    expect(facts.frames).toBe(25);
    const progress = changes.map((c) => c.progress).filter((p): p is number => p !== null);
    expect(progress.at(-1)).toBe(1);
  });

  it('leaves no file behind when cancelled', async () => {
    const changes: Job[] = [];
    const q = queue(changes);
    const output = file('cancelled.mp4');
    const plan = cutPlan(file('flash-beep.mp4'), { num: 25, den: 1 }, [[0, 1000]]);
    const job = q.submit(renderJob(caps, { plan, output, presetId: 'h264-4k', fit: 'letterbox' }, { keyframes }));
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (q.get(job.id).stage?.startsWith('Rendering')) {
          clearInterval(timer);
          resolve();
        }
      }, 20);
    });
    q.cancel(job.id);
    const done = await q.whenSettled(job.id);
    expect(done.state).toBe('cancelled');
    expect((await fs.readdir(dir)).filter((name) => name.includes('cancelled'))).toEqual([]);
  });

  it('fails with a readable message when a source is missing', async () => {
    const q = queue();
    const plan = cutPlan(file('nowhere.mp4'), { num: 25, den: 1 }, [[0, 10]]);
    const job = q.submit(renderJob(caps, { plan, output: file('missing.mp4'), presetId: 'h264-1080p', fit: 'letterbox' }, { keyframes }));
    const done = await q.whenSettled(job.id);
    expect(done.state).toBe('failed');
    expect(done.error?.message).toMatch(/nowhere\.mp4 does not exist/);
  });

  it('holds the last frame of a picture that stopped before its file, for a cut after it', async () => {
    // The second cut starts 6 s in, 5 s after the picture's last frame: its read seeks to before the picture's end
    // (the MP4 says the picture lasts 1 s), so there is a frame to hold.
    const plan = { ...cutPlan(file('picture-ends-early.mp4'), { num: 25, den: 1 }, [[0, 10], [150, 25]]), audio: [] };
    const q = queue();
    const output = file('held-picture.mp4');
    const done = await q.whenSettled(q.submit(renderJob(caps, { plan, output, presetId: 'h264-same-size', fit: 'letterbox' }, { keyframes })).id);
    expect(done.state, done.error?.message).toBe('succeeded');
    expect((await streamFacts(output)).frames).toBe(35);
  });

  it('fails, keeping no file, when ffmpeg stops a stream early without reporting an error', async () => {
    // As above, but Matroska does not say how long the picture lasts: the read seeks to 6 s (the file lasts 8 s),
    // where the picture has no frame left, so it ends with the first cut while the sound goes on to the end.
    const plan = { ...cutPlan(file('picture-ends-early.mkv'), { num: 25, den: 1 }, [[0, 10], [150, 25]]), audio: [] };
    const q = queue();
    const output = file('stopped-early.mp4');
    const job = q.submit(renderJob(caps, { plan, output, presetId: 'h264-same-size', fit: 'letterbox' }, { keyframes }));
    const done = await q.whenSettled(job.id);
    expect(done.state).toBe('failed');
    expect(done.error?.message).toMatch(/picture ends at 0\.40 s of 1\.40 s/);
    expect(done.error?.commandLine).toContain('-filter_complex');
    expect((await fs.readdir(dir)).filter((name) => name.includes('stopped-early'))).toEqual([]);
  });

  it('refuses a preset a sequence cannot render to, and an output that would overwrite a source', () => {
    const plan = cutPlan(file('coded-25.mp4'), { num: 25, den: 1 }, [[0, 10]]);
    expect(() => renderJob(caps, { plan, output: file('x.gif'), presetId: 'gif-480', fit: 'letterbox' }, { keyframes })).toThrow(/video or audio preset/);
    expect(() => renderJob(caps, { plan, output: file('coded-25.mp4'), presetId: 'h264-1080p', fit: 'letterbox' }, { keyframes })).toThrow(/overwrite/);
  });
});
