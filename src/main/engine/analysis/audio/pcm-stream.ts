import { runPipedFfmpeg } from '../../media/derived/ffmpeg-pipes';

/**
 * Decodes one audio stream of a media file to raw PCM on ffmpeg's stdout and hands it over chunk by chunk, so memory
 * stays the same however long the media is: nothing is kept beyond the chunk being handed over.
 */

export type PcmFormat = 'f32le' | 's16le';
export type PcmSamples<F extends PcmFormat> = F extends 'f32le' ? Float32Array : Int16Array;

export interface PcmStreamOptions<F extends PcmFormat> {
  ffmpeg: string;
  file: string;
  /** Which audio stream, counted among the file's audio streams from 0 (a second mic track is 1). */
  audioStream?: number;
  /** Samples a second (ffmpeg resamples to it). */
  sampleRate: number;
  /** Length of ffmpeg's resampling filter (its filter_size, 32 when absent): shorter is cheaper and less steep. */
  resampleFilterSize?: number;
  /** 1 mixes every channel down to mono. */
  channels?: number;
  format: F;
  signal?: AbortSignal;
  /** Seconds decoded so far, after every chunk. */
  onProgress?: (decodedSeconds: number) => void;
  /**
   * Each chunk of whole sample frames (channels interleaved), in order. Called synchronously while ffmpeg runs, so a
   * consumer that keeps up keeps memory flat; a throw stops ffmpeg and rejects with that error.
   */
  onSamples: (samples: PcmSamples<F>) => void;
}

export interface PcmStreamResult {
  /** Sample frames decoded (samples per channel). */
  frames: number;
}

export const SPEECH_SAMPLE_RATE = 16_000;

export async function streamPcm<F extends PcmFormat>(options: PcmStreamOptions<F>): Promise<PcmStreamResult> {
  const channels = options.channels ?? 1;
  const bytesPerSample = options.format === 'f32le' ? 4 : 2;
  const frameBytes = bytesPerSample * channels;
  // A chunk ends anywhere, even inside a sample; the rest waits for the next one.
  let carry: Buffer = Buffer.alloc(0);
  let frames = 0;
  await runPipedFfmpeg({
    program: options.ffmpeg,
    args: [
      '-i',
      options.file,
      '-map',
      `0:a:${options.audioStream ?? 0}`,
      '-ac',
      String(channels),
      ...resampleArgs(options.sampleRate, channels, options.resampleFilterSize),
      '-f',
      options.format,
      'pipe:1',
    ],
    signal: options.signal,
    onOutput: (chunk) => {
      const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      const whole = bytes.length - (bytes.length % frameBytes);
      carry = Buffer.from(bytes.subarray(whole));
      if (whole === 0) return;
      const samples = sampleView(options.format, bytes, whole);
      frames += whole / frameBytes;
      options.onSamples(samples as PcmSamples<F>);
      options.onProgress?.(frames / options.sampleRate);
    },
  });
  return { frames };
}

/**
 * The first `length` bytes as samples: a view when the bytes sit at an offset the sample type allows (pipe chunks
 * usually do), a copy otherwise.
 */
/**
 * The rate (and, with a filter size, the channel layout) for ffmpeg's resampler. Given a filter size, one `aresample`
 * mixes down and resamples in one pass (mixing first, so a stereo file is resampled once); without, `-ar` leaves
 * ffmpeg's own choice.
 */
function resampleArgs(sampleRate: number, channels: number, filterSize: number | undefined): string[] {
  if (filterSize === undefined) return ['-ar', String(sampleRate)];
  const layout = channels === 1 ? ':out_chlayout=mono' : channels === 2 ? ':out_chlayout=stereo' : '';
  return ['-af', `aresample=${sampleRate}:filter_size=${filterSize}${layout}`];
}

function sampleView(format: PcmFormat, bytes: Buffer, length: number): Float32Array | Int16Array {
  const size = format === 'f32le' ? 4 : 2;
  if (bytes.byteOffset % size === 0) {
    return format === 'f32le' ? new Float32Array(bytes.buffer, bytes.byteOffset, length / 4) : new Int16Array(bytes.buffer, bytes.byteOffset, length / 2);
  }
  const samples = format === 'f32le' ? new Float32Array(length / 4) : new Int16Array(length / 2);
  new Uint8Array(samples.buffer).set(bytes.subarray(0, length));
  return samples;
}
