import { SilenceParamsSchema, type SilenceAnalysis, type SilenceParamsInput } from '../../../../shared/analysis/loudness';
import { defaultAnalysisTools, probeAudioSource, type AnalysisTools } from '../audio/audio-source';
import { streamPcm } from '../audio/pcm-stream';
import { FramePeaks, frameRangesToSeconds, secondsToFrames, silentFrameRanges, type Rational } from './threshold-silence';

/**
 * Threshold silence of one audio stream, for users who want auto-editor's cut exactly (see threshold-silence.ts for
 * the rules). One streaming pass: only a peak per frame is kept.
 */

export interface AnalyzeSilenceOptions {
  audioStream?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  tools?: AnalysisTools;
}

/** auto-editor's timeline rate for a file without video. */
const AUDIO_ONLY_FRAME_RATE: Rational = { num: 30, den: 1 };
const FALLBACK_SAMPLE_RATE = 48_000;
/** auto-editor decodes every stream as stereo. */
const CHANNELS = 2;

export async function analyzeSilence(file: string, paramsInput: SilenceParamsInput, options: AnalyzeSilenceOptions = {}): Promise<SilenceAnalysis> {
  const params = SilenceParamsSchema.parse(paramsInput);
  const tools = options.tools ?? defaultAnalysisTools();
  const source = await probeAudioSource(tools.ffprobe, file, options.audioStream);
  // auto-editor takes the timeline's rate from the first audio stream, whichever stream it analyses.
  const sampleRate = source.info.audio[0]?.sampleRate ?? FALLBACK_SAMPLE_RATE;
  const frameRate = params.frameRate !== null ? toRational(params.frameRate) : (source.info.video?.frameRate ?? AUDIO_ONLY_FRAME_RATE);
  const peaks = new FramePeaks(sampleRate, frameRate, CHANNELS);
  const expectedSeconds = source.info.duration ?? 0;
  await streamPcm({
    ffmpeg: tools.ffmpeg,
    file,
    audioStream: source.audioStream,
    sampleRate,
    channels: CHANNELS,
    format: 's16le',
    signal: options.signal,
    onSamples: (samples) => peaks.push(samples),
    onProgress: (seconds) => expectedSeconds > 0 && options.onProgress?.(Math.min(1, seconds / expectedSeconds)),
  });
  const { levels, sampleFrames } = peaks.finish();
  const frames = silentFrameRanges(levels, {
    threshold: params.threshold,
    marginFrames: secondsToFrames(params.marginSeconds, frameRate),
    minClipFrames: params.minClipFrames,
    minCutFrames: params.minCutFrames,
  });
  const silent = frameRangesToSeconds(frames, frameRate);
  const duration = sampleFrames / sampleRate;
  const silentSeconds = silent.reduce((sum, range) => sum + range.end - range.start, 0);
  options.onProgress?.(1);
  return {
    duration,
    audioStream: source.audioStream,
    frameRate: frameRate.num / frameRate.den,
    silent,
    silentRatio: duration > 0 ? Math.min(1, silentSeconds / duration) : 0,
    params,
  };
}

function toRational(frameRate: number): Rational {
  if (Number.isInteger(frameRate)) return { num: frameRate, den: 1 };
  return { num: Math.round(frameRate * 1001), den: 1001 };
}
