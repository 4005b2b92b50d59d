import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveFeeds } from '../framed-file-feed';
import type { ModelRunner, TensorMap } from '../tensor';
import { decodePng } from './decode-png';
import { type ImageToImageModel, type RgbaImage, upscaleAlpha, upscaleImage } from './image-upscale';
import { OnnxDirectRunner, bundledModel, readBundledManifest } from './onnx-direct-runner';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../test/fixtures/models');
const readPng = (name: string): RgbaImage => decodePng(readFileSync(path.join(FIXTURES, name)));

const runner = new OnnxDirectRunner(readBundledManifest());
afterAll(() => runner.release());

/** PSNR in dB of the RGB channels of `reference` against the same-sized top-left window of `image`. */
function psnrOfTopLeft(image: RgbaImage, reference: RgbaImage): number {
  let squaredError = 0;
  for (let y = 0; y < reference.height; y++)
    for (let x = 0; x < reference.width; x++)
      for (let c = 0; c < 3; c++) {
        const difference = (image.data[(y * image.width + x) * 4 + c] ?? 0) - (reference.data[(y * reference.width + x) * 4 + c] ?? 0);
        squaredError += difference * difference;
      }
  const meanSquaredError = squaredError / (reference.width * reference.height * 3);
  return meanSquaredError === 0 ? Infinity : 10 * Math.log10((255 * 255) / meanSquaredError);
}

/** A `width × height` window of an image. */
function crop(image: RgbaImage, x0: number, y0: number, width: number, height: number): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const from = ((y0 + y) * image.width + x0) * 4;
    data.set(image.data.subarray(from, from + width * 4), y * width * 4);
  }
  return { width, height, data };
}

describe('RDN upscalers against the UpscalerJS packages’ own samples', () => {
  const input = readPng('upscalerjs-fixture.png');
  it.each([
    ['rdn-slim-x2', 'upscalerjs-slim-x2-result-top-left.png'],
    ['rdn-slim-x4', 'upscalerjs-slim-x4-result-top-left.png'],
    ['rdn-medium-x2', 'upscalerjs-medium-x2-result-top-left.png'],
    ['rdn-medium-x4', 'upscalerjs-medium-x4-result-top-left.png'],
  ])('%s matches %s above 60 dB', async (id, referenceFile) => {
    const model = bundledModel(id, 'image-to-image');
    // The 128×128 fixture is exactly one tile, as the package ran it: whole.
    const output = await upscaleImage(runner, model, input);
    expect([output.width, output.height]).toEqual([128 * model.scale, 128 * model.scale]);
    expect(psnrOfTopLeft(output, readPng(referenceFile))).toBeGreaterThan(60);
  });
});

describe('upscaleImage tiling with a real model', () => {
  const model = bundledModel('rdn-slim-x2', 'image-to-image');
  const fixture = readPng('upscalerjs-fixture.png');

  it('matches the untiled model output on an image larger than the tile', async () => {
    const image = crop(fixture, 5, 9, 110, 100);
    const tiled = await upscaleImage(runner, model, image, { tileSize: 48, tileOverlap: 16 });
    const rgb = new Float32Array(image.width * image.height * 3);
    for (let p = 0; p < image.width * image.height; p++) for (let c = 0; c < 3; c++) rgb[p * 3 + c] = image.data[p * 4 + c] ?? 0;
    const whole = await runner.run(model.id, { image: { type: 'float32', data: rgb, dims: [1, image.height, image.width, 3] } });
    const untiled = whole['upscaled']?.data ?? new Float32Array(0);

    let squaredError = 0;
    let largest = 0;
    for (let p = 0; p < tiled.width * tiled.height; p++)
      for (let c = 0; c < 3; c++) {
        const difference = (tiled.data[p * 4 + c] ?? 0) - Math.min(255, Math.max(0, Math.round(Number(untiled[p * 3 + c]))));
        squaredError += difference * difference;
        largest = Math.max(largest, Math.abs(difference));
      }
    const psnr = 10 * Math.log10((255 * 255) / (squaredError / (tiled.width * tiled.height * 3)));
    // Near a seam a tile sees less context than the whole image gives; feathering keeps that to a few levels
    // (measured: 58 dB, at most 4 levels, with these small tiles; 67 dB, 1 level, with the manifest's 128/16).
    expect(psnr).toBeGreaterThan(50);
    expect(largest).toBeLessThanOrEqual(6);
  });

  it('makes exactly scale × the size of an image smaller than a tile, with padding by edge replication', async () => {
    const image = crop(fixture, 40, 30, 37, 21);
    const output = await upscaleImage(runner, model, image);
    expect([output.width, output.height, output.data.length]).toEqual([74, 42, 74 * 42 * 4]);
  });

  it('keeps the alpha channel', async () => {
    const image = crop(fixture, 0, 0, 64, 40);
    for (let y = 0; y < 40; y++) for (let x = 0; x < 64; x++) image.data[(y * 64 + x) * 4 + 3] = x < 32 ? 0 : 255;
    const output = await upscaleImage(runner, model, image, { tileSize: 32, tileOverlap: 8 });
    expect(Array.from(output.data.filter((_, i) => i % 4 === 3))).toEqual(Array.from(upscaleAlpha(image, 2)));
    expect(output.data[(10 * 128 + 20) * 4 + 3]).toBe(0);
    expect(output.data[(10 * 128 + 100) * 4 + 3]).toBe(255);
  });
});

