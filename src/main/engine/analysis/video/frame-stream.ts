import { spawn } from 'node:child_process';
import type { VideoInfo } from '../../../../shared/media';
import { describeFfmpegFailure, formatCommandLine } from '../../ffmpeg/failure';
import { FfmpegCancelled, FfmpegError } from '../../ffmpeg/run-ffmpeg';
import { StderrTail } from '../../ffmpeg/stderr-tail';
import { toneMapFilters } from '../../ffmpeg/tone-map';

export type FramePixelFormat = 'rgb24' | 'gray';

export interface FrameStreamOptions {
  ffmpeg: string;
  /** Input arguments: `['-i', file]`, or a lavfi source for tests and benchmarks. */
  input: readonly string[];
  /** Size of the frames delivered; ffmpeg scales to it (after applying rotation). */
  width: number;
  height: number;
  /** Frames a second delivered: ffmpeg drops or repeats frames to keep this rate, so frame n is at n / rate. */
  frameRate: number;
  pixelFormat: FramePixelFormat;
  /** The source's HDR transfer, tone-mapped to SDR so the frames look as on an ordinary screen; absent for SDR. */
  hdr?: VideoInfo['hdr'];
  /** Seconds of media, for the progress fraction; null when unknown. */
  duration: number | null;
  signal?: AbortSignal;
  /** Fraction done by time, 0..1, at most once a percent. */
  onProgress?: (fraction: number) => void;
}

export interface VideoFrame {
  index: number;
  /** Seconds from the start of the media. */
  time: number;
  width: number;
  height: number;
  /**
   * Pixels, row by row, 3 bytes (r, g, b) or 1 (luma) each. The same buffer is filled again for the next frame:
   * copy what must outlive this iteration.
   */
  data: Uint8Array;
}

const STDERR_TAIL_LINES = 40;

/**
 * Decodes the first video stream into small frames of a fixed size and rate, read from ffmpeg's stdout into one
 * frame-sized buffer. The pipe is read only as fast as the frames are consumed, so memory stays the same however long
 * the media is. Stopping the iteration early (break, throw) or aborting the signal kills ffmpeg; a failure of ffmpeg
 * ends it with FfmpegError, a cancel with FfmpegCancelled, as runFfmpeg does.
 */
export async function* streamFrames(options: FrameStreamOptions): AsyncGenerator<VideoFrame, void, undefined> {
  const { width, height, frameRate } = options;
  const args = [
    '-hide_banner', '-nostats', '-nostdin', '-loglevel', 'error',
    ...options.input,
    '-map', '0:v:0',
    '-vf', [...toneMapFilters(options.hdr), `fps=${frameRate}`, `scale=${width}:${height}:flags=area`, `format=${options.pixelFormat}`].join(','),
    '-f', 'rawvideo', 'pipe:1',
  ];
  const commandLine = formatCommandLine(options.ffmpeg, args);
  if (options.signal?.aborted) throw new FfmpegCancelled(commandLine);

  const child = spawn(options.ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
  const tail = new StderrTail(STDERR_TAIL_LINES);
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => tail.push(chunk));
  const exited = new Promise<{ code: number | null; startError: Error | null }>((resolve) => {
    child.once('error', (error) => resolve({ code: null, startError: error }));
    child.once('close', (code) => resolve({ code, startError: null }));
  });
  let cancelled = false;
  const onAbort = () => {
    cancelled = true;
    child.kill('SIGKILL');
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });

  const frame: VideoFrame = {
    index: 0,
    time: 0,
    width,
    height,
    data: new Uint8Array(width * height * (options.pixelFormat === 'rgb24' ? 3 : 1)),
  };
  let filled = 0;
  let reported = 0;
  try {
    // The stream's async iterator pulls one chunk at a time, so ffmpeg waits while a frame is being analysed.
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      let at = 0;
      while (at < chunk.length) {
        const taken = Math.min(frame.data.length - filled, chunk.length - at);
        frame.data.set(chunk.subarray(at, at + taken), filled);
        filled += taken;
        at += taken;
        if (filled < frame.data.length) continue;
        yield frame;
        filled = 0;
        frame.index += 1;
        frame.time = frame.index / frameRate;
        if (options.onProgress && options.duration) {
          const fraction = Math.min(1, frame.time / options.duration);
          if (fraction - reported >= 0.01) {
            reported = fraction;
            options.onProgress(fraction);
          }
        }
      }
    }
    const { code, startError } = await exited;
    if (cancelled) throw new FfmpegCancelled(commandLine);
    if (startError) throw new FfmpegError(`ffmpeg could not be started: ${startError.message}`, commandLine, '', null);
    if (code !== 0) {
      const stderrTail = tail.text();
      throw new FfmpegError(describeFfmpegFailure(stderrTail, code), commandLine, stderrTail, code);
    }
    options.onProgress?.(1);
  } catch (error) {
    if (cancelled && !(error instanceof FfmpegCancelled)) throw new FfmpegCancelled(commandLine);
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  }
}

/** Frame size for analysis: `width` wide (never wider than the picture), the height keeping the shape, both even. */
export function analysisFrameSize(displayWidth: number, displayHeight: number, width: number): { width: number; height: number } {
  const even = (n: number) => Math.max(2, 2 * Math.round(n / 2));
  const w = even(Math.min(width, displayWidth));
  return { width: w, height: even((w * displayHeight) / displayWidth) };
}
