import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SilenceThresholdSchema } from '../../shared/analysis/loudness';
import type { SpeechSegment } from '../../shared/analysis/speech';
import { deadAirPieces, scenesTimeline, timelineFromPieces, type AutoEditSource, type FramePiece } from '../../shared/autoedit/autoedit-timeline';
import { DEAD_AIR_MODES, DEAD_AIR_PRESETS, deadAirParams, planDeadAir, silenceRangesToSpeech, type DeadAirMode, type DeadAirPreset } from '../../shared/autoedit/dead-air';
import { autoEditReport, formatAutoEditReport, type AutoEditReport } from '../../shared/autoedit/report';
import { EXPORT_PRESETS } from '../../shared/export/presets';
import { formatSecondsExact } from '../../shared/format/duration';
import type { MediaInfo } from '../../shared/media';
import { sequenceShapeOf } from '../../shared/timeline/sequence-shape';
import { secondsToFrames } from '../../shared/timeline/time';
import { timelineFileFromSequence, type TimelineFile } from '../../shared/timeline/timeline-file';
import type { Timeline } from '../../shared/timeline/timeline';
import type { FrameRate, FrameSize, SampleRate } from '../../shared/video-format';
import { analyzeSilence } from '../engine/analysis/loudness/analyze-silence';
import { detectScenes } from '../engine/analysis/scenes/detect-scenes';
import { analyzeSpeech } from '../engine/analysis/speech/analyze-speech';
import { startVoiceDetection, vadModel } from '../engine/analysis/speech/local-vad';
import type { InferenceService } from '../engine/inference/inference-service';
import { call, loudnessTarget, type CliCommand, type CommandContext } from './commands';
import { followJob, JobFailedError } from './job-progress';
import { cancelledAs, terminalProgress } from './terminal-progress';
import { UsageError } from './usage-error';

/**
 * `reelsmith autoedit …`: the automatic edits of one file, no project needed. The edit is written as an ordinary
 * timeline file (docs/timeline-format.md) and rendered by the engine's `render.file` from that same file, so
 * `reelsmith render` of a saved `--timeline` gives the same result as the command's own `-o`.
 */
