import { z } from 'zod';
import type { AudioCodec } from '../../../shared/export/presets';
import type { LoudnessTarget, RenderPlan } from '../../../shared/render/render-plan';
import { filterComplexArgs } from '../ffmpeg/filter-script';
import { FfmpegCancelled, FfmpegError, runFfmpeg } from '../ffmpeg/run-ffmpeg';
import { JobCancelled, JobFailure, type JobContext } from '../jobs/job-queue';
import { mixLayout, type MixLayout } from './graph/audio-tracks';
import { sourceLookup } from './graph/graph-context';
import { buildRenderGraph, type RenderSourceInfo } from './graph/render-graph';
import { sampleAtFrame } from './graph/timing';

/**
 * Two-pass EBU R128 loudness normalisation of a render's sound, with ffmpeg's `loudnorm`. Pass 1 renders the plan's
 * mix alone (no picture, so it is quick) and measures it; pass 2 is the render itself, with `loudnorm` given those
 * measurements after the mix. With them, `loudnorm` applies one constant gain (linear mode) whenever that gain keeps
 * the true peak under the ceiling; a quiet recording with sharp peaks cannot reach the target that way, and then it
 * falls back to its dynamic mode (a gentle compressor with a true-peak limiter). Neither mode shifts the sound in
 * time: `loudnorm` keeps its input timestamps, and the output is cut back to exactly the plan's samples, so picture
 * and sound stay in sync. After writing, the file itself is measured, so the reported "after" is what was delivered.
 *
 * A mono mix is measured as it is played, on both speakers (dual mono, ffmpeg's `ebur128=dualmono`): BS.1770 counts a
 * single channel once, so a mono file measured alone at the target would play 3 dB louder than a stereo one, its
 * peaks 3 dB nearer the ceiling. `loudnorm` has no such option, so it is given the channel twice and one is kept.
 */

/** Integrated loudness and true peak of a mix or a file. */
export interface LoudnessLevels {
  /** LUFS. */
  integratedLufs: number;
  /** dBTP. */
  truePeakDbtp: number;
}

/** All that pass 2 needs from pass 1 (`loudnorm`'s own report). */
export interface LoudnessMeasurement extends LoudnessLevels {
  /** Loudness range, LU. */
  rangeLu: number;
  /** The gating threshold, LUFS. */
  thresholdLufs: number;
  /** The gain still off target after pass 1's own (dynamic) processing, LU. */
  targetOffsetLu: number;
}

export interface NormalisationResult {
  target: LoudnessTarget;
  before: LoudnessLevels;
  after: LoudnessLevels;
  /** One constant gain, or loudnorm's dynamic mode because a constant gain would have pushed peaks over the ceiling. */
  gain: 'linear' | 'dynamic';
}

/**
 * The true-peak ceiling given to `loudnorm`. A lossy encoder's output overshoots its input's peaks a little (about
 * 0.3 dB measured for AAC at 192 kb/s), so lossy files get 0.5 dB of room to stay at or below −1 dBTP as delivered.
 */
export function truePeakCeiling(codec: AudioCodec): number {
  return codec === 'pcm_s16le' ? -1 : -1.5;
}

/** Pass 1's filters: measure and print the JSON report (their own output is thrown away). */
export function loudnessMeasureFilters(layout: MixLayout): string[] {
  return [...asPlayed(layout), 'loudnorm=print_format=json'];
}

/**
 * Pass 2's filters: `loudnorm` with pass 1's measurements, then back to the plan's rate and the mix's layout (`loudnorm`
 * works at 192 kHz, on a mono mix as played) and exactly `samples` long, as the mix was.
 */
export function loudnessNormaliseFilters(
  measured: LoudnessMeasurement,
  target: LoudnessTarget,
  ceiling: number,
  sampleRate: number,
  samples: number,
  layout: MixLayout,
): string[] {
  const option = (value: number) => value.toFixed(2);
  return [
    ...asPlayed(layout),
    `loudnorm=${[
      `I=${target}`,
      `TP=${option(ceiling)}`,
      `LRA=${option(loudnessRangeTarget(measured))}`,
      `measured_I=${option(measured.integratedLufs)}`,
      // loudnorm refuses linear mode for a measured range of exactly 0 (steady tones); any range fits the target then.
      `measured_LRA=${option(Math.max(0.01, measured.rangeLu))}`,
      `measured_TP=${option(measured.truePeakDbtp)}`,
      `measured_thresh=${option(measured.thresholdLufs)}`,
      `offset=${option(measured.targetOffsetLu)}`,
      'linear=true',
    ].join(':')}`,
    ...(layout === 'mono' ? ['pan=mono|c0=c0'] : []),
    `aresample=${sampleRate}`,
    `aformat=sample_fmts=fltp:channel_layouts=${layout}`,
    `apad=whole_len=${samples}`,
    `atrim=end_sample=${samples}`,
  ];
}

