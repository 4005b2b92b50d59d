import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestMedia } from '../../../../test/media/corpus';
import { locateTool } from '../ffmpeg/locate';
import { runFfmpeg } from '../ffmpeg/run-ffmpeg';
import { bundledModel, OnnxDirectRunner, readBundledManifest } from '../inference/models/onnx-direct-runner';
import type { ImageToImageModel } from '../inference/models/image-upscale';
import { probeFile } from '../media/probe';
import type { VideoInfo } from '../../../shared/media';
import { pictureSize, upscaleFile, UpscaleError } from './upscale-file';

let dir: string;
let runner: OnnxDirectRunner;
let model: ImageToImageModel;
const ffmpeg = locateTool('ffmpeg').path;
const ffprobe = locateTool('ffprobe').path;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-upscale-'));
  model = bundledModel('rdn-slim-x2', 'image-to-image');
  runner = new OnnxDirectRunner(readBundledManifest());
}, 60_000);
afterAll(async () => {
  await runner?.release();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('upscaleFile', () => {
  it('doubles an image exactly and keeps its alpha', async () => {
    const corpus = await ensureTestMedia();
    const input = corpus.good['alpha.png'].path;
    const media = await probeFile(ffprobe, input);
    const output = path.join(dir, 'alpha-x2.png');
    const size = await upscaleFile(input, output, { ffmpeg, runner, model, media });
    const result = await probeFile(ffprobe, output);
    expect(size).toEqual({ width: media.video!.displayWidth * 2, height: media.video!.displayHeight * 2 });
    expect(result.video).toMatchObject({ displayWidth: size.width, displayHeight: size.height, hasAlpha: true });
  }, 60_000);

  it('upscales a short video frame by frame with its sound intact and its length unchanged', async () => {
    const input = path.join(dir, 'clip.mp4');
    await runFfmpeg({
      program: ffmpeg,
      args: ['-f', 'lavfi', '-i', 'testsrc2=s=64x36:r=10:d=1', '-f', 'lavfi', '-i', 'sine=f=440:d=1', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', '-y', input],
    });
    const media = await probeFile(ffprobe, input);
    const output = path.join(dir, 'clip-x2.mp4');
    const fractions: number[] = [];
    await upscaleFile(input, output, { ffmpeg, runner, model, media, onProgress: (f) => fractions.push(f) });
    const result = await probeFile(ffprobe, output);
    expect(result.video).toMatchObject({ displayWidth: 128, displayHeight: 72 });
    expect(result.audio).toHaveLength(1);
    expect(result.audio[0]!.codec).toBe(media.audio[0]!.codec);
    expect(Math.abs((result.duration ?? 0) - (media.duration ?? 0))).toBeLessThan(0.15);
    expect(fractions.at(-1)).toBe(1);
  }, 120_000);

  it('refuses an upscale that would be too large, and a file without a picture', async () => {
    const corpus = await ensureTestMedia();
    const media = await probeFile(ffprobe, corpus.good['alpha.png'].path);
    const huge = { ...media, video: { ...media.video!, width: 6000, height: 4000, displayWidth: 6000, displayHeight: 4000 } };
    await expect(upscaleFile('x.png', path.join(dir, 'y.png'), { ffmpeg, runner, model, media: huge })).rejects.toThrow(UpscaleError);
    const sound = await probeFile(ffprobe, corpus.good['tone.flac'].path);
    await expect(upscaleFile(corpus.good['tone.flac'].path, path.join(dir, 'z.png'), { ffmpeg, runner, model, media: sound })).rejects.toThrow(/no picture/);
  });
});

describe('pictureSize', () => {
  const video = (fields: Partial<VideoInfo>): VideoInfo => ({
    index: 0, codec: 'png', width: 640, height: 360, displayWidth: 640, displayHeight: 360, sar: { num: 1, den: 1 }, dar: { num: 16, den: 9 },
    rotation: 0, frameRate: null, variableFrameRate: false, pixelFormat: 'rgba', bitDepth: 8, hasAlpha: true, hdr: null, ...fields,
  });

  it('takes the coded size when pixels are square or nearly so, turned for a quarter rotation', () => {
    expect(pictureSize(video({ sar: { num: 1279, den: 1280 }, displayWidth: 639 }))).toEqual({ width: 640, height: 360 });
    expect(pictureSize(video({ rotation: 90, displayWidth: 360, displayHeight: 640 }))).toEqual({ width: 360, height: 640 });
  });

  it('takes the shown size when pixels are clearly not square (anamorphic video)', () => {
    expect(pictureSize(video({ width: 720, height: 576, sar: { num: 16, den: 15 }, displayWidth: 768, displayHeight: 576 }))).toEqual({ width: 768, height: 576 });
  });
});
