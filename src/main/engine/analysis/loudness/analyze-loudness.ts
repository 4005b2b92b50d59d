import type { LoudnessAnalysis } from '../../../../shared/analysis/loudness';
import { runPipedFfmpeg } from '../../media/derived/ffmpeg-pipes';
import { defaultAnalysisTools, probeAudioSource, type AnalysisTools } from '../audio/audio-source';
import { SPEECH_SAMPLE_RATE, streamPcm } from '../audio/pcm-stream';
import { Ebur128LogParser } from './ebur128-log';
import { RmsEnvelope } from './rms-envelope';

/**
 * EBU R128 loudness and an RMS envelope of one audio stream.
 *
 * The R128 measures come from ffmpeg's ebur128 filter on the stream as it is (its own rate and channel layout,
 * channel weights, true peak 4× oversampled) rather than from our 16 kHz mono analysis stream, which would lose the
 * weighting of surround channels and the top octave the true peak depends on; it is also the meter that loudness
 * normalisation on export (ffmpeg's loudnorm) is checked against. The RMS envelope comes from the 16 kHz mono stream,
 * in the same pass time: both ffmpeg processes run side by side.
 */

export interface AnalyzeLoudnessOptions {
  audioStream?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  tools?: AnalysisTools;
  /** Window of the RMS envelope in seconds (100 ms by default). */
  rmsWindowSeconds?: number;
}

/** ebur128 gives one short-term value per 100 ms frame. */
const SHORT_TERM_HOP_SECONDS = 0.1;

export async function analyzeLoudness(file: string, options: AnalyzeLoudnessOptions = {}): Promise<LoudnessAnalysis> {
  const tools = options.tools ?? defaultAnalysisTools();
  const source = await probeAudioSource(tools.ffprobe, file, options.audioStream);
  const expectedSeconds = source.info.duration ?? 0;
  const windowSeconds = options.rmsWindowSeconds ?? 0.1;
  const envelope = new RmsEnvelope(Math.max(1, Math.round(windowSeconds * SPEECH_SAMPLE_RATE)));
  const meter = new Ebur128LogParser();
  let rmsSeconds = 0;
  const progress = () => {
    if (expectedSeconds > 0) options.onProgress?.(Math.min(1, Math.min(rmsSeconds, meter.latestTime) / expectedSeconds));
  };
  // One failing stops the other: a damaged file should not keep a second decoder busy.
  const both = new AbortController();
  const onAbort = () => both.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let sampleCount = 0;
  const stopBoth = (error: unknown): never => {
    both.abort();
    throw error;
  };
  try {
    await Promise.all([
      runPipedFfmpeg({
        program: tools.ffmpeg,
        args: [
          '-i',
          file,
          '-map',
          `0:a:${source.audioStream}`,
          '-af',
          "ebur128=peak=true:metadata=1,ametadata=mode=print:file='pipe\\:1'",
          '-f',
          'null',
          '-',
        ],
        signal: both.signal,
        onOutput: (chunk) => {
          meter.push(chunk.toString('utf8'));
          progress();
        },
      }).catch(stopBoth),
      streamPcm({
        ffmpeg: tools.ffmpeg,
        file,
        audioStream: source.audioStream,
        sampleRate: SPEECH_SAMPLE_RATE,
        channels: 1,
        format: 'f32le',
        signal: both.signal,
        onSamples: (samples) => {
          envelope.push(samples);
          sampleCount += samples.length;
        },
        onProgress: (seconds) => {
          rmsSeconds = seconds;
          progress();
        },
      }).catch(stopBoth),
    ]);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  const summary = meter.finish();
  options.onProgress?.(1);
  return {
    duration: sampleCount / SPEECH_SAMPLE_RATE,
    audioStream: source.audioStream,
    integratedLufs: summary.integratedLufs,
    loudnessRangeLu: summary.loudnessRangeLu,
    truePeakDbtp: summary.truePeakDbtp,
    shortTerm: { hopSeconds: SHORT_TERM_HOP_SECONDS, lufs: summary.shortTermLufs },
    rms: { windowSeconds, dbfs: envelope.finish() },
  };
}