export const AUTOEDIT_COMMANDS: readonly CliCommand[] = [
  {
    path: ['autoedit', 'silence'],
    positionals: ['file'],
    summary: 'Cut the pauses out of a recording: speech kept, long pauses shortened, rendered in one pass',
    description:
      'Speech is found by voice detection (--mode vad, the default) or by a loudness threshold as auto-editor does ' +
      '(--mode threshold). Presets: gentle keeps pauses up to 1 s, normal up to 0.5 s, tight up to 0.3 s; longer ones ' +
      'are shortened. -o may be left out when --timeline or --json is given (analysis only). With --json, prints ' +
      '{kept: [[start, end], …] (seconds of the source), report, output, timeline}.',
    options: [
      { name: 'o', type: 'string', valueName: 'OUT', description: 'Output file; its extension picks the export preset (.mp4, .mov, .wav, .mp3, .m4a)' },
      { name: 'preset', type: 'string', valueName: 'NAME', description: 'gentle, normal (default) or tight' },
      { name: 'mode', type: 'string', valueName: 'MODE', description: 'vad (voice detection, default) or threshold (loudness)' },
      { name: 'threshold', type: 'string', valueName: 'LEVEL', description: 'Threshold mode’s level: 4% (default), 0.04 or -28dB' },
      { name: 'audio-stream', type: 'string', valueName: 'N', description: 'Audio stream whose speech counts, from 0 (default 0)' },
      { name: 'loudness', type: 'string', valueName: 'LUFS', description: 'Normalise the sound to -14, -16 or -23 LUFS, true peak at most -1 dBTP (--loudness -14)' },
      { name: 'timeline', type: 'string', valueName: 'FILE', description: 'Also write the edit as a timeline file (.json)' },
      { name: 'export-preset', type: 'string', valueName: 'NAME', description: 'Export preset instead of the one the extension picks' },
      { name: 'software', type: 'boolean', description: 'Do not use a hardware encoder' },
    ],
    async run(ctx) {
      const request = silenceRequest(ctx);
      // Voice detection's hosts start loading the model while the file is probed.
      const inference = request.mode === 'vad' ? startVoiceDetection() : null;
      let media: MediaInfo;
      let speech: readonly Pick<SpeechSegment, 'start' | 'end'>[];
      try {
        media = await probeWithSound(ctx, request.input, request.audioStream);
        const progress = terminalProgress(ctx, request.mode === 'vad' ? 'Finding speech' : 'Finding silence');
        try {
          speech = await findSpeech(ctx, request, inference, progress.update);
        } catch (error) {
          throw cancelledAs(error, 'Dead-air removal cancelled; no file was written.');
        } finally {
          progress.end();
        }
      } finally {
        inference?.dispose();
      }
      const duration = media.duration ?? 0;
      const shape = editShape(media);
      const source: AutoEditSource = { assetId: SOURCE_ID, kind: shape.kind, frames: secondsToFrames(duration, shape.frameRate, 'floor') };
      const plan = planDeadAir(speech, duration, deadAirParams(request.preset, request.mode));
      const pieces = deadAirPieces(plan, source, shape.frameRate);
      if (!pieces.some((piece) => piece.kept)) throw new Error(`No speech was found in ${path.basename(request.input)}, so nothing would be kept.`);
      const file = editFile(`${path.parse(request.input).name} – dead air removed`, timelineFromPieces(pieces, source, 'autoedit'), shape, request.input);
      const timelinePath = request.timeline === null ? null : await writeTimeline(file, request.timeline);
      let report = autoEditReport(pieces, shape.frameRate);
      if (request.output !== null) report = { ...report, loudness: await render(ctx, file, request, request.output) };
      const kept = keptSeconds(pieces, shape.frameRate);
      const written = [request.output, timelinePath].filter((p): p is string => p !== null).map((p) => `Wrote ${p}`);
      return {
        json: { kept, report, output: request.output, ...(timelinePath === null ? {} : { timeline: timelinePath }) },
        text: [formatAutoEditReport(report), ...written].join('\n'),
      };
    },
  },
  {
    path: ['autoedit', 'scenes'],
    positionals: ['file'],
    summary: 'Split a video into its scenes, one clip each, as a timeline file',
    description: 'With --json, prints {scenes: [{start, end}] (seconds), timeline}.',
    options: [{ name: 'timeline', type: 'string', valueName: 'FILE', description: 'Write the scenes as a timeline file (.json)' }],
    async run(ctx) {
      const input = path.resolve(ctx.cwd, ctx.args[0]!);
      const media = await call(ctx.engine, 'media.probe', { path: input });
      const progress = terminalProgress(ctx, 'Finding scenes');
      let found;
      try {
        found = await detectScenes(input, {}, { signal: ctx.interrupted, onProgress: progress.update });
      } catch (error) {
        throw cancelledAs(error, 'Scene detection cancelled.');
      } finally {
        progress.end();
      }
      const scenes = found.scenes.map(({ start, end }) => ({ start, end }));
      const shape = editShape(media);
      const source: AutoEditSource = { assetId: SOURCE_ID, kind: 'video', frames: secondsToFrames(media.duration ?? 0, shape.frameRate, 'floor') };
      const file = editFile(`${path.parse(input).name} – scenes`, scenesTimeline(scenes, source, shape.frameRate, 'scenes'), shape, input);
      const timelinePath = typeof ctx.options.timeline === 'string' ? await writeTimeline(file, path.resolve(ctx.cwd, ctx.options.timeline)) : null;
      const lines = scenes.map((s, i) => `Scene ${String(i + 1).padStart(3)}  ${formatSecondsExact(s.start).padStart(10)} – ${formatSecondsExact(s.end).padStart(10)}`);
      return {
        json: { scenes, ...(timelinePath === null ? {} : { timeline: timelinePath }) },
        text: [...lines, `${scenes.length} scene${scenes.length === 1 ? '' : 's'}`, ...(timelinePath === null ? [] : [`Wrote ${timelinePath}`])].join('\n'),
      };
    },
  },
];