/** Whether `loudnorm` can reach the target with one gain: the rule it applies itself. */
export function gainMode(measured: LoudnessMeasurement, target: LoudnessTarget, ceiling: number): 'linear' | 'dynamic' {
  return measured.truePeakDbtp + (target - measured.integratedLufs) <= ceiling ? 'linear' : 'dynamic';
}

const LoudnormNumber = z.string().transform((text) => Number(text));
const LoudnormReportSchema = z.object({
  input_i: LoudnormNumber,
  input_tp: LoudnormNumber,
  input_lra: LoudnormNumber,
  input_thresh: LoudnormNumber,
  target_offset: LoudnormNumber,
});

/**
 * `loudnorm`'s JSON report from ffmpeg's stderr. Null when the sound is silent (ffmpeg reports -inf), so there is
 * nothing to normalise; throws when there is no report at all.
 */
export function parseLoudnormReport(stderr: string): LoudnessMeasurement | null {
  const start = stderr.lastIndexOf('{');
  const end = stderr.lastIndexOf('}');
  if (start < 0 || end < start) throw new Error('ffmpeg printed no loudness report.');
  const report = LoudnormReportSchema.parse(JSON.parse(stderr.slice(start, end + 1)));
  const measurement: LoudnessMeasurement = {
    integratedLufs: report.input_i,
    truePeakDbtp: report.input_tp,
    rangeLu: report.input_lra,
    thresholdLufs: report.input_thresh,
    targetOffsetLu: report.target_offset,
  };
  const silent = !Object.values(measurement).every(Number.isFinite) || measurement.integratedLufs <= -70;
  return silent ? null : measurement;
}

/** Pass 1: renders the plan's mix alone and measures it. Null when the mix is silent. */
export async function measurePlanLoudness(
  ctx: JobContext,
  ffmpeg: { path: string; version: string | null },
  plan: RenderPlan,
  sources: ReadonlyMap<string, RenderSourceInfo>,
): Promise<LoudnessMeasurement | null> {
  const layout = mixLayout(plan, sourceLookup(sources));
  const graph = buildRenderGraph(plan, sources, { video: null, audio: true, audioFilters: loudnessMeasureFilters(layout) }, null);
  const filter = await filterComplexArgs(graph.graph, ffmpeg.version);
  try {
    const args = [...graph.inputArgs, ...filter.args, '-map', graph.audioOut!, '-f', 'null', '-'];
    return await measure(ctx, ffmpeg.path, args, graph.durationSeconds);
  } finally {
    await filter.dispose();
  }
}

/** Measures the sound of a written file, whose channels are `layout`. Null when it is silent. */
export async function measureFileLoudness(
  ctx: JobContext,
  ffmpeg: string,
  file: string,
  layout: MixLayout,
  durationSeconds: number,
): Promise<LoudnessMeasurement | null> {
  return measure(ctx, ffmpeg, ['-i', file, '-map', '0:a:0', '-af', loudnessMeasureFilters(layout).join(','), '-f', 'null', '-'], durationSeconds);
}

/** The total samples of the plan's sound, which normalisation must keep. */
export function planSamples(plan: RenderPlan): number {
  return sampleAtFrame(plan.duration, plan.frameRate, plan.sampleRate);
}

/** "loudness −30.2 → −14.0 LUFS, true peak −14.6 → −1.5 dBTP": for the job's result line. */
export function describeNormalisation(result: NormalisationResult): string {
  const n = (value: number) => value.toFixed(1).replace('-', '−');
  const { before, after } = result;
  return (
    `loudness ${n(before.integratedLufs)} → ${n(after.integratedLufs)} LUFS, ` +
    `true peak ${n(before.truePeakDbtp)} → ${n(after.truePeakDbtp)} dBTP` +
    (result.gain === 'dynamic' ? ' (peaks limited)' : '')
  );
}

/** A mono mix as played: the channel on both speakers. */
function asPlayed(layout: MixLayout): string[] {
  return layout === 'mono' ? ['pan=stereo|c0=c0|c1=c0'] : [];
}

function loudnessRangeTarget(measured: LoudnessMeasurement): number {
  // The target range only matters in dynamic mode; at or above the measured range, linear mode stays possible.
  return Math.min(50, Math.max(7, Math.ceil(measured.rangeLu * 10) / 10));
}

async function measure(ctx: JobContext, ffmpeg: string, args: string[], durationSeconds: number): Promise<LoudnessMeasurement | null> {
  try {
    const { stderrTail } = await runFfmpeg({
      program: ffmpeg,
      args,
      duration: durationSeconds,
      signal: ctx.signal,
      onProgress: (p) => ctx.report({ progress: p.fraction, eta: p.eta }),
    });
    return parseLoudnormReport(stderrTail);
  } catch (error) {
    if (error instanceof FfmpegCancelled) throw new JobCancelled();
    if (error instanceof FfmpegError) {
      throw new JobFailure({ message: `Measuring the loudness failed: ${error.message}`, commandLine: error.commandLine, stderrTail: error.stderrTail });
    }
    throw error;
  }
}