describe('upscaleImage with a scripted runner', () => {
  /** A ×2 nearest-neighbour "model" over NCHW pixels in [0, 1] that records its calls. */
  function nearestRunner(calls: TensorMap[]): ModelRunner {
    return {
      async run(_id, feedMap) {
        const feeds = resolveFeeds(feedMap);
        calls.push(feeds);
        const input = feeds['pixels'];
        if (input?.type !== 'float32') throw new Error('expected float32 pixels');
        const [, channels = 0, height = 0, width = 0] = input.dims;
        const out = new Float32Array(channels * height * 2 * width * 2);
        for (let c = 0; c < channels; c++)
          for (let y = 0; y < height * 2; y++)
            for (let x = 0; x < width * 2; x++) {
              out[(c * height * 2 + y) * width * 2 + x] = input.data[(c * height + (y >> 1)) * width + (x >> 1)] ?? 0;
            }
        return { result: { type: 'float32', data: out, dims: [1, channels, height * 2, width * 2] } };
      },
    };
  }
  const planarModel: ImageToImageModel = {
    id: 'nearest-x2',
    name: 'nearest ×2',
    task: 'image-to-image',
    file: 'nearest.onnx',
    bytes: 1,
    sha256: '0'.repeat(64),
    license: 'MIT',
    source: 'test',
    layout: 'nchw',
    scale: 2,
    tileSize: 16,
    tileOverlap: 4,
    inputs: [{ name: 'pixels', dtype: 'float32', shape: [1, 3, 'height', 'width'], range: [0, 1] }],
    outputs: [{ name: 'result', dtype: 'float32', shape: [1, 3, 'height', 'width'], range: [0, 1] }],
  };
  const image: RgbaImage = {
    width: 40,
    height: 23,
    data: Uint8Array.from({ length: 40 * 23 * 4 }, (_, i) => (i % 4 === 3 ? 255 : (i * 7) % 256)),
  };

  it('maps layout and value range both ways and reproduces a nearest-neighbour model exactly', async () => {
    const calls: TensorMap[] = [];
    const progress: number[] = [];
    const output = await upscaleImage(nearestRunner(calls), planarModel, image, { onProgress: (done) => progress.push(done) });
    expect(calls.length).toBe(3 * 2);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
    expect(calls[0]?.['pixels']?.dims).toEqual([1, 3, 16, 16]);
    for (let y = 0; y < 46; y++)
      for (let x = 0; x < 80; x++)
        for (let c = 0; c < 4; c++) {
          expect(output.data[(y * 80 + x) * 4 + c]).toBe(image.data[((y >> 1) * 40 + (x >> 1)) * 4 + c]);
        }
  });

  it('stops between tiles when aborted', async () => {
    const controller = new AbortController();
    const calls: TensorMap[] = [];
    const pending = upscaleImage(nearestRunner(calls), planarModel, image, {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(pending).rejects.toThrow(/abort/i);
    expect(calls.length).toBe(1);
  });

  it('says what was wrong when the model answers with the wrong shape', async () => {
    const wrong: ModelRunner = { run: async () => ({ result: { type: 'float32', data: new Float32Array(3), dims: [1, 3, 1, 1] } }) };
    await expect(upscaleImage(wrong, planarModel, image)).rejects.toThrow('expected result float32 [1, 3, 32, 32], got float32 [1, 3, 1, 1]');
  });
});
