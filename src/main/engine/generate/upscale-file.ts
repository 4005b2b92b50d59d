import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { MediaInfo, VideoInfo } from '../../../shared/media';
import { streamFrames } from '../analysis/video/frame-stream';
import { describeFfmpegFailure, formatCommandLine } from '../ffmpeg/failure';
import { FfmpegCancelled, FfmpegError } from '../ffmpeg/run-ffmpeg';
import { StderrTail } from '../ffmpeg/stderr-tail';
import { toneMapFilters } from '../ffmpeg/tone-map';
import { upscaleImage, type ImageToImageModel, type RgbaImage } from '../inference/models/image-upscale';
import type { ModelRunner } from '../inference/tensor';
import { runPipedFfmpeg } from '../media/derived/ffmpeg-pipes';

/**
 * Upscaling of an image or a video file with an image-to-image model (RDN ×2 or ×4): images of any size through the
 * model's tiles with their alpha kept, written as PNG; videos frame by frame between two ffmpeg processes (decode,
 * encode), with the sound copied from the source, one frame in memory at a time. The output is written where the
 * caller says, a registered temporary it moves into place (a job's output, PartialFiles.writeThrough), and removed
 * when the upscale fails or is cancelled.
 */

export interface UpscaleFileOptions {
  ffmpeg: string;
  runner: ModelRunner;
  model: ImageToImageModel;
  /** The probed source: its kind, picture size, frame rate, length and sound. */
  media: MediaInfo;
  signal?: AbortSignal;
  /** 0..1 over the whole file. */
  onProgress?: (fraction: number) => void;
}

export class UpscaleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UpscaleError';
  }
}

/** The sizes an upscale makes, checked before any work: a 4K source at ×4 would be a 16K image. */
export const MAX_OUTPUT_EDGE = 8192;

export async function upscaleFile(input: string, output: string, options: UpscaleFileOptions): Promise<{ width: number; height: number }> {
  const video = options.media.video;
  if (!video) throw new UpscaleError(`${path.basename(input)} has no picture to upscale.`);
  const scale = options.model.scale;
  const { width, height } = pictureSize(video);
  if (Math.max(width, height) * scale > MAX_OUTPUT_EDGE) {
    throw new UpscaleError(`${width}×${height} at ×${scale} would be larger than ${MAX_OUTPUT_EDGE} pixels on a side; upscale a smaller picture.`);
  }
  try {
    if (options.media.kind === 'video') await upscaleVideo(input, output, width, height, options);
    else await upscaleStill(input, output, width, height, options);
  } catch (error) {
    await fs.rm(output, { force: true });
    throw error;
  }
  return { width: width * scale, height: height * scale };
}

/**
 * The size the picture is shown at. Pixels within 1 % of square count as square: ffmpeg's own scaling leaves aspect
 * ratios such as 1279:1280 behind, and honouring one would resample the picture (and miss the exact ×2 size) for a
 * difference no one sees.
 */
export function pictureSize(video: VideoInfo): { width: number; height: number } {
  if (Math.abs(video.sar.num / video.sar.den - 1) > 0.01) return { width: video.displayWidth, height: video.displayHeight };
  const quarterTurn = video.rotation === 90 || video.rotation === 270;
  return quarterTurn ? { width: video.height, height: video.width } : { width: video.width, height: video.height };
}

