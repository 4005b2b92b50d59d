import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  SpeechDetectionParamsSchema,
  type SpeechAnalysis,
  type SpeechDetectionParamsInput,
} from '../../../../shared/analysis/speech';
import type { AudioFrameClassifierModel } from '../../inference/models/silero-vad';
import type { ModelRunner } from '../../inference/tensor';
import { defaultAnalysisTools, probeAudioSource, type AnalysisTools } from '../audio/audio-source';
import { streamPcm } from '../audio/pcm-stream';
import { runBatchedVad } from './batched-vad';
import { DecodingFeed, FrameEnergies } from './decoding-feed';
import { QuietSplitter, type QuietSplitOptions } from './quiet-splits';
import { atLowestRate, atSampleRate } from './model-rate';
import { speechSegments } from './speech-segments';

/**
 * Voice activity of one audio stream of a media file: decode to mono at the lowest rate the model takes (8 kHz for
 * Silero VAD v5, see model-rate.ts), run the model over it, turn the probabilities into speech segments.
 *
 * The decoded samples go to a temporary file (4 bytes a sample, 230 MB for two hours at 8 kHz) rather than memory, so
 * memory stays flat however long the media; the inference host reads the model's frames from it. From it the recording
 * is read in parts split at quiet points about every 15
 * seconds, each run from a fresh model state, as rows of one batch (see batched-vad.ts); the model starts on the
 * first parts while the rest is still decoding. The model's state remembers tens of seconds (measured: parts started
 * afresh still differ from an unbroken pass by 0.05–0.3 in probability 30 s later), so no overlap makes parts agree
 * with one unbroken pass; splitting at points chosen from the audio alone instead makes the result the same however
 * many lanes run it, and the accuracy is the same as an unbroken pass's (analyze-speech.test.ts).
 */

export interface AnalyzeSpeechOptions {
  /** The Silero VAD entry of the model manifest (names, frame and context sizes, state shape). */
  model: AudioFrameClassifierModel;
  /** A rate the model takes; its lowest by default. */
  sampleRate?: number;
  /** Which audio stream, counted among the file's audio streams from 0. */
  audioStream?: number;
  signal?: AbortSignal;
  /** 0..1 over decoding and detection. */
  onProgress?: (fraction: number) => void;
  tools?: AnalysisTools;
  /** Most parts run side by side as rows of one batch; 1 runs them one after another. */
  maxLanes?: number;
  /** Frames of each part per model call (the model runs them in order, carrying the state). */
  stepFrames?: number;
  /** Where the model starts afresh (tests shorten the spacing). */
  splits?: Partial<QuietSplitOptions>;
  /** Where the temporary sample file goes (the system's temporary folder by default). */
  tempDir?: string;
}

/**
 * A resampling filter half ffmpeg's default length: a third less decoding time (0.33 s of CPU against 0.50 s for a
 * 30-minute talk to 8 kHz) for a slightly gentler cut-off near 4 kHz, which a voice detector does not hear (same
 * speech kept, pauses removed 0.916 against 0.914 on the noisy 30-minute talk).
 */
const RESAMPLE_FILTER_SIZE = 16;
/** Share of the progress bar given to decoding; the model takes the rest. */
const DECODE_SHARE = 0.1;
/**
 * Parts of 15 s, up to 128 rows spread over four batches in flight (or one per host when the runner has more hosts),
 * 64 frames of each row per call. A call costs 1–3 ms of reading, copying and messaging whatever its size, and the
 * model runs a row's frames in one pass, so long calls and a full queue keep the host busy: on a 30-minute talk the
 * analysis took 1.4 s against 1.6 s with 8 frames a call and two batches in flight, when the host sat idle a third of
 * the time between calls. The 2 s preroll adds 13 %; 30 s parts were slower (measured when a frame cost 33 us).
 */
const PART_SECONDS = 15;
const PREROLL_SECONDS = 2;
const MAX_LANES = 128;
const IN_FLIGHT_BATCHES = 4;
const STEP_FRAMES = 64;