/** The one medium an edit cuts, as the timeline file names it. */
const SOURCE_ID = 'source';
/** A sound file's edit is cut on auto-editor's grid for audio, 30 frames a second (33 ms, finer than a syllable). */
const AUDIO_FRAME_RATE: FrameRate = { num: 30, den: 1 };
const AUDIO_FRAME_SIZE: FrameSize = { width: 1920, height: 1080 };

interface SilenceRequest {
  input: string;
  output: string | null;
  timeline: string | null;
  preset: DeadAirPreset;
  mode: DeadAirMode;
  threshold: number;
  audioStream: number;
  exportPreset: string | null;
  loudness: ReturnType<typeof loudnessTarget> | null;
}

/** The command line, checked before any work starts. */
function silenceRequest(ctx: CommandContext): SilenceRequest {
  const { options, cwd } = ctx;
  const text = (name: string) => (typeof options[name] === 'string' ? (options[name] as string) : null);
  const preset = text('preset') ?? 'normal';
  if (!isOneOf(DEAD_AIR_PRESETS, preset)) throw new UsageError(`--preset is one of ${DEAD_AIR_PRESETS.join(', ')}, not “${preset}”`);
  const mode = text('mode') ?? 'vad';
  if (!isOneOf(DEAD_AIR_MODES, mode)) throw new UsageError(`--mode is vad or threshold, not “${mode}”`);
  const threshold = SilenceThresholdSchema.safeParse(text('threshold') ?? '4%');
  if (!threshold.success) throw new UsageError(threshold.error.issues[0]?.message ?? '--threshold is 4%, 0.04 or -28dB');
  if (mode === 'vad' && options.threshold !== undefined) throw new UsageError('--threshold is for --mode threshold; voice detection needs none');
  const streamText = text('audio-stream') ?? '0';
  const audioStream = Number(streamText);
  if (!/^\d+$/.test(streamText.trim()) || audioStream > 63) throw new UsageError('--audio-stream is an audio stream number, counted from 0');
  const output = text('o');
  const timeline = text('timeline');
  if (output === null && timeline === null && !ctx.json) throw new UsageError('-o <out> is required, unless --timeline or --json asks for the analysis only');
  const exportPreset = text('export-preset');
  if (exportPreset !== null && output === null) throw new UsageError('--export-preset needs -o <out>');
  if (options.loudness !== undefined && output === null) throw new UsageError('--loudness needs -o <out>');
  return {
    input: path.resolve(cwd, ctx.args[0]!),
    output: output === null ? null : path.resolve(cwd, output),
    timeline: timeline === null ? null : path.resolve(cwd, timeline),
    preset,
    mode,
    threshold: threshold.data,
    audioStream,
    exportPreset,
    loudness: options.loudness === undefined ? null : loudnessTarget(options.loudness),
  };
}

/** Probes the file (a missing or unreadable one fails here) and makes sure it has the sound asked for. */
async function probeWithSound(ctx: CommandContext, input: string, audioStream: number): Promise<MediaInfo> {
  const media = await call(ctx.engine, 'media.probe', { path: input });
  const name = path.basename(input);
  if (media.audio.length === 0) throw new Error(`${name} has no sound, so there is no speech to keep.`);
  if (audioStream >= media.audio.length) {
    const count = media.audio.length === 1 ? '1 audio stream' : `${media.audio.length} audio streams`;
    throw new Error(`${name} has ${count}; there is no stream ${audioStream} (they are counted from 0).`);
  }
  if (!media.duration) throw new Error(`The length of ${name} is unknown, so it cannot be cut.`);
  return media;
}