async function upscaleStill(input: string, output: string, width: number, height: number, options: UpscaleFileOptions): Promise<void> {
  const chunks: Buffer[] = [];
  await runPipedFfmpeg({
    program: options.ffmpeg,
    args: ['-i', input, '-frames:v', '1', '-vf', [...toneMapFilters(options.media.video?.hdr), `scale=${width}:${height}`].join(','), '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1'],
    onOutput: (chunk) => chunks.push(chunk),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const data = new Uint8Array(Buffer.concat(chunks));
  if (data.length !== width * height * 4) throw new UpscaleError(`No picture could be read from ${path.basename(input)}.`);
  const upscaled = await upscaleImage(options.runner, options.model, { width, height, data }, {
    ...(options.signal ? { signal: options.signal } : {}),
    onProgress: (done, total) => options.onProgress?.(done / total),
  });
  await runPipedFfmpeg({
    program: options.ffmpeg,
    args: ['-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${upscaled.width}x${upscaled.height}`, '-i', 'pipe:0', '-frames:v', '1', '-y', output],
    input: new Uint8Array(upscaled.data.buffer, upscaled.data.byteOffset, upscaled.data.byteLength),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  options.onProgress?.(1);
}

async function upscaleVideo(input: string, output: string, width: number, height: number, options: UpscaleFileOptions): Promise<void> {
  const { media, model } = options;
  const rate = media.video?.frameRate && media.video.frameRate.num > 0 ? media.video.frameRate.num / media.video.frameRate.den : 30;
  const totalFrames = Math.max(1, Math.round((media.duration ?? 0) * rate));
  const outWidth = width * model.scale;
  const outHeight = height * model.scale;
  const encoder = startEncoder(options.ffmpeg, [
    '-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${outWidth}x${outHeight}`, '-r', String(rate), '-i', 'pipe:0',
    '-i', input,
    '-map', '0:v:0', '-map', '1:a:0?',
    '-c:v', 'libx264', '-preset', 'medium', '-crf', '18', '-pix_fmt', 'yuv420p',
    // The sound is the source's, untouched.
    '-c:a', 'copy',
    '-shortest', '-y', output,
  ], options.signal);
  const rgba = new Uint8Array(width * height * 4);
  try {
    for await (const frame of streamFrames({
      ffmpeg: options.ffmpeg,
      input: ['-i', input],
      width,
      height,
      frameRate: rate,
      pixelFormat: 'rgb24',
      hdr: media.video?.hdr,
      duration: media.duration,
      ...(options.signal ? { signal: options.signal } : {}),
    })) {
      for (let p = 0, q = 0; p < frame.data.length; p += 3, q += 4) {
        rgba[q] = frame.data[p]!;
        rgba[q + 1] = frame.data[p + 1]!;
        rgba[q + 2] = frame.data[p + 2]!;
        rgba[q + 3] = 255;
      }
      const image: RgbaImage = { width, height, data: rgba };
      const upscaled = await upscaleImage(options.runner, model, image, options.signal ? { signal: options.signal } : {});
      await encoder.write(new Uint8Array(upscaled.data.buffer, upscaled.data.byteOffset, upscaled.data.byteLength));
      options.onProgress?.(Math.min(0.99, (frame.index + 1) / totalFrames));
    }
    await encoder.finish();
    options.onProgress?.(1);
  } catch (error) {
    // ffmpeg must have let go of the file before it is removed (Windows refuses to delete an open file).
    await encoder.abort();
    throw error;
  }
}

interface FrameEncoder {
  /** Resolves once ffmpeg has taken the frame (backpressure: the model waits for a slow encoder). */
  write(data: Uint8Array): Promise<void>;
  finish(): Promise<void>;
  /** Kills ffmpeg; resolves once it has exited. */
  abort(): Promise<void>;
}

/** An ffmpeg that encodes raw frames written to its stdin. */
function startEncoder(program: string, args: readonly string[], signal: AbortSignal | undefined): FrameEncoder {
  const full = ['-hide_banner', '-nostats', '-loglevel', 'error', ...args];
  const commandLine = formatCommandLine(program, full);
  const child = spawn(program, full, { stdio: ['pipe', 'ignore', 'pipe'], windowsHide: true });
  const tail = new StderrTail(40);
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => tail.push(chunk));
  child.stdin.on('error', () => undefined);
  let cancelled = false;
  const onAbort = () => {
    cancelled = true;
    child.kill('SIGKILL');
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  const exited = new Promise<{ code: number | null; startError: Error | null }>((resolve) => {
    child.once('error', (error) => resolve({ code: null, startError: error }));
    child.once('close', (code) => resolve({ code, startError: null }));
  });
  const failure = async (): Promise<Error> => {
    const { code, startError } = await exited;
    signal?.removeEventListener('abort', onAbort);
    if (cancelled) return new FfmpegCancelled(commandLine);
    if (startError) return new FfmpegError(`ffmpeg could not be started: ${startError.message}`, commandLine, '', null);
    const stderrTail = tail.text();
    return new FfmpegError(describeFfmpegFailure(stderrTail, code), commandLine, stderrTail, code);
  };
  return {
    write: (data) =>
      new Promise((resolve, reject) => {
        if (child.exitCode !== null || cancelled) {
          void failure().then(reject);
          return;
        }
        if (child.stdin.write(data)) {
          resolve();
          return;
        }
        // ffmpeg may die while its pipe is full: then no drain comes, only the close.
        const onClose = () => void failure().then(reject);
        child.once('close', onClose);
        child.stdin.once('drain', () => {
          child.off('close', onClose);
          resolve();
        });
      }),
    finish: async () => {
      child.stdin.end();
      const { code } = await exited;
      if (code !== 0 || cancelled) throw await failure();
      signal?.removeEventListener('abort', onAbort);
    },
    abort: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
