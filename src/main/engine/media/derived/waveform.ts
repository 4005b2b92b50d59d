import fs from 'node:fs/promises';
import { buildLevels, encodeWaveformPeaks, type WaveformPeaks } from '../../../../shared/media/waveform-peaks';
import { runPipedFfmpeg } from './ffmpeg-pipes';
import { PeakBuilder } from './peak-builder';
import { DerivedMediaError, type DerivedFileRequest } from './request';

/** Audio is analysed as mono at this rate: plenty for a picture of loudness, and a sixth of the data of 48 kHz stereo. */
export const WAVEFORM_SAMPLE_RATE = 16_000;
/** 64 samples at 16 kHz: 250 peaks a second, finer than a timeline zoomed to single frames. */
export const SAMPLES_PER_PEAK = 64;
/** Coarser levels stop at the first with at most this many peaks: a whole clip across a wide screen. */
export const COARSEST_LEVEL_PEAKS = 1000;

/**
 * Writes the waveform peaks of the first audio stream (all channels mixed to one) in the `.peaks` format of
 * shared/media/waveform-peaks, and returns them. The audio streams through: memory holds only the peaks.
 */
export async function makeWaveformPeaks(request: DerivedFileRequest): Promise<WaveformPeaks> {
  const stream = request.media.audio[0];
  if (!stream) throw new DerivedMediaError('This file has no sound, so it has no waveform.');
  const builder = new PeakBuilder(SAMPLES_PER_PEAK);
  const expectedSamples = request.media.duration ? request.media.duration * WAVEFORM_SAMPLE_RATE : null;
  let leftover: Buffer = Buffer.alloc(0);
  let reported = 0;
  await runPipedFfmpeg({
    program: request.ffmpeg,
    args: ['-i', request.input, '-map', `0:${stream.index}`, '-ac', '1', '-ar', String(WAVEFORM_SAMPLE_RATE), '-f', 'f32le', 'pipe:1'],
    onOutput: (chunk) => {
      const bytes = leftover.length > 0 ? Buffer.concat([leftover, chunk]) : chunk;
      const whole = bytes.length - (bytes.length % 4);
      // A chunk may split a sample and need not be 4-byte aligned, so whole samples are copied out. Float32Array
      // reads in the machine's byte order, which is little-endian wherever Reelsmith runs, as f32le is.
      builder.push(new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + whole)));
      leftover = Buffer.from(bytes.subarray(whole));
      const fraction = expectedSamples ? Math.min(1, builder.sampleCount / expectedSamples) : 0;
      // A chunk is about a second of audio: report each percent, not each chunk.
      if (fraction - reported < 0.01) return;
      reported = fraction;
      request.onProgress?.(fraction);
    },
    signal: request.signal,
  });
  const peaks: WaveformPeaks = {
    sampleRate: WAVEFORM_SAMPLE_RATE,
    sampleCount: builder.sampleCount,
    levels: buildLevels(builder.finish(), COARSEST_LEVEL_PEAKS),
  };
  await fs.writeFile(request.output, new Uint8Array(encodeWaveformPeaks(peaks)));
  request.onProgress?.(1);
  return peaks;
}