/** Speech by voice detection (on the inference hosts started for it), or the loud parts by the threshold. */
async function findSpeech(ctx: CommandContext, request: SilenceRequest, inference: InferenceService | null, onProgress: (fraction: number) => void) {
  const options = { audioStream: request.audioStream, signal: ctx.interrupted, onProgress };
  if (!inference) {
    const silence = await analyzeSilence(request.input, { threshold: request.threshold }, options);
    return silenceRangesToSpeech(silence.silent, silence.duration);
  }
  return (await analyzeSpeech(request.input, {}, inference.spread, { model: await vadModel(inference), ...options })).segments;
}

interface EditShape {
  kind: 'video' | 'audio';
  frameRate: FrameRate;
  frameSize: FrameSize;
  sampleRate: SampleRate;
}

/** A video's own rate and size (so cuts fall on its frames), or the audio grid for a sound file. */
function editShape(media: MediaInfo): EditShape {
  const sampleRate: SampleRate = media.audio[0]?.sampleRate === 44_100 ? 44_100 : 48_000;
  const video = media.kind === 'video' ? media.video : null;
  const shape = sequenceShapeOf(video, { frameRate: AUDIO_FRAME_RATE, frameSize: AUDIO_FRAME_SIZE });
  return { kind: video ? 'video' : 'audio', ...shape, sampleRate };
}

function editFile(name: string, timeline: Timeline, shape: EditShape, input: string): TimelineFile {
  return timelineFileFromSequence(
    { name: name.slice(0, 120), frameRate: shape.frameRate, frameSize: shape.frameSize, timeline },
    new Map([[SOURCE_ID, input]]),
    shape.sampleRate,
  );
}

async function writeTimeline(file: TimelineFile, target: string): Promise<string> {
  await fs.writeFile(target, `${JSON.stringify(file, null, 2)}\n`);
  return target;
}

/**
 * Renders the edit's timeline file through `render.file` (the same path as `reelsmith render`), with a progress bar;
 * the loudness before and after when it normalised.
 */
async function render(ctx: CommandContext, file: TimelineFile, request: SilenceRequest, output: string): Promise<AutoEditReport['loudness']> {
  const preset = request.exportPreset ?? presetForExtension(output);
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-autoedit-'));
  try {
    const timeline = await writeTimeline(file, path.join(folder, 'edit.json'));
    const submitted = await call(ctx.engine, 'render.file', {
      timeline,
      output,
      preset,
      softwareOnly: ctx.options.software === true,
      ...(request.loudness === null ? {} : { normalise: { target: request.loudness } }),
    });
    const job = await followJob(ctx, submitted);
    if (job.state === 'cancelled') throw new Error('Render cancelled; no file was written.');
    if (job.state === 'failed') throw new JobFailedError(job);
    return request.loudness === null ? null : await call(ctx.engine, 'render.loudness', { jobId: job.id });
  } finally {
    await fs.rm(folder, { recursive: true, force: true });
  }
}

/** The first video or audio export preset that writes files with the output's extension. */
function presetForExtension(output: string): string {
  const extension = path.extname(output).toLowerCase();
  const preset = EXPORT_PRESETS.find((p) => (p.kind === 'video' || p.kind === 'audio') && p.extension === extension);
  if (!preset) throw new UsageError(`-o ${path.basename(output)}: write a .mp4, .mov, .wav, .mp3 or .m4a file, or name a preset with --export-preset`);
  return preset.id;
}

/** The kept frames as source seconds, joined where they touch: exactly what the render plays. */
function keptSeconds(pieces: readonly FramePiece[], rate: FrameRate): [number, number][] {
  const seconds = (frames: number) => (frames * rate.den) / rate.num;
  const kept: [number, number][] = [];
  for (const piece of pieces) {
    if (!piece.kept) continue;
    const last = kept.at(-1);
    if (last && last[1] === seconds(piece.sourceIn)) last[1] = seconds(piece.sourceOut);
    else kept.push([seconds(piece.sourceIn), seconds(piece.sourceOut)]);
  }
  return kept;
}

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

