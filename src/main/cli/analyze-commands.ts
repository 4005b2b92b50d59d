import path from 'node:path';
import { SilenceThresholdSchema, type LoudnessAnalysis, type SilenceAnalysis } from '../../shared/analysis/loudness';
import { SceneDetectionParamsSchema, type SceneCut } from '../../shared/analysis/scenes';
import { SpeechDetectionParamsSchema, type SpeechAnalysis } from '../../shared/analysis/speech';
import { formatSecondsExact } from '../../shared/format/duration';
import { analyzeLoudness } from '../engine/analysis/loudness/analyze-loudness';
import { analyzeSilence } from '../engine/analysis/loudness/analyze-silence';
import { analyzeSpeech } from '../engine/analysis/speech/analyze-speech';
import { startVoiceDetection, vadModel } from '../engine/analysis/speech/local-vad';
import { detectScenes } from '../engine/analysis/scenes/detect-scenes';
import { FfmpegCancelled } from '../engine/ffmpeg/run-ffmpeg';
import type { CliCommand, CommandContext } from './commands';
import { numberOption } from './option-values';
import { cancelledAs, terminalProgress } from './terminal-progress';
import { UsageError } from './usage-error';

/** `reelsmith analyze …`: media analysis of one file, no project needed. */
export const ANALYZE_COMMANDS: readonly CliCommand[] = [
  {
    path: ['analyze', 'scenes'],
    positionals: ['file'],
    summary: 'Find the cuts, fades and dissolves in a video (flashes and camera motion are not cuts)',
    description: 'With --json, prints [{time, frame, type, score}]: time in seconds, type cut, fade or dissolve.',
    options: [
      { name: 'threshold', type: 'string', valueName: 'N', description: 'Content change a cut must reach, 0..255 (default 20)' },
      { name: 'min-scene', type: 'string', valueName: 'SECONDS', description: 'Shortest scene (default 0.4)' },
    ],
    async run(ctx) {
      const params = SceneDetectionParamsSchema.safeParse({
        ...(ctx.options.threshold === undefined ? {} : { cutThreshold: Number(ctx.options.threshold) }),
        ...(ctx.options['min-scene'] === undefined ? {} : { minSceneSeconds: Number(ctx.options['min-scene']) }),
      });
      if (!params.success) throw new UsageError('--threshold is a number from 0 to 255 and --min-scene a number of seconds');
      const progress = terminalProgress(ctx, 'Finding scenes');
      try {
        const analysis = await detectScenes(path.resolve(ctx.cwd, ctx.args[0]!), params.data, {
          signal: ctx.interrupted,
          onProgress: progress.update,
        });
        const cuts = analysis.cuts.map(({ time, frame, type, score }) => ({ time, frame, type, score }));
        return { json: cuts, text: formatCuts(cuts, analysis.scenes.length) };
      } catch (error) {
        if (error instanceof FfmpegCancelled) throw new Error('Scene detection cancelled.');
        throw error;
      } finally {
        progress.end();
      }
    },
  },
  {
    path: ['analyze', 'speech'],
    positionals: ['file'],
    summary: 'Find where people speak (voice activity with the bundled Silero VAD)',
    description: 'With --json, prints [{start, end, confidence}]: seconds, and the mean speech probability 0..1.',
    options: [
      { name: 'track', type: 'string', valueName: 'N', description: 'Audio track to analyse, counted from 0 (default 0)' },
      { name: 'threshold', type: 'string', valueName: 'P', description: 'Speech probability where speech starts, 0..1 (default 0.5)' },
      { name: 'min-silence', type: 'string', valueName: 'SECONDS', description: 'Shortest pause that ends a segment (default 0.15)' },
      { name: 'padding', type: 'string', valueName: 'SECONDS', description: 'Time kept before and after each segment (default 0.1)' },
    ],
    async run(ctx) {
      const threshold = numberOption(ctx, 'threshold');
      const params = SpeechDetectionParamsSchema.safeParse({
        ...(threshold === undefined ? {} : { threshold, releaseThreshold: Math.max(0, threshold - 0.15) }),
        ...optional('minSilenceSeconds', numberOption(ctx, 'min-silence')),
        ...optional('paddingSeconds', numberOption(ctx, 'padding')),
      });
      if (!params.success) throw new UsageError('--threshold is a probability from 0 to 1; --min-silence and --padding are seconds');
      const inference = startVoiceDetection();
      const progress = terminalProgress(ctx, 'Finding speech');
      try {
        const analysis = await analyzeSpeech(path.resolve(ctx.cwd, ctx.args[0]!), params.data, inference.spread, {
          model: await vadModel(inference),
          audioStream: trackOption(ctx),
          signal: ctx.interrupted,
          onProgress: progress.update,
        });
        return { json: analysis.segments, text: formatSpeech(analysis) };
      } catch (error) {
        throw cancelledAs(error, 'Speech analysis cancelled.');
      } finally {
        progress.end();
        inference.dispose();
      }
    },
  },
  {
    path: ['analyze', 'loudness'],
    positionals: ['file'],
    summary: 'Measure loudness: EBU R128 integrated, range and true peak, short-term series and an RMS envelope',
    description: 'With --json, prints the measures and the series (short-term LUFS every 0.1 s, RMS dBFS per 0.1 s window).',
    options: [{ name: 'track', type: 'string', valueName: 'N', description: 'Audio track to analyse, counted from 0 (default 0)' }],
    async run(ctx) {
      const progress = terminalProgress(ctx, 'Measuring loudness');
      try {
        const analysis = await analyzeLoudness(path.resolve(ctx.cwd, ctx.args[0]!), {
          audioStream: trackOption(ctx),
          signal: ctx.interrupted,
          onProgress: progress.update,
        });
        return { json: analysis, text: formatLoudness(analysis) };
      } catch (error) {
        throw cancelledAs(error, 'Loudness analysis cancelled.');
      } finally {
        progress.end();
      }
    },
  },
  {
    path: ['analyze', 'silence'],
    positionals: ['file'],
    summary: 'Find silent ranges by a loudness threshold, exactly as auto-editor --edit audio:threshold=… does',
    description:
      'A frame is loud when its peak reaches the threshold, a share of the loudest sample of the track (4% or -28dB). ' +
      'With --json, prints the silent ranges [{start, end}] in seconds.',
    options: [
      { name: 'threshold', type: 'string', valueName: 'LEVEL', description: 'Loudness threshold: 4%, 0.04 or -28dB (required)' },
      { name: 'margin', type: 'string', valueName: 'SECONDS', description: 'Loud time added around loud parts (default 0.2)' },
      { name: 'min-clip', type: 'string', valueName: 'FRAMES', description: 'Shorter loud parts become silent (default 3)' },
      { name: 'min-cut', type: 'string', valueName: 'FRAMES', description: 'Shorter silent parts become loud (default 6)' },
      { name: 'track', type: 'string', valueName: 'N', description: 'Audio track to analyse, counted from 0 (default 0)' },
    ],
    async run(ctx) {
      if (typeof ctx.options.threshold !== 'string') throw new UsageError('--threshold <dB|%> is required, e.g. --threshold 4% or --threshold -28dB');
      const threshold = SilenceThresholdSchema.safeParse(ctx.options.threshold);
      if (!threshold.success) throw new UsageError(threshold.error.issues[0]?.message ?? 'the threshold is 4%, 0.04 or -28dB');
      const progress = terminalProgress(ctx, 'Finding silence');
      try {
        const analysis = await analyzeSilence(
          path.resolve(ctx.cwd, ctx.args[0]!),
          {
            threshold: threshold.data,
            ...optional('marginSeconds', numberOption(ctx, 'margin')),
            ...optional('minClipFrames', numberOption(ctx, 'min-clip')),
            ...optional('minCutFrames', numberOption(ctx, 'min-cut')),
          },
          { audioStream: trackOption(ctx), signal: ctx.interrupted, onProgress: progress.update },
        );
        return { json: analysis.silent, text: formatSilence(analysis) };
      } catch (error) {
        throw cancelledAs(error, 'Silence analysis cancelled.');
      } finally {
        progress.end();
      }
    },
  },
];

