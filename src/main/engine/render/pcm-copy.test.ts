import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPreset, type AudioPreset } from '../../../shared/export/presets';
import type { Job } from '../../../shared/jobs';
import { RenderPlanSchema, type RenderPlan, type RenderPlanInput } from '../../../shared/render/render-plan';
import { detectCapabilities, type FfmpegCapabilities } from '../ffmpeg/capabilities';
import { filterComplexArgs } from '../ffmpeg/filter-script';
import { runFfmpeg } from '../ffmpeg/run-ffmpeg';
import { JobQueue } from '../jobs/job-queue';
import { PartialFiles } from '../jobs/partial-files';
import { buildRenderGraph } from './graph/render-graph';
import { checkSampleCopy, sampleCopyRuns, type SampleCopyRequest } from './pcm-copy';
import { buildRenderArgs } from './render-args';
import { renderJob } from './render-job';
import { probeRenderSources } from './render-sources';
import { KeyframeIndex } from './stream-copy';

const WAV = findPreset('audio-wav') as AudioPreset;
const THIRTY = { num: 30, den: 1 };
const NTSC = { num: 30_000, den: 1001 };

describe('sample copy runs', () => {
  const wav = { channels: 1 as const, sampleRate: 48_000, dataOffset: 78, frames: 480_000 };

  it('copies each cut’s bytes, with silence in gaps and past the source’s end, as the graph places them', () => {
    const plan = RenderPlanSchema.parse({
      frameRate: { num: 25, den: 1 },
      frameSize: { width: 320, height: 180 },
      duration: 100,
      video: [],
      audio: [
        {
          segments: [
            { source: '/m/talk.wav', sourceStart: 10, timelineStart: 0, duration: 25 },
            // Continues the previous cut in the source: one run.
            { source: '/m/talk.wav', sourceStart: 35, timelineStart: 25, duration: 5 },
            { source: '/m/talk.wav', sourceStart: 240, timelineStart: 40, duration: 25 },
          ],
        },
      ],
    });
    // 1,920 samples (3,840 bytes) a frame; the source ends at frame 250.
    const probed = () => ({ still: false, duration: 10 });
    expect(sampleCopyRuns(plan, plan.audio[0]!, new Map([['/m/talk.wav', wav]]), 1, probed)).toEqual([
      { kind: 'bytes', file: '/m/talk.wav', offset: 78 + 10 * 3840, bytes: 30 * 3840 },
      { kind: 'zeros', bytes: 10 * 3840 },
      // A new read, seeking to frame 200 (no later than two seconds before the end); the last 15 frames are past the
      // end: silence up to the gap after it.
      { kind: 'bytes', file: '/m/talk.wav', offset: 78 + 240 * 3840, bytes: 10 * 3840 },
      { kind: 'zeros', bytes: (15 + 35) * 3840 },
    ]);
  });
});

