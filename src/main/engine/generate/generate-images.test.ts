import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateTool } from '../ffmpeg/locate';
import { bundledModel, OnnxDirectRunner, readBundledManifest } from '../inference/models/onnx-direct-runner';
import { probeFile } from '../media/probe';
import { contactSheet, loopImages, sampleImages, writeLoop, writePng, type GeneratorModel } from './generate-images';

let dir: string;
let runner: OnnxDirectRunner;
let gan: GeneratorModel;
const ffmpeg = locateTool('ffmpeg').path;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-generate-'));
  gan = bundledModel('emoji-gan-32', 'image-generator');
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
});
