import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RenderPlanSchema, type LoudnessTarget, type RenderPlan } from '../../../shared/render/render-plan';
import { beepOnsets, makeFrameCodedSource, readSamples } from '../../../../test/media/frame-coded';
import { detectCapabilities, type FfmpegCapabilities } from '../ffmpeg/capabilities';
import { JobQueue } from '../jobs/job-queue';
import { PartialFiles } from '../jobs/partial-files';
import {
  gainMode,
  loudnessMeasureFilters,
  loudnessNormaliseFilters,
  parseLoudnormReport,
  type LoudnessMeasurement,
  type NormalisationResult,
} from './loudness-normalise';
import { renderJob } from './render-job';
import { KeyframeIndex } from './stream-copy';

const run = promisify(execFile);

describe('loudnorm settings', () => {
  const measured: LoudnessMeasurement = { integratedLufs: -30.25, truePeakDbtp: -14.6, rangeLu: 3.2, thresholdLufs: -40.38, targetOffsetLu: 0.47 };

  it('gives pass 2 the measurements, then returns to the plan’s rate and exact length', () => {
    expect(loudnessNormaliseFilters(measured, -14, -1.5, 48_000, 480_000, 'stereo')).toEqual([
      'loudnorm=I=-14:TP=-1.50:LRA=7.00:measured_I=-30.25:measured_LRA=3.20:measured_TP=-14.60:measured_thresh=-40.38:offset=0.47:linear=true',
      'aresample=48000',
      'aformat=sample_fmts=fltp:channel_layouts=stereo',
      'apad=whole_len=480000',
      'atrim=end_sample=480000',
    ]);
  });

  it('normalises a mono mix as it is played, on both speakers, and keeps one channel', () => {
    const filters = loudnessNormaliseFilters(measured, -14, -1, 44_100, 441_000, 'mono');
    expect(filters[0]).toBe('pan=stereo|c0=c0|c1=c0');
    expect(filters[1]).toMatch(/^loudnorm=/);
    expect(filters.slice(2)).toEqual(['pan=mono|c0=c0', 'aresample=44100', 'aformat=sample_fmts=fltp:channel_layouts=mono', 'apad=whole_len=441000', 'atrim=end_sample=441000']);
    expect(loudnessMeasureFilters('mono')).toEqual(['pan=stereo|c0=c0|c1=c0', 'loudnorm=print_format=json']);
    expect(loudnessMeasureFilters('stereo')).toEqual(['loudnorm=print_format=json']);
  });

  it('uses one gain when the peaks allow it, as loudnorm decides', () => {
    expect(gainMode(measured, -23, -1)).toBe('linear');
    expect(gainMode(measured, -14, -1)).toBe('dynamic');
  });

  it('reads loudnorm’s report, and takes a silent one for nothing to normalise', () => {
    const report = (i: string) =>
      `[Parsed_loudnorm_0 @ 0x1] \n{\n\t"input_i" : "${i}",\n\t"input_tp" : "-14.60",\n\t"input_lra" : "0.60",\n\t"input_thresh" : "-40.38",\n` +
      `\t"output_i" : "-14.47",\n\t"output_tp" : "-1.00",\n\t"output_lra" : "0.80",\n\t"output_thresh" : "-24.54",\n` +
      `\t"normalization_type" : "dynamic",\n\t"target_offset" : "0.47"\n}\nsize=N/A time=00:00:11.37\n`;
    expect(parseLoudnormReport(report('-30.25'))).toEqual({ ...measured, rangeLu: 0.6 });
    expect(parseLoudnormReport(report('-inf'))).toBeNull();
    expect(() => parseLoudnormReport('Conversion failed!')).toThrow(/no loudness report/);
  });
});

