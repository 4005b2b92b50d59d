import type { VideoInfo } from '../../../../shared/media';
import { FfmpegError } from '../../ffmpeg/run-ffmpeg';
import { mapConcurrently, PARALLEL_SEEKS } from './concurrently';
import type { Size } from './display-size';
import { runPipedFfmpeg } from './ffmpeg-pipes';
import { jpegFileArgs, PICTURE_LABEL, pictureGraph } from './picture-graph';
import type { DerivedFileRequest } from './request';

/** Frames i = 0 … count − 1, each the one shown at (i + 0.5) × interval seconds. */
export interface EvenSampling {
  count: number;
  interval: number;
}

/** The picture stream to take frames from, and the size to take them at (upright, square pixels). */
export interface FrameSource {
  streamIndex: number;
  size: Size;
  hasAlpha: boolean;
  hdr: VideoInfo['hdr'];
  /** Input options that pick the decoder (libvpx for a WebM with alpha, see alpha-decoder.ts). */
  decoder: readonly string[];
}

/**
 * Frames at least this far apart are quicker to reach by seeking to each (decoding from the keyframe before it)
 * than by decoding the whole video once. Seeking wins big where keyframes are close (phones put one every second),
 * one pass where they are far apart or the clip is short. Measured with 1080p H.264 on two cores: five frames of a
 * 20 s clip with a keyframe a second, one pass 0.8 s, seeks 0.25 s; five of a 4 s clip, one pass 0.25 s, seeks
 * 0.3-0.7 s; forty of a 60 s clip with a keyframe every 8 s, one pass 4 s, seeks 15 s.
 */
const SEEK_INTERVAL_SECONDS = 2;

/**
 * Non-reference frames are never needed to decode others, so skipping them nearly halves decoding; a frame taken
 * may then be a frame or two off its time, which no one sees in a thumbnail.
 */
const SKIP_NON_REFERENCE = ['-skip_frame', 'noref'];

export function sampleTimes(sampling: EvenSampling): number[] {
  return Array.from({ length: sampling.count }, (_, i) => (i + 0.5) * sampling.interval);
}

/**
 * Evenly spaced frames of a video as packed RGB (`size.width × size.height × 3` bytes each); null for a time with
 * no frame (past the real end). Reports progress as frames arrive.
 */
export async function grabFrames(request: DerivedFileRequest, source: FrameSource, sampling: EvenSampling): Promise<(Buffer | null)[]> {
  return sampling.interval >= SEEK_INTERVAL_SECONDS ? seekToEach(request, source, sampling) : decodeInOnePass(request, source, sampling);
}

/**
 * The frame shown at `time`; null when there is none. With `jpeg`, the same process also writes the frame there as a
 * JPEG, so a frame that turns out to be good needs no second ffmpeg.
 */
export async function grabFrameAt(
  request: DerivedFileRequest,
  source: FrameSource,
  time: number,
  jpeg?: string,
): Promise<Buffer | null> {
  const received: Buffer[] = [];
  const outputs = jpeg
    ? [`${graphFor(source)};${PICTURE_LABEL}split=2[raw][jpeg]`, '-map', '[raw]']
    : [graphFor(source), '-map', PICTURE_LABEL];
  await runPipedFfmpeg({
    program: request.ffmpeg,
    // Seeking before -i jumps to the keyframe ahead of `time`, then decodes only up to it.
    args: [
      ...SKIP_NON_REFERENCE, '-ss', String(time), ...source.decoder, '-i', request.input,
      '-filter_complex', ...outputs, '-frames:v', '1', '-f', 'rawvideo', 'pipe:1',
      ...(jpeg ? ['-map', '[jpeg]', '-frames:v', '1', ...jpegFileArgs(jpeg)] : []),
    ],
    onOutput: (chunk) => received.push(chunk),
    signal: request.signal,
  });
  const frame = Buffer.concat(received);
  return frame.length === frameBytes(source) ? frame : null;
}

/** Decodes the video once, keeping the frame shown at each time; stops as soon as it has them all. */
async function decodeInOnePass(request: DerivedFileRequest, source: FrameSource, { count, interval }: EvenSampling): Promise<(Buffer | null)[]> {
  // Output frame k stands for time (k + 0.5) × interval and, with round=up, is the last frame at or before it.
  const sampling = `fps=fps=1/${interval}:start_time=${interval / 2}:round=up`;
  const bytesPerFrame = frameBytes(source);
  const received: Buffer[] = [];
  let bytes = 0;
  await runPipedFfmpeg({
    program: request.ffmpeg,
    args: [
      ...SKIP_NON_REFERENCE, ...source.decoder, '-i', request.input, '-filter_complex', graphFor(source, sampling), '-map', PICTURE_LABEL,
      // Without passthrough ffmpeg would pad the start to time zero with a copy of the first frame.
      '-fps_mode', 'passthrough', '-frames:v', String(count), '-f', 'rawvideo', 'pipe:1',
    ],
    onOutput: (chunk) => {
      const framesBefore = Math.floor(bytes / bytesPerFrame);
      received.push(chunk);
      bytes += chunk.length;
      const frames = Math.floor(bytes / bytesPerFrame);
      if (frames > framesBefore) request.onProgress?.(Math.min(1, frames / count));
    },
    signal: request.signal,
  });
  const all = Buffer.concat(received);
  return Array.from({ length: count }, (_, i) => ((i + 1) * bytesPerFrame <= all.length ? all.subarray(i * bytesPerFrame, (i + 1) * bytesPerFrame) : null));
}

/** Seeks to each time in its own short ffmpeg run, a few at once. A time that fails is left out, unless all do. */
async function seekToEach(request: DerivedFileRequest, source: FrameSource, sampling: EvenSampling): Promise<(Buffer | null)[]> {
  let done = 0;
  let firstFailure: FfmpegError | null = null;
  const frames = await mapConcurrently(sampleTimes(sampling), PARALLEL_SEEKS, async (time) => {
    try {
      return await grabFrameAt(request, source, time);
    } catch (error) {
      if (!(error instanceof FfmpegError)) throw error;
      firstFailure ??= error;
      return null;
    } finally {
      request.onProgress?.(++done / sampling.count);
    }
  });
  if (firstFailure && frames.every((frame) => frame === null)) throw firstFailure;
  return frames;
}

function graphFor(source: FrameSource, sampling?: string): string {
  return pictureGraph(source.streamIndex, { size: source.size }, source, sampling);
}

function frameBytes(source: FrameSource): number {
  return source.size.width * source.size.height * 3;
}