function formatCuts(cuts: Pick<SceneCut, 'time' | 'frame' | 'type' | 'score'>[], sceneCount: number): string {
  const lines = cuts.map((c) => `${formatSecondsExact(c.time).padStart(10)}  frame ${String(c.frame).padEnd(7)} ${c.type.padEnd(9)} score ${c.score.toFixed(1)}`);
  return [...lines, `${cuts.length} transition${cuts.length === 1 ? '' : 's'}, ${sceneCount} scene${sceneCount === 1 ? '' : 's'}`].join('\n');
}

function optional<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}

function trackOption(ctx: CommandContext): number {
  const track = numberOption(ctx, 'track') ?? 0;
  if (!Number.isInteger(track) || track < 0) throw new UsageError('--track is an audio track number, counted from 0');
  return track;
}

function formatSpeech(analysis: SpeechAnalysis): string {
  const lines = analysis.segments.map((s) => `${formatSecondsExact(s.start).padStart(10)} – ${formatSecondsExact(s.end).padStart(10)}  confidence ${s.confidence.toFixed(2)}`);
  const count = analysis.segments.length;
  return [...lines, `${count} speech segment${count === 1 ? '' : 's'}, ${(analysis.speechRatio * 100).toFixed(1)} % of ${formatSecondsExact(analysis.duration)}`].join('\n');
}

function formatLoudness(analysis: LoudnessAnalysis): string {
  const lufs = (value: number | null, unit: string) => (value === null ? 'silent' : `${value.toFixed(1)} ${unit}`);
  return [
    `Integrated  ${lufs(analysis.integratedLufs, 'LUFS')}`,
    `Range       ${analysis.loudnessRangeLu.toFixed(1)} LU`,
    `True peak   ${lufs(analysis.truePeakDbtp, 'dBTP')}`,
    `Duration    ${formatSecondsExact(analysis.duration)}`,
  ].join('\n');
}

function formatSilence(analysis: SilenceAnalysis): string {
  const lines = analysis.silent.map((r) => `${formatSecondsExact(r.start).padStart(10)} – ${formatSecondsExact(r.end).padStart(10)}  silent`);
  const count = analysis.silent.length;
  return [...lines, `${count} silent range${count === 1 ? '' : 's'}, ${(analysis.silentRatio * 100).toFixed(1)} % of ${formatSecondsExact(analysis.duration)} (${analysis.frameRate} frames a second)`].join('\n');
}