export async function analyzeSpeech(
  file: string,
  paramsInput: SpeechDetectionParamsInput,
  runner: ModelRunner,
  options: AnalyzeSpeechOptions,
): Promise<SpeechAnalysis> {
  const params = SpeechDetectionParamsSchema.parse(paramsInput);
  const { signal } = options;
  const model = options.sampleRate === undefined ? atLowestRate(options.model) : atSampleRate(options.model, options.sampleRate);
  const tools = options.tools ?? defaultAnalysisTools();
  const source = await probeAudioSource(tools.ffprobe, file, options.audioStream);
  const frameSeconds = model.frameSamples / model.sampleRate;
  const framesPerSecond = 1 / frameSeconds;
  const expectedSeconds = source.info.duration ?? 0;
  const expectedFrames = Math.max(1, Math.ceil(expectedSeconds * framesPerSecond));
  let shown = 0;
  let decodedSeconds = 0;
  let framesDone = 0;
  const progress = () => {
    if (expectedSeconds <= 0) return;
    const fraction = DECODE_SHARE * Math.min(1, decodedSeconds / expectedSeconds) + (1 - DECODE_SHARE) * Math.min(1, framesDone / expectedFrames);
    // Decoding and detection run side by side; the bar never goes back.
    if (fraction > shown) options.onProgress?.((shown = fraction));
  };

  const spoolDir = await fsp.mkdtemp(path.join(options.tempDir ?? os.tmpdir(), 'reelsmith-speech-'));
  try {
    const spoolFile = path.join(spoolDir, 'samples.f32');
    const writer = fs.openSync(spoolFile, 'w');
    const splitter = new QuietSplitter({
      spacingFrames: Math.round(PART_SECONDS * framesPerSecond),
      searchFrames: Math.round((PART_SECONDS / 6) * framesPerSecond),
      quietFrames: Math.round(0.5 * framesPerSecond),
      ...options.splits,
    });
    const feed = new DecodingFeed(splitter, Math.round(PREROLL_SECONDS * framesPerSecond));
    const energies = new FrameEnergies(model.frameSamples);
    const probabilities = new GrowingFloats(expectedFrames);
    let sampleCount = 0;
    // The model failing stops the decoder; the decoder failing wakes the lanes waiting for audio.
    const stopDecoding = new AbortController();
    const onAbort = () => stopDecoding.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const detecting = runBatchedVad(runner, model, spoolFile, feed, {
        maxLanes: options.maxLanes ?? MAX_LANES,
        groups: Math.max(IN_FLIGHT_BATCHES, runner.parallelism ?? 1),
        steps: options.stepFrames ?? STEP_FRAMES,
        signal,
        onProbability: (frame, probability) => {
          probabilities.set(frame, probability);
          framesDone += 1;
          progress();
        },
      }).catch((error: unknown) => {
        stopDecoding.abort();
        throw error;
      });
      const decoding = streamPcm({
        ffmpeg: tools.ffmpeg,
        file,
        audioStream: source.audioStream,
        sampleRate: model.sampleRate,
        resampleFilterSize: RESAMPLE_FILTER_SIZE,
        channels: 1,
        format: 'f32le',
        signal: stopDecoding.signal,
        onSamples: (samples) => {
          fs.writeSync(writer, samples);
          sampleCount += samples.length;
          feed.addSplits(splitter.push(energies.push(samples)));
          feed.decoded(Math.floor(sampleCount / model.frameSamples));
        },
        onProgress: (seconds) => {
          decodedSeconds = seconds;
          progress();
        },
      }).then(
        () => {
          splitter.push(energies.finish());
          feed.finish(Math.ceil(sampleCount / model.frameSamples));
        },
        (error: unknown) => {
          feed.fail(error);
          throw error;
        },
      );
      await Promise.all([decoding, detecting]);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      fs.closeSync(writer);
    }

    const duration = sampleCount / model.sampleRate;
    const frameCount = Math.ceil(sampleCount / model.frameSamples);
    const segments = speechSegments(probabilities.values(frameCount), frameSeconds, duration, params);
    const speechSeconds = segments.reduce((sum, s) => sum + (s.end - s.start), 0);
    options.onProgress?.(1);
    return {
      duration,
      audioStream: source.audioStream,
      modelId: model.id,
      sampleRate: model.sampleRate,
      frameSeconds,
      segments,
      speechRatio: duration > 0 ? Math.min(1, speechSeconds / duration) : 0,
      params,
    };
  } finally {
    await fsp.rm(spoolDir, { recursive: true, force: true });
  }
}

/** One float per frame, for as many frames as come. */
class GrowingFloats {
  private data: Float32Array;

  constructor(initialLength: number) {
    this.data = new Float32Array(initialLength);
  }

  set(index: number, value: number): void {
    if (index >= this.data.length) {
      const bigger = new Float32Array(Math.max(index + 1, this.data.length * 2));
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[index] = value;
  }

  values(length: number): Float32Array {
    if (length > this.data.length) this.set(length - 1, 0);
    return this.data.subarray(0, length);
  }
}
