/**
 * Upscales an RGBA image of any size with an image-to-image model from the manifest (e.g. the RDN upscalers): the
 * RGB channels go through the model in overlapping tiles blended with linear feathering; the alpha channel is scaled
 * bilinearly here. Alpha does not go through the model because it was trained on natural RGB photos: a mask would
 * come back with ringing at its edges, and it would double the model time for something bilinear does cleanly.
 */

import type { ModelEntry } from '../../../../shared/models/manifest';
import type { ModelRunner, TensorData } from '../tensor';
import { type BlendBand, blendTile, moveBand, planTiles, readTile } from './tiling';

export type ImageToImageModel = Extract<ModelEntry, { task: 'image-to-image' }>;

/** 8-bit RGBA pixels, row by row, 4 bytes per pixel. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

export interface UpscaleOptions {
  signal?: AbortSignal;
  /** Overrides the manifest's tile size, e.g. smaller to save memory. */
  tileSize?: number;
  /** Overrides the manifest's tile overlap. */
  tileOverlap?: number;
  /** Called after each tile with the tiles done and the tile count. */
  onProgress?: (done: number, total: number) => void;
}

const RGB = 3;

/** Runs `model` over `image` and returns an image `scale` times wider and taller. */
export async function upscaleImage(
  runner: ModelRunner,
  model: ImageToImageModel,
  image: RgbaImage,
  options: UpscaleOptions = {},
): Promise<RgbaImage> {
  const { width, height, data } = image;
  if (data.length !== width * height * 4) throw new RangeError(`RGBA data of ${width}×${height} must be ${width * height * 4} bytes`);
  const [input] = model.inputs;
  const [output] = model.outputs;
  if (!input || !output) throw new Error(`${model.id}: the manifest names no input or output`);
  const tileSize = options.tileSize ?? model.tileSize;
  const grid = planTiles(width, height, tileSize, options.tileOverlap ?? model.tileOverlap, model.scale);
  const outWidth = width * model.scale;
  const outHeight = height * model.scale;
  const outTile = tileSize * model.scale;

  const [inLow, inHigh] = input.range ?? [0, 255];
  const [outLow, outHigh] = output.range ?? [0, 255];
  const alpha = upscaleAlpha(image, model.scale);
  const out = new Uint8Array(outWidth * outHeight * 4);
  // Tiles are blended one tile row at a time in a band one scaled tile tall: float memory follows the width only.
  const band: BlendBand = { data: new Float32Array(outWidth * outTile * RGB), width: outWidth, top: 0, rows: outTile, channels: RGB };
  const total = grid.columns.length * grid.rows.length;
  let done = 0;
  for (const [row, y] of grid.rows.entries()) {
    moveBand(band, y * model.scale);
    for (const [column, x] of grid.columns.entries()) {
      options.signal?.throwIfAborted();
      const tile = readTile(data, width, height, 4, RGB, { x, y }, tileSize);
      for (let i = 0; i < tile.length; i++) tile[i] = inLow + ((tile[i] ?? 0) * (inHigh - inLow)) / 255;
      const feed: TensorData =
        model.layout === 'nhwc'
          ? { type: 'float32', data: tile, dims: [1, tileSize, tileSize, RGB] }
          : { type: 'float32', data: interleavedToPlanar(tile, tileSize * tileSize), dims: [1, RGB, tileSize, tileSize] };
      const result = (await runner.run(model.id, { [input.name]: feed }, options.signal))[output.name];
      const expected = model.layout === 'nhwc' ? [1, outTile, outTile, RGB] : [1, RGB, outTile, outTile];
      if (!result || result.type !== 'float32' || result.dims.join() !== expected.join()) {
        throw new Error(
          `${model.id}: expected ${output.name} float32 [${expected.join(', ')}], got ` +
            (result ? `${result.type} [${result.dims.join(', ')}]` : 'nothing'),
        );
      }
      const scaled = model.layout === 'nhwc' ? result.data : planarToInterleaved(result.data, outTile * outTile);
      blendTile(band, grid, column, row, scaled, outHeight);
      options.onProgress?.(++done, total);
    }
    // Rows above the next tile row get nothing more: they are final.
    const nextRow = grid.rows[row + 1];
    const finalEnd = nextRow === undefined ? outHeight : nextRow * model.scale;
    for (let p = band.top * outWidth; p < finalEnd * outWidth; p++) {
      const at = p - band.top * outWidth;
      for (let c = 0; c < RGB; c++) {
        const value = (((band.data[at * RGB + c] ?? 0) - outLow) * 255) / (outHigh - outLow);
        out[p * 4 + c] = Math.min(255, Math.max(0, Math.round(value)));
      }
      out[p * 4 + 3] = alpha[p] ?? 255;
    }
  }
  return { width: outWidth, height: outHeight, data: out };
}

/**
 * The alpha channel of `image` scaled by `scale` with bilinear interpolation (pixel centres aligned, edges clamped).
 * An opaque image stays exactly opaque.
 */
export function upscaleAlpha(image: RgbaImage, scale: number): Uint8Array {
  const { width, height, data } = image;
  const outWidth = width * scale;
  const outHeight = height * scale;
  const out = new Uint8Array(outWidth * outHeight);
  let opaque = true;
  for (let p = 3; p < data.length && opaque; p += 4) opaque = data[p] === 255;
  if (opaque) return out.fill(255);
  const alphaAt = (x: number, y: number): number => data[(y * width + x) * 4 + 3] ?? 0;
  for (let oy = 0; oy < outHeight; oy++) {
    const sy = Math.min(height - 1, Math.max(0, (oy + 0.5) / scale - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(height - 1, y0 + 1);
    const fy = sy - y0;
    for (let ox = 0; ox < outWidth; ox++) {
      const sx = Math.min(width - 1, Math.max(0, (ox + 0.5) / scale - 0.5));
      const x0 = Math.floor(sx);
      const x1 = Math.min(width - 1, x0 + 1);
      const fx = sx - x0;
      const top = alphaAt(x0, y0) * (1 - fx) + alphaAt(x1, y0) * fx;
      const bottom = alphaAt(x0, y1) * (1 - fx) + alphaAt(x1, y1) * fx;
      out[oy * outWidth + ox] = Math.round(top * (1 - fy) + bottom * fy);
    }
  }
  return out;
}

function interleavedToPlanar(pixels: Float32Array, count: number): Float32Array {
  const planar = new Float32Array(pixels.length);
  for (let p = 0; p < count; p++) for (let c = 0; c < RGB; c++) planar[c * count + p] = pixels[p * RGB + c] ?? 0;
  return planar;
}

function planarToInterleaved(planar: Float32Array, count: number): Float32Array {
  const pixels = new Float32Array(planar.length);
  for (let p = 0; p < count; p++) for (let c = 0; c < RGB; c++) pixels[p * RGB + c] = planar[c * count + p] ?? 0;
  return pixels;
}