describe('rendering sound by copying samples', () => {
  let dir: string;
  let caps: FfmpegCapabilities;
  const keyframes = new KeyframeIndex();
  const file = (name: string) => path.join(dir, name);
  const ffmpeg = (...args: string[]) => runFfmpeg({ program: caps.ffmpeg.path, args: ['-y', ...args] });

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-pcm-copy-'));
    caps = await detectCapabilities(path.join(dir, 'config'));
    // Full-scale noise: every 16-bit value, the extremes included, must come through unchanged.
    const noise = (rate: number, seed: number) => `anoisesrc=r=${rate}:a=1:seed=${seed}:d=20`;
    await Promise.all([
      ffmpeg('-f', 'lavfi', '-i', noise(48_000, 1), '-c:a', 'pcm_s16le', file('mono.wav')),
      ffmpeg('-f', 'lavfi', '-i', 'sine=f=330:r=48000:d=12', '-c:a', 'pcm_s16le', file('tone.wav')),
      ffmpeg('-f', 'lavfi', '-i', noise(44_100, 2), '-c:a', 'pcm_s16le', file('mono-44k.wav')),
      ffmpeg('-f', 'lavfi', '-i', noise(48_000, 3), '-f', 'lavfi', '-i', noise(48_000, 4), '-filter_complex', '[0:a][1:a]join=inputs=2:channel_layout=stereo', '-c:a', 'pcm_s16le', file('stereo.wav')),
      ffmpeg('-f', 'lavfi', '-i', noise(48_000, 5), '-c:a', 'pcm_s24le', file('deep.wav')),
      ffmpeg('-f', 'lavfi', '-i', noise(48_000, 6), '-c:a', 'libmp3lame', file('talk.mp3')),
      ffmpeg('-f', 'lavfi', '-i', noise(48_000, 7), '-c:a', 'aac', file('talk.m4a')),
      ffmpeg('-f', 'lavfi', '-i', noise(48_000, 8), '-metadata', 'title=My talk', '-c:a', 'pcm_s16le', file('titled.wav')),
    ]);
    await fs.writeFile(file('extensible.wav'), await asExtensible(file('stereo.wav')));
  }, 60_000);

  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  /** stereo.wav's samples as WAVE_FORMAT_EXTENSIBLE (mask FL|FR, PCM sub-format) with its encoder tag after the data. */
  async function asExtensible(stereo: string): Promise<Buffer> {
    const bytes = await fs.readFile(stereo);
    const dataAt = bytes.indexOf('data', 12, 'latin1');
    const samples = bytes.subarray(dataAt + 8, dataAt + 8 + bytes.readUInt32LE(dataAt + 4));
    const format = Buffer.alloc(48);
    format.write('fmt ', 0, 'latin1');
    format.writeUInt32LE(40, 4);
    format.writeUInt16LE(0xfffe, 8);
    format.writeUInt16LE(2, 10);
    format.writeUInt32LE(48_000, 12);
    format.writeUInt32LE(192_000, 16);
    format.writeUInt16LE(4, 20);
    format.writeUInt16LE(16, 22);
    format.writeUInt16LE(22, 24);
    format.writeUInt16LE(16, 26);
    format.writeUInt32LE(0x3, 28);
    Buffer.from('0100000000001000800000aa00389b71', 'hex').copy(format, 32);
    const data = Buffer.alloc(8);
    data.write('data', 0, 'latin1');
    data.writeUInt32LE(samples.length, 4);
    const list = Buffer.from('LIST\x12\x00\x00\x00INFOISFT\x06\x00\x00\x00sox 1\x00', 'latin1');
    const body = Buffer.concat([Buffer.from('WAVE', 'latin1'), format, data, samples, list]);
    const riff = Buffer.alloc(8);
    riff.write('RIFF', 0, 'latin1');
    riff.writeUInt32LE(body.length, 4);
    return Buffer.concat([riff, body]);
  }

  /** One audio track of cuts [source, sourceStart, duration, gap before it], laid end to end. */
  function soundPlan(rate: { num: number; den: number }, cuts: readonly (readonly [string, number, number, number?])[], extra: Partial<RenderPlanInput> = {}): RenderPlan {
    let timelineStart = 0;
    const segments = cuts.map(([source, sourceStart, duration, gap = 0]) => {
      const segment = { source: file(source), sourceStart, timelineStart: timelineStart + gap, duration };
      timelineStart += gap + duration;
      return segment;
    });
    return RenderPlanSchema.parse({ frameRate: rate, frameSize: { width: 320, height: 180 }, duration: timelineStart, video: [], audio: [{ segments }], ...extra });
  }

  /** The render graph's WAV of `plan`, as a render job would make it without the copy. */
  async function renderThroughGraph(plan: RenderPlan, output: string): Promise<Buffer> {
    const graph = buildRenderGraph(plan, await probeRenderSources(caps.ffprobe.path, plan), { video: null, audio: true }, null);
    const filter = await filterComplexArgs(graph.graph, caps.ffmpeg.version);
    try {
      await runFfmpeg({ program: caps.ffmpeg.path, args: buildRenderArgs({ graph, filterArgs: filter.args, output, preset: WAV }) });
    } finally {
      await filter.dispose();
    }
    return fs.readFile(output);
  }

  function queue(changes: Job[] = []) {
    return new JobQueue({ slots: { cpu: 1, inference: 1 }, partials: new PartialFiles(file('partials')), onChange: (j) => changes.push(j), progressIntervalMs: 0 });
  }

  /** The render job's WAV of `plan`, which must have copied samples. */
  async function renderByCopy(plan: RenderPlan, output: string): Promise<Buffer> {
    const changes: Job[] = [];
    const q = queue(changes);
    const job = q.submit(renderJob(caps, { plan, output, presetId: 'audio-wav', fit: 'letterbox' }, { keyframes }));
    const done = await q.whenSettled(job.id);
    expect(done.state, done.error?.message).toBe('succeeded');
    expect(done.result).toBe(path.basename(output));
    expect(changes.map((c) => c.stage)).toContain('Copying samples');
    expect(changes.map((c) => c.progress).filter((p) => p !== null).at(-1)).toBe(1);
    return fs.readFile(output);
  }

  async function expectSameBytes(name: string, plan: RenderPlan, channels: 1 | 2): Promise<void> {
    const graph = await renderThroughGraph(plan, file(`${name}.graph.wav`));
    const copy = await renderByCopy(plan, file(`${name}.copy.wav`));
    const samples = (copy.length - copy.indexOf('data', 12, 'latin1') - 8) / (2 * channels);
    expect(samples).toBe(Math.round((plan.duration * plan.frameRate.den * plan.sampleRate) / plan.frameRate.num));
    expect(Buffer.compare(copy, graph), `${name}: ${copy.length} bytes copied, ${graph.length} from the graph`).toBe(0);
  }

  // Cuts forwards within one read, a far jump (a seeked read) and a jump back, with a gap.
  const CUTS = [[0, 40], [55, 17], [400, 33, 12], [90, 41]] as const;

  it('gives the graph’s bytes for a mono source, which stays mono', async () => {
    await expectSameBytes('mono', soundPlan(THIRTY, CUTS.map(([start, length, gap]) => ['mono.wav', start, length, gap] as const)), 1);
  });

  it('gives the graph’s bytes for a stereo source', async () => {
    await expectSameBytes('stereo', soundPlan(THIRTY, CUTS.map(([start, length, gap]) => ['stereo.wav', start, length, gap] as const)), 2);
  });

  it('gives the graph’s bytes for a segment running past its source’s end, silent there', async () => {
    // mono.wav is 600 frames long at 30 fps.
    await expectSameBytes('past-end', soundPlan(THIRTY, [['mono.wav', 10, 30], ['mono.wav', 560, 75]]), 1);
  });

  it('gives the graph’s bytes for segments starting past their source’s end, silent there', async () => {
    // mono.wav is 600 frames long at 30 fps. [700, 20] is a read of its own, which [730, 20] continues; [590, 20]
    // starts in the source's last second and runs past its end.
    const cuts = [['mono.wav', 10, 30], ['mono.wav', 700, 20], ['mono.wav', 730, 20], ['mono.wav', 590, 20], ['mono.wav', 900, 15, 4]] as const;
    await expectSameBytes('starts-past-end', soundPlan(THIRTY, cuts), 1);
  });

  it('gives the graph’s bytes for cuts alternating between two WAV sources', async () => {
    const plan = soundPlan(THIRTY, [['mono.wav', 5, 20], ['tone.wav', 30, 31], ['mono.wav', 300, 16, 3], ['tone.wav', 0, 9], ['tone.wav', 200, 50]]);
    await expectSameBytes('two-sources', plan, 1);
  });

  it('gives the graph’s bytes at 44.1 kHz and 29.97 fps, where a seek lands a sample before its frame', async () => {
    // The second cut's read seeks to frame 350, sample 515,014.5: that is 515,015 on the timeline, but ffmpeg starts
    // the read at 515,014, the sample nearest the -ss option's 11.678333 s.
    const cuts = [['mono-44k.wav', 0, 30], ['mono-44k.wav', 351, 40], ['mono-44k.wav', 523, 17, 5], ['mono-44k.wav', 37, 29]] as const;
    await expectSameBytes('ntsc-44k', soundPlan(NTSC, cuts, { sampleRate: 44_100 }), 1);
  });

  it('gives the graph’s bytes for a WAVE_FORMAT_EXTENSIBLE source with tags after its samples', async () => {
    await expectSameBytes('extensible', soundPlan(THIRTY, CUTS.map(([start, length, gap]) => ['extensible.wav', start, length, gap] as const)), 2);
  });

  it('leaves to the graph what a copy would not reproduce, and says why', async () => {
    const reason = async (plan: RenderPlan, overrides: Partial<SampleCopyRequest> = {}) => {
      const verdict = await checkSampleCopy({ plan, preset: WAV, encoderTag: caps.encoderTag, ...overrides }, await probeRenderSources(caps.ffprobe.path, plan));
      return verdict.ok ? 'copied' : verdict.reason;
    };
    const plain = soundPlan(THIRTY, [['mono.wav', 0, 30], ['mono.wav', 100, 30]]);
    const segments = plain.audio[0]!.segments;
    const withTrack = (track: Record<string, unknown>) => RenderPlanSchema.parse({ ...plain, audio: [{ ...plain.audio[0]!, ...track }] });

    expect(await reason(plain)).toBe('copied');
    // A muted track is not heard, so it changes nothing.
    expect(await reason(RenderPlanSchema.parse({ ...plain, audio: [...plain.audio, { segments: [{ ...segments[0]!, source: file('stereo.wav') }], muted: true }] }))).toBe('copied');

    expect(await reason(withTrack({ segments: [segments[0]!, { ...segments[1]!, volume: 0.5 }] }))).toMatch(/clip’s volume/);
    expect(await reason(withTrack({ volume: 2 }))).toMatch(/track’s volume/);
    expect(await reason(withTrack({ segments: [segments[0]!, { ...segments[1]!, timelineStart: 25, transitionIn: { kind: 'crossfade', frames: 5 } }] }))).toMatch(/crossfade/);
    expect(await reason(RenderPlanSchema.parse({ ...plain, audio: [...plain.audio, plain.audio[0]!] }))).toMatch(/2 tracks are heard/);
    expect(await reason(soundPlan(THIRTY, [['talk.mp3', 0, 30]]))).toMatch(/talk\.mp3 is not 16-bit PCM/);
    expect(await reason(soundPlan(THIRTY, [['talk.m4a', 0, 30]]))).toMatch(/talk\.m4a is not 16-bit PCM/);
    expect(await reason(soundPlan(THIRTY, [['deep.wav', 0, 30]]))).toMatch(/deep\.wav is not 16-bit PCM/);
    expect(await reason(soundPlan(THIRTY, [['mono-44k.wav', 0, 30]]))).toMatch(/44100 Hz and the sequence at 48000 Hz/);
    expect(await reason(soundPlan(THIRTY, [['mono.wav', 0, 30], ['stereo.wav', 0, 30]]))).toMatch(/mono\.wav is mono in a stereo mix/);
    expect(await reason(soundPlan(THIRTY, [['titled.wav', 0, 30]]))).toMatch(/titled\.wav: it carries metadata/);
    expect(await reason(plain, { normalise: { target: -14 } })).toMatch(/loudness normalisation/);
    expect(await reason(plain, { preset: findPreset('audio-mp3') as AudioPreset })).toMatch(/not a 16-bit WAV/);
    expect(await reason(plain, { encoderTag: null })).toMatch(/encoder tag/);
  });

  it('leaves no file behind when cancelled while copying', async () => {
    // 15 s of stereo four times over: 11.5 MB, three 4 MiB buffers.
    const plan = soundPlan(THIRTY, [['stereo.wav', 0, 450], ['stereo.wav', 60, 450], ['stereo.wav', 120, 450], ['stereo.wav', 30, 450]]);
    let cancelled = false;
    const output = file('cancelled-copy.wav');
    const changes: Job[] = [];
    const watching: JobQueue = new JobQueue({
      slots: { cpu: 1, inference: 1 },
      partials: new PartialFiles(file('partials')),
      progressIntervalMs: 0,
      onChange: (j) => {
        changes.push(j);
        // Cancelled as soon as the first buffer is written.
        if (!cancelled && j.stage === 'Copying samples' && (j.progress ?? 0) > 0) {
          cancelled = true;
          watching.cancel(j.id);
        }
      },
    });
    const job = watching.submit(renderJob(caps, { plan, output, presetId: 'audio-wav', fit: 'letterbox' }, { keyframes }));
    const done = await watching.whenSettled(job.id);
    expect(done.state).toBe('cancelled');
    expect(cancelled).toBe(true);
    // It stopped after that buffer, the first of three.
    expect(Math.max(...changes.map((c) => c.progress ?? 0))).toBeLessThan(0.5);
    expect((await fs.readdir(dir)).filter((name) => name.includes('cancelled-copy'))).toEqual([]);
  });
});