describe('normalised renders', () => {
  let dir: string;
  let caps: FfmpegCapabilities;
  const file = (name: string) => path.join(dir, name);
  const keyframes = new KeyframeIndex();

  /**
   * Integrated loudness and true peak by ffmpeg's ebur128 meter, a different meter from the one normalising; `dualMono`
   * measures a mono file as played on two speakers.
   */
  async function meter(media: string, dualMono = false): Promise<{ integratedLufs: number; truePeakDbtp: number }> {
    const filter = `ebur128=peak=true${dualMono ? ':dualmono=true' : ''}`;
    const { stderr } = await run(caps.ffmpeg.path, ['-hide_banner', '-nostats', '-i', media, '-map', '0:a:0', '-af', filter, '-f', 'null', '-']);
    const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
    return {
      integratedLufs: Number(/I:\s+(-?[\d.]+) LUFS/.exec(summary)![1]),
      truePeakDbtp: Number(/True peak:\s+Peak:\s+(-?[\d.]+) dBFS/.exec(summary)![1]),
    };
  }

  /**
   * The talk at about `lufs`, 48 kHz stereo. Speech peaks some 19 dB above its loudness, so a loud talk is first
   * compressed and then limited below full scale, as loud uploads are.
   */
  async function talkAt(name: string, lufs: number): Promise<string> {
    const loud = lufs > -16;
    const shaped = loud ? file(`${name}.compressed.wav`) : file('talk.wav');
    if (loud) await run(caps.ffmpeg.path, ['-v', 'error', '-y', '-i', file('talk.wav'), '-af', 'acompressor=threshold=0.01:ratio=20:attack=0.5:release=30:makeup=8', shaped]);
    const output = file(name);
    const limit = loud ? ',alimiter=limit=0.9:level=false:attack=1:release=20' : '';
    // The limiter takes some loudness away, so the gain is corrected until the talk lands near the level asked for.
    let gain = lufs - (await meter(shaped)).integratedLufs;
    for (let attempt = 0; attempt < 6; attempt++) {
      await run(caps.ffmpeg.path, ['-v', 'error', '-y', '-i', shaped, '-af', `volume=${gain.toFixed(2)}dB${limit}`, output]);
      const error = lufs - (await meter(output)).integratedLufs;
      if (Math.abs(error) < 0.3) break;
      gain += error;
    }
    return output;
  }

  /** The shift of `b` against `a`, in samples, that lines them up best (cross-correlation over ±10 ms). */
  function lagSamples(a: Float32Array, b: Float32Array): number {
    let best = -Infinity;
    let lag = 0;
    for (let shift = -480; shift <= 480; shift++) {
      let sum = 0;
      for (let i = 48_000; i < a.length - 48_000; i += 2) sum += a[i]! * (b[i + shift] ?? 0);
      if (sum > best) [best, lag] = [sum, shift];
    }
    return lag;
  }

  function audioPlan(source: string, seconds: number): RenderPlan {
    const segments = [{ source, sourceStart: 0, timelineStart: 0, duration: seconds * 25 }];
    return RenderPlanSchema.parse({ frameRate: { num: 25, den: 1 }, frameSize: { width: 320, height: 180 }, duration: seconds * 25, video: [], audio: [{ segments }] });
  }

  async function render(plan: RenderPlan, output: string, presetId: string, target?: LoudnessTarget): Promise<{ result: string | null; levels: NormalisationResult | null }> {
    const q = new JobQueue({ slots: { cpu: 1, inference: 1 }, partials: new PartialFiles(file('partials')), progressIntervalMs: 0 });
    let levels: NormalisationResult | null = null;
    const job = q.submit(
      renderJob(caps, { plan, output, presetId, fit: 'letterbox', ...(target ? { normalise: { target } } : {}) }, { keyframes, onNormalised: (r) => (levels = r) }),
    );
    const done = await q.whenSettled(job.id);
    expect(done.state, JSON.stringify(done.error)).toBe('succeeded');
    return { result: done.result, levels };
  }

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-loudness-'));
    caps = await detectCapabilities(path.join(dir, 'config'));
    await run('espeak-ng', [
      '-w', file('espeak.wav'),
      'Welcome back to the channel. Today we look at how to cut a long interview. The first thing to check is whether the microphone picked up the room. Most editors start by removing the long pauses between answers.',
    ]);
    // Twelve seconds exactly, so the plans below can use all of it.
    await run(caps.ffmpeg.path, ['-v', 'error', '-y', '-i', file('espeak.wav'), '-af', 'aresample=48000,apad=whole_len=576000', '-ac', '2', '-t', '12', file('talk.wav')]);
    await makeFrameCodedSource(caps.ffmpeg.path, file('flash-beep.mp4'), { rate: '25', frames: 250, gop: 50, flashEvery: 8 });
  }, 60_000);

  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['quiet', -30, 'audio-aac', '.m4a'],
    ['loud', -8, 'audio-wav', '.wav'],
    ['loud', -8, 'audio-mp3', '.mp3'],
  ] as const)('brings a %s talk (%i LUFS) to −14 ± 1 LUFS with true peak ≤ −1 dBTP (%s)', async (name, lufs, presetId, extension) => {
    const source = await talkAt(`${name}.wav`, lufs);
    const before = await meter(source);
    expect(Math.abs(before.integratedLufs - lufs)).toBeLessThan(1.5);
    const output = file(`${name}-normalised${extension}`);
    const { result, levels } = await render(audioPlan(source, 12), output, presetId, -14);
    const after = await meter(output);
    expect(Math.abs(after.integratedLufs + 14)).toBeLessThanOrEqual(1);
    expect(after.truePeakDbtp).toBeLessThanOrEqual(-1);
    // The job's own report agrees with the independent meter.
    expect(Math.abs(levels!.before.integratedLufs - before.integratedLufs)).toBeLessThan(0.5);
    expect(Math.abs(levels!.after.integratedLufs - after.integratedLufs)).toBeLessThan(0.5);
    expect(levels!.after.truePeakDbtp).toBeLessThanOrEqual(-1);
    // Even where loudnorm has to limit peaks (the quiet talk), the sound is not moved in time.
    const [original, normalised] = await Promise.all([readSamples(caps.ffmpeg.path, source), readSamples(caps.ffmpeg.path, output)]);
    expect(Math.abs(normalised.length - original.length)).toBeLessThanOrEqual(presetId === 'audio-wav' ? 0 : 2048);
    expect(lagSamples(original, normalised)).toBe(0);
    expect(result).toMatch(/loudness −\d+\.\d → −1[345]\.\d LUFS, true peak −?\d+\.\d → −\d\.\d dBTP/);
  }, 60_000);

  it('brings a mono talk to the target as played on two speakers (3 dB under it as one channel), and keeps it mono', async () => {
    const stereo = await talkAt('mono-source.wav', -8);
    const source = file('mono-talk.wav');
    await run(caps.ffmpeg.path, ['-v', 'error', '-y', '-i', stereo, '-af', 'pan=mono|c0=c0', source]);
    const output = file('mono-normalised.wav');
    const { levels } = await render(audioPlan(source, 12), output, 'audio-wav', -14);
    const { stdout } = await run(caps.ffprobe.path, ['-v', 'error', '-show_entries', 'stream=channels', '-of', 'csv=p=0', output]);
    expect(stdout.trim()).toBe('1');
    const played = await meter(output, true);
    expect(Math.abs(played.integratedLufs + 14)).toBeLessThanOrEqual(1);
    expect(Math.abs((await meter(output)).integratedLufs + 17)).toBeLessThanOrEqual(1);
    expect(played.truePeakDbtp).toBeLessThanOrEqual(-1);
    expect(Math.abs(levels!.before.integratedLufs - (await meter(source, true)).integratedLufs)).toBeLessThan(0.5);
    expect(Math.abs(levels!.after.integratedLufs - played.integratedLufs)).toBeLessThan(0.5);
  }, 60_000);

  it('reaches −23 LUFS with one gain when the peaks allow it', async () => {
    const source = await talkAt('loud-23.wav', -8);
    const output = file('broadcast.wav');
    const { levels } = await render(audioPlan(source, 12), output, 'audio-wav', -23);
    expect(levels!.gain).toBe('linear');
    expect(Math.abs((await meter(output)).integratedLufs + 23)).toBeLessThanOrEqual(1);
  }, 60_000);

  it('keeps picture and sound in sync and the length unchanged', async () => {
    const source = file('flash-beep.mp4');
    const cuts = [[0, 60], [130, 40], [75, 50]] as const;
    let timelineStart = 0;
    const segments = cuts.map(([sourceStart, duration]) => {
      const segment = { source, sourceStart, timelineStart, duration };
      timelineStart += duration;
      return segment;
    });
    const plan = RenderPlanSchema.parse({ frameRate: { num: 25, den: 1 }, frameSize: { width: 320, height: 180 }, duration: timelineStart, video: [{ segments }], audio: [{ segments }] });
    await render(plan, file('plain.mov'), 'prores-422-1080p');
    await render(plan, file('normalised.mov'), 'prores-422-1080p', -14);
    const facts = async (media: string) => {
      const { stdout } = await run(caps.ffprobe.path, ['-v', 'error', '-show_entries', 'stream=codec_type,start_time,duration_ts,nb_frames', '-of', 'json', media]);
      return JSON.parse(stdout) as unknown;
    };
    expect(await facts(file('normalised.mov'))).toEqual(await facts(file('plain.mov')));
    const plain = beepOnsets(await readSamples(caps.ffmpeg.path, file('plain.mov')));
    const normalised = beepOnsets(await readSamples(caps.ffmpeg.path, file('normalised.mov')));
    expect(plain.length).toBeGreaterThan(15);
    expect(normalised).toHaveLength(plain.length);
    normalised.forEach((onset, i) => expect(Math.abs(onset - plain[i]!)).toBeLessThan(0.001));
  }, 120_000);

  it('refuses normalisation with a lossless stream copy', () => {
    const plan = audioPlan(file('talk.wav'), 4);
    expect(() =>
      renderJob(caps, { plan, output: file('copy.mp4'), presetId: 'h264-1080p', fit: 'letterbox', method: 'stream-copy', normalise: { target: -14 } }, { keyframes }),
    ).toThrow(/full render/);
  });
});
