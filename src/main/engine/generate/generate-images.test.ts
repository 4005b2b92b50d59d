import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateTool } from '../ffmpeg/locate';
import { bundledModel, OnnxDirectRunner, readBundledManifest } from '../inference/models/onnx-direct-runner';
import { probeFile } from '../media/probe';
import { contactSheet, loopImages, morphImages, resizeImages, sampleImages, writeLoop, writePng, type EncoderModel, type GeneratorModel } from './generate-images';

let dir: string;
let runner: OnnxDirectRunner;
let gan: GeneratorModel;
let encoder: EncoderModel;
let decoder: GeneratorModel;
const ffmpeg = locateTool('ffmpeg').path;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-generate-'));
  gan = bundledModel('emoji-gan-32', 'image-generator');
  encoder = bundledModel('emoji-vae-32-encoder', 'image-encoder');
  decoder = bundledModel('emoji-vae-32-decoder', 'image-generator');
  runner = new OnnxDirectRunner(readBundledManifest());
});
afterAll(async () => {
  await runner?.release();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('generated images', () => {
  it('gives the same bytes for the same seed and different images for different seeds', async () => {
    const [a, b] = await sampleImages(runner, gan, { seeds: [5, 6], classIndex: null, temperature: 1 });
    const [again] = await sampleImages(runner, gan, { seeds: [5], classIndex: null, temperature: 1 });
    expect(a!.width).toBe(gan.imageSize);
    expect(a!.height).toBe(gan.imageSize);
    expect(Buffer.from(again!.data).equals(Buffer.from(a!.data))).toBe(true);
    expect(Buffer.from(b!.data).equals(Buffer.from(a!.data))).toBe(false);
    // Emoji are drawn on transparency: some pixels are see-through, some opaque.
    const alphas = Array.from({ length: a!.width * a!.height }, (_, p) => a!.data[p * 4 + 3]!);
    expect(Math.min(...alphas)).toBeLessThan(64);
    expect(Math.max(...alphas)).toBeGreaterThan(192);
  });

  it('lays sixteen out as a sticker sheet and writes it as PNG with alpha', async () => {
    const images = await sampleImages(runner, gan, { seeds: Array.from({ length: 16 }, (_, i) => i), classIndex: 0, temperature: 0.8 });
    const sheet = contactSheet(images, 4);
    expect(sheet).toMatchObject({ width: 4 * gan.imageSize + 3 * 2, height: 4 * gan.imageSize + 3 * 2 });
    const file = path.join(dir, 'sheet.png');
    await writePng(ffmpeg, sheet, file);
    expect((await probeFile(locateTool('ffprobe').path, file)).video).toMatchObject({ displayWidth: sheet.width, hasAlpha: true });
  });

  it('writes a seamless loop as a GIF with the frames asked for', async () => {
    const frames = await loopImages(runner, gan, { seeds: [1, 2, 3], classIndex: null, temperature: 1, frames: 30 });
    expect(frames).toHaveLength(30);
    const file = path.join(dir, 'loop.gif');
    await writeLoop(ffmpeg, frames, file, 15, 64);
    const info = await probeFile(locateTool('ffprobe').path, file);
    expect(info.video).toMatchObject({ displayWidth: 64, displayHeight: 64 });
    expect(info.duration).toBeCloseTo(2, 0);
  });

  it('scales images to a size in one go, keeping their alpha', async () => {
    const images = await sampleImages(runner, gan, { seeds: [1, 2], classIndex: null, temperature: 1 });
    const resized = await resizeImages(ffmpeg, images, 48);
    expect(resized.map((image) => [image.width, image.height, image.data.length])).toEqual([[48, 48, 48 * 48 * 4], [48, 48, 48 * 48 * 4]]);
    const alphas = Array.from({ length: 48 * 48 }, (_, p) => resized[1]!.data[p * 4 + 3]!);
    expect(Math.min(...alphas)).toBeLessThan(64);
    expect(Math.max(...alphas)).toBeGreaterThan(192);
  });

  it('morphs one picture into another and back through the VAE', async () => {
    const [from, to] = await sampleImages(runner, gan, { seeds: [3, 4], classIndex: null, temperature: 1 });
    const progress: number[] = [];
    const frames = await morphImages(runner, encoder, decoder, { from: from!, to: to! }, { frames: 40, pingPong: true }, undefined, (done) => progress.push(done));
    expect(frames).toHaveLength(40);
    expect(progress).toEqual([32, 40]);
    const same = (a: number, b: number) => Buffer.from(frames[a]!.data).equals(Buffer.from(frames[b]!.data));
    // There and back: frame k and frame 40 − k are the same point of the walk.
    expect(same(5, 35)).toBe(true);
    expect(same(0, 20)).toBe(false);
  });
});
