import { runPipedFfmpeg } from '../../src/main/engine/media/derived/ffmpeg-pipes';

/** 8-bit RGB pixels, row by row, 3 bytes per pixel. */
export interface RgbPicture {
  width: number;
  height: number;
  data: Uint8Array;
}

/** The first picture of `file` as RGB, which must be `width`×`height` (a wrong size is an error, not a rescale). */
export async function decodeRgb(ffmpeg: string, file: string, width: number, height: number): Promise<RgbPicture> {
  return { width, height, data: await decodePixels(ffmpeg, file, width, height, 'rgb24') };
}

/** The first picture of `file` as RGBA bytes, which must be `width`×`height`. */
export function decodeRgba(ffmpeg: string, file: string, width: number, height: number): Promise<Uint8Array> {
  return decodePixels(ffmpeg, file, width, height, 'rgba');
}

async function decodePixels(ffmpeg: string, file: string, width: number, height: number, pixelFormat: 'rgb24' | 'rgba'): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  await runPipedFfmpeg({
    program: ffmpeg,
    args: ['-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', pixelFormat, 'pipe:1'],
    onOutput: (chunk) => chunks.push(chunk),
  });
  const data = new Uint8Array(Buffer.concat(chunks));
  const bytesPerPixel = pixelFormat === 'rgba' ? 4 : 3;
  if (data.length !== width * height * bytesPerPixel) throw new Error(`${file} is not ${width}×${height}: ${data.length} bytes of ${pixelFormat}`);
  return data;
}

export interface PsnrOptions {
  /** Pixels left out at each edge: upscalers differ most where they must invent the outside of the picture. */
  shave: number;
}

/**
 * PSNR in dB of `test` against `reference`, on the BT.601 luma (Y of YCbCr, as super-resolution papers report it)
 * and on the three RGB channels together.
 */
export function psnr(reference: RgbPicture, test: RgbPicture, options: PsnrOptions): { y: number; rgb: number } {
  if (reference.width !== test.width || reference.height !== test.height) {
    throw new Error(`PSNR of ${test.width}×${test.height} against ${reference.width}×${reference.height}`);
  }
  const { width, height } = reference;
  const { shave } = options;
  let lumaError = 0;
  let rgbError = 0;
  let count = 0;
  for (let y = shave; y < height - shave; y++) {
    for (let x = shave; x < width - shave; x++) {
      const at = (y * width + x) * 3;
      const r = (reference.data[at] ?? 0) - (test.data[at] ?? 0);
      const g = (reference.data[at + 1] ?? 0) - (test.data[at + 1] ?? 0);
      const b = (reference.data[at + 2] ?? 0) - (test.data[at + 2] ?? 0);
      // BT.601 studio-range luma weights; the offset cancels in a difference.
      const luma = (65.481 * r + 128.553 * g + 24.966 * b) / 255;
      lumaError += luma * luma;
      rgbError += r * r + g * g + b * b;
      count++;
    }
  }
  const decibels = (meanSquare: number, peak: number) => 10 * Math.log10((peak * peak) / meanSquare);
  // Peak 255 on the luma too, as super-resolution papers compute it, so the figures compare with theirs.
  return { y: decibels(lumaError / count, 255), rgb: decibels(rgbError / (count * 3), 255) };
}
