import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/**
 * Test sources that say which frame they are, without fonts or OCR: the top band of every frame holds its frame
 * number in binary, one 20-pixel block per bit (white is 1), lowest bit on the left; the bottom band flashes white
 * on every `flashEvery`-th frame, while a 1 kHz beep plays for exactly that frame. Reading a render back gives the
 * exact source frame behind every output frame, and where flashes and beeps landed.
 */

export const CODED_WIDTH = 320;
export const CODED_HEIGHT = 180;
const BITS = 16;
const BLOCK = CODED_WIDTH / BITS;
const BAND_SPLIT = 120;
const run = promisify(execFile);

export interface FrameCodedSource {
  /** "25", "30000/1001". */
  rate: string;
  frames: number;
  /** Frames from one keyframe to the next (x264 -g, with scene-cut keyframes off). */
  gop: number;
  flashEvery: number;
  /** Let x264 store frames out of order (2 B-frames), as most camera and screen-recorder files do. */
  bFrames?: boolean;
  /** Re-times the frames (a setpts expression) for a variable frame rate; the sound then no longer matches. */
  setpts?: string;
}

export async function makeFrameCodedSource(ffmpeg: string, file: string, source: FrameCodedSource): Promise<void> {
  const [num, den = '1'] = source.rate.split('/');
  const seconds = (source.frames * Number(den)) / Number(num);
  const bit = `if(mod(floor(N/pow(2,floor(X/${BLOCK}))),2),235,16)`;
  const flash = `if(eq(mod(N,${source.flashEvery}),0),235,16)`;
  const frameOf = `floor(t*${num}/${den}+0.000001)`;
  await run(ffmpeg, [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i',
    `nullsrc=s=${CODED_WIDTH}x${CODED_HEIGHT}:r=${source.rate},trim=end_frame=${source.frames},geq=lum='if(lt(Y,${BAND_SPLIT}),${bit},${flash})':cb=128:cr=128` +
      (source.setpts ? `,setpts='${source.setpts}'` : ''),
    '-f', 'lavfi', '-i', `aevalsrc='if(eq(mod(${frameOf},${source.flashEvery}),0),0.5*sin(2*PI*1000*t),0)':s=48000:d=${seconds}`,
    '-c:v', 'libx264', '-preset', source.bFrames ? 'veryfast' : 'ultrafast', '-qp', '12',
    '-g', String(source.gop), '-keyint_min', String(source.gop), '-sc_threshold', '0',
    ...(source.bFrames ? ['-bf', '2'] : ['-bf', '0']),
    ...(source.setpts ? ['-fps_mode', 'vfr'] : []),
    '-c:a', 'aac', '-b:a', '128k',
    file,
  ]);
}

export interface CodedFrames {
  /** The source frame number shown by each output frame. */
  numbers: number[];
  /** Whether each output frame is a flash frame. */
  flashes: boolean[];
}

/** Decodes every frame of `file` (at the coded size) back into its source frame number. */
export async function readCodedFrames(ffmpeg: string, file: string): Promise<CodedFrames> {
  const { stdout } = await run(ffmpeg, ['-v', 'error', '-i', file, '-map', '0:v:0', '-f', 'rawvideo', '-pix_fmt', 'gray', '-'], {
    encoding: 'buffer',
    maxBuffer: 1024 * 1024 * 1024,
  });
  const frameBytes = CODED_WIDTH * CODED_HEIGHT;
  const numbers: number[] = [];
  const flashes: boolean[] = [];
  for (let offset = 0; offset + frameBytes <= stdout.length; offset += frameBytes) {
    const at = (x: number, y: number) => stdout[offset + y * CODED_WIDTH + x]!;
    let number = 0;
    for (let b = 0; b < BITS; b += 1) if (at(b * BLOCK + BLOCK / 2, BAND_SPLIT / 2) > 128) number |= 1 << b;
    numbers.push(number);
    flashes.push(at(CODED_WIDTH / 2, (BAND_SPLIT + CODED_HEIGHT) / 2) > 128);
  }
  return { numbers, flashes };
}

/** The luma of one pixel in every frame of `file`. */
export async function readPixel(ffmpeg: string, file: string, x: number, y: number): Promise<number[]> {
  const { stdout } = await run(ffmpeg, ['-v', 'error', '-i', file, '-map', '0:v:0', '-vf', `format=gray,crop=1:1:${x}:${y}`, '-f', 'rawvideo', '-pix_fmt', 'gray', '-'], {
    encoding: 'buffer',
    maxBuffer: 64 * 1024 * 1024,
  });
  return [...stdout];
}

/** The first channel of `file`'s sound as 48 kHz samples. */
export async function readSamples(ffmpeg: string, file: string): Promise<Float32Array> {
  const { stdout } = await run(ffmpeg, ['-v', 'error', '-i', file, '-map', '0:a:0', '-ac', '1', '-ar', '48000', '-f', 'f32le', '-'], {
    encoding: 'buffer',
    maxBuffer: 1024 * 1024 * 1024,
  });
  return new Float32Array(stdout.buffer, stdout.byteOffset, stdout.length / 4);
}

/** Seconds at which a beep starts: a sample louder than `threshold` after at least 20 ms of quiet. */
export function beepOnsets(samples: Float32Array, sampleRate = 48_000, threshold = 0.1): number[] {
  const quietNeeded = Math.round(sampleRate * 0.02);
  const onsets: number[] = [];
  let quiet = quietNeeded;
  for (let i = 0; i < samples.length; i += 1) {
    if (Math.abs(samples[i]!) > threshold) {
      if (quiet >= quietNeeded) onsets.push(i / sampleRate);
      quiet = 0;
    } else {
      quiet += 1;
    }
  }
  return onsets;
}
