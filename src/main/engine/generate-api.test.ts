import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssetView, Lineage } from '../../shared/assets';
import type { Job } from '../../shared/jobs';
import { ensureTestMedia } from '../../../test/media/corpus';
import { engineCalls } from '../../../test/support/engine-calls';
import { locateTool } from './ffmpeg/locate';
import { runPipedFfmpeg } from './media/derived/ffmpeg-pipes';
import { createEngine, type Engine } from './index';

/**
 * Generating over the API: jobs through the inference host and ffmpeg, whose results land in the gallery with the
 * lineage that makes them again.
 */

let root: string;
let generated: string;
let engine: Engine;
let imageId: string;
let soundId: string;

const { call, ok } = engineCalls(() => engine);

beforeAll(async () => {
  const corpus = await ensureTestMedia();
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-generate-api-'));
  generated = path.join(root, 'Art.reelsmith', 'generated');
  engine = createEngine({ shell: 'test', configDir: path.join(root, 'config'), projectsDir: root });
  await ok('project.create', { path: path.join(root, 'Art') });
  const report = await ok('assets.import', { paths: [corpus.good['alpha.png'].path, corpus.good['tone.flac'].path] });
  imageId = report.results[0]!.assetId!;
  soundId = report.results[1]!.assetId!;
}, 60_000);
afterAll(async () => {
  await engine.dispose();
  await fs.rm(root, { recursive: true, force: true });
});

/** Waits for the job to succeed and returns its result. */
async function succeeded(job: Job): Promise<string> {
  const settled = await engine.whenJobSettled(job.id);
  expect(settled.state, settled.error?.message).toBe('succeeded');
  return settled.result ?? '';
}

/** The asset made as generated/`name`, once it has been imported and marked with its lineage. */
async function landed(name: string): Promise<AssetView> {
  const file = path.join(generated, name);
  let found: AssetView | undefined;
  await expect
    .poll(async () => (found = (await ok('assets.list')).find((a) => a.path === file && a.lineage !== undefined)), { timeout: 20_000 })
    .toBeTruthy();
  return found!;
}

async function errorOf(method: Parameters<typeof call>[0], params: unknown): Promise<{ code: string; message: string }> {
  const result = await call(method, params);
  if (result.ok) throw new Error(`${method} did not refuse`);
  return result.error;
}

/** The alpha values of the first frame of a clip, decoded with libvpx so a WebM's alpha is read. */
async function firstFrameAlpha(file: string): Promise<number[]> {
  const chunks: Buffer[] = [];
  await runPipedFfmpeg({
    program: locateTool('ffmpeg').path,
    args: ['-c:v', 'libvpx-vp9', '-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1'],
    onOutput: (chunk) => chunks.push(chunk),
  });
  const data = Buffer.concat(chunks);
  return Array.from({ length: data.length / 4 }, (_, p) => data[p * 4 + 3]!);
}

describe('generate.models', () => {
  it('lists the bundled generators with their classes and the encoder with its decoder', async () => {
    const models = await ok('generate.models');
    expect(models.find((m) => m.id === 'emoji-gan-32')).toMatchObject({ role: 'generator', origin: 'bundled', latentSize: 64, imageSize: 32, decoder: null });
    expect(models.find((m) => m.id === 'emoji-gan-32')!.classes).toHaveLength(8);
    expect(models.find((m) => m.id === 'emoji-vae-32-encoder')).toMatchObject({ role: 'encoder', classes: [], decoder: 'emoji-vae-32-decoder', license: 'Apache-2.0' });
    expect(models.some((m) => m.id.startsWith('rdn-'))).toBe(false);
  });
});

describe('generate.sample', () => {
  let sheet: AssetView;

  it('draws a sticker sheet of sixteen at the size asked for, with its lineage', async () => {
    const job = await ok('generate.sample', { count: 16, seed: 1, size: 64 });
    expect(job.kind).toBe('generate.sample');
    expect(await succeeded(job)).toBe('emoji-gan-32 sheet seed 1.png');
    sheet = await landed('emoji-gan-32 sheet seed 1.png');
    const lineage: Lineage = {
      operation: 'sample',
      model: 'emoji-gan-32',
      parameters: { count: 16, seed: 1, temperature: 1, layout: 'sheet', size: 64, upscale: 0 },
      sources: [],
      seed: 1,
    };
    expect(sheet.lineage).toEqual(lineage);
    expect(sheet.media.video).toMatchObject({ displayWidth: 4 * 64 + 3 * 2, displayHeight: 4 * 64 + 3 * 2, hasAlpha: true });
  }, 30_000);

  it('makes the same bytes from the same request, so the gallery gets no copy; another seed makes another sheet', async () => {
    expect(await succeeded(await ok('generate.sample', { count: 16, seed: 1, size: 64 }))).toBe('emoji-gan-32 sheet seed 1 2.png');
    // The copy is identical to the sheet already in the gallery: it is recognised as such and removed.
    await expect.poll(() => fs.access(path.join(generated, 'emoji-gan-32 sheet seed 1 2.png')).then(() => true, () => false), { timeout: 20_000 }).toBe(false);
    expect((await ok('assets.list')).filter((a) => a.lineage?.operation === 'sample' && a.lineage.seed === 1)).toHaveLength(1);

    await succeeded(await ok('generate.sample', { count: 16, seed: 2, size: 64 }));
    const other = await landed('emoji-gan-32 sheet seed 2.png');
    const [a, b] = await Promise.all([fs.readFile(sheet.path), fs.readFile(other.path)]);
    expect(a.equals(b)).toBe(false);
  }, 40_000);

  it('writes one image per seed when asked, each with the lineage that makes it alone', async () => {
    const result = await succeeded(await ok('generate.sample', { count: 3, seed: 5, layout: 'separate', size: 48, classIndex: 2 }));
    expect(result).toBe('emoji-gan-32 seed 5.png, emoji-gan-32 seed 6.png, emoji-gan-32 seed 7.png');
    const made = await Promise.all(['5', '6', '7'].map((seed) => landed(`emoji-gan-32 seed ${seed}.png`)));
    expect(made.map((asset) => asset.lineage)).toEqual(
      [5, 6, 7].map((seed) => ({
        operation: 'sample',
        model: 'emoji-gan-32',
        parameters: { count: 1, seed, classIndex: 2, temperature: 1, layout: 'separate', size: 48, upscale: 0 },
        sources: [],
        seed,
      })),
    );
    expect(made[0]!.media.video).toMatchObject({ displayWidth: 48, hasAlpha: true });
  }, 30_000);

  it('refuses a class the model does not have, saying how many it has', async () => {
    expect(await errorOf('generate.sample', { classIndex: 8 })).toMatchObject({ code: 'INVALID_PARAMS', message: expect.stringMatching(/8 classes \(0 to 7\)/) });
    expect(await errorOf('generate.sample', { model: 'no-such-model' })).toMatchObject({ code: 'INVALID_PARAMS', message: expect.stringMatching(/no model called no-such-model/) });
  });

  it('runs the upscaler on every image before it is written at the size asked for', async () => {
    await succeeded(await ok('generate.sample', { count: 1, seed: 3, layout: 'separate', size: 64 }));
    await succeeded(await ok('generate.sample', { count: 1, seed: 3, layout: 'separate', size: 64, upscale: 2 }));
    const [plain, upscaled] = await Promise.all([landed('emoji-gan-32 seed 3.png'), landed('emoji-gan-32 seed 3 2.png')]);
    // The model draws 32 pixels; ×2 makes the 64 asked for with the upscaler instead of Lanczos.
    expect(upscaled.lineage?.parameters).toMatchObject({ upscale: 2, size: 64 });
    expect(upscaled.media.video).toMatchObject({ displayWidth: 64, displayHeight: 64, hasAlpha: true });
    const [a, b] = await Promise.all([fs.readFile(plain.path), fs.readFile(upscaled.path)]);
    expect(a.equals(b)).toBe(false);
  }, 30_000);
});

describe('generate.loop', () => {
  it('writes a WebM loop with alpha, as long as asked', async () => {
    const job = await ok('generate.loop', { seed: 4, keys: 2, seconds: 1, format: 'webm', size: 64 });
    expect(job.kind).toBe('generate.loop');
    expect(await succeeded(job)).toBe('emoji-gan-32 loop seed 4.webm');
    const loop = await landed('emoji-gan-32 loop seed 4.webm');
    expect(loop.kind).toBe('video');
    expect(loop.lineage).toMatchObject({ operation: 'loop', model: 'emoji-gan-32', seed: 4, parameters: { keys: 2, seconds: 1, format: 'webm' } });
    expect(loop.media.duration).toBeCloseTo(1, 1);
    expect(loop.media.video).toMatchObject({ displayWidth: 64, displayHeight: 64, hasAlpha: true });
    const alpha = await firstFrameAlpha(loop.path);
    expect(Math.min(...alpha)).toBeLessThan(32);
    expect(Math.max(...alpha)).toBeGreaterThan(224);
  }, 30_000);

  it('leaves nothing behind when cancelled', async () => {
    const job = await ok('generate.loop', { seed: 9, keys: 8, seconds: 30, size: 512, upscale: 4 });
    await expect.poll(async () => (await ok('jobs.list')).find((j) => j.id === job.id)?.state, { timeout: 20_000 }).toBe('running');
    await ok('jobs.cancel', { id: job.id });
    expect((await engine.whenJobSettled(job.id)).state).toBe('cancelled');
    expect((await fs.readdir(generated)).filter((name) => name.includes('seed 9'))).toEqual([]);
  }, 30_000);
});

describe('generate.variations and generate.morph', () => {
  it('draws variations of a picture, each marked with the picture it came from', async () => {
    const job = await ok('generate.variations', { assetId: imageId, count: 3, seed: 1, size: 64 });
    expect(await succeeded(job)).toBe('alpha variation seed 1.png, alpha variation seed 2.png, alpha variation seed 3.png');
    const first = await landed('alpha variation seed 1.png');
    expect(first.lineage).toEqual({
      operation: 'variation',
      model: 'emoji-vae-32-encoder',
      parameters: { count: 1, seed: 1, spread: 6, layout: 'separate', size: 64, upscale: 0 },
      sources: [imageId],
      seed: 1,
    });
    expect(first.media.video).toMatchObject({ displayWidth: 64, hasAlpha: true });
  }, 30_000);

  it('refuses sound, saying why', async () => {
    expect(await errorOf('generate.variations', { assetId: soundId })).toMatchObject({ code: 'INVALID_PARAMS', message: expect.stringMatching(/is sound; only pictures/) });
    expect(await errorOf('generate.morph', { fromAssetId: imageId, toAssetId: soundId })).toMatchObject({ code: 'INVALID_PARAMS' });
  });

  it('morphs one picture into another and back, as long as asked', async () => {
    const [from, to] = await Promise.all([landed('emoji-gan-32 seed 5.png'), landed('emoji-gan-32 seed 6.png')]);
    const job = await ok('generate.morph', { fromAssetId: from.id, toAssetId: to.id, seconds: 2, format: 'gif', size: 64 });
    expect(job.kind).toBe('generate.morph');
    expect(await succeeded(job)).toBe('emoji-gan-32 seed 5 to emoji-gan-32 seed 6.gif');
    const morph = await landed('emoji-gan-32 seed 5 to emoji-gan-32 seed 6.gif');
    expect(morph.lineage).toEqual({
      operation: 'morph',
      model: 'emoji-vae-32-encoder',
      parameters: { seconds: 2, pingPong: true, format: 'gif', size: 64, upscale: 0 },
      sources: [from.id, to.id],
    });
    expect(morph.media.duration).toBeCloseTo(2, 0);
  }, 30_000);
});

describe('generate.regenerate', () => {
  it('makes a lost sheet again, byte for byte, in its place and with its lineage', async () => {
    const sheet = await landed('emoji-gan-32 sheet seed 2.png');
    const bytes = await fs.readFile(sheet.path);
    await fs.rm(sheet.path);
    const job = await ok('generate.regenerate', { assetId: sheet.id });
    expect(job.kind).toBe('generate.sample');
    expect(await succeeded(job)).toBe('emoji-gan-32 sheet seed 2.png');
    expect((await fs.readFile(sheet.path)).equals(bytes)).toBe(true);
    const again = (await ok('assets.list')).filter((a) => a.lineage?.operation === 'sample' && a.lineage.seed === 2);
    expect(again.map((a) => [a.id, a.lineage])).toEqual([[sheet.id, sheet.lineage]]);
    await ok('assets.refresh', { ids: [sheet.id] });
    await expect.poll(async () => (await ok('assets.list')).find((a) => a.id === sheet.id)?.status, { timeout: 10_000 }).toBe('ready');
  }, 30_000);

  it('makes variations again, and refuses a morph whose picture was removed', async () => {
    const variation = await landed('alpha variation seed 2.png');
    const job = await ok('generate.regenerate', { assetId: variation.id });
    expect(job.kind).toBe('generate.variations');
    expect(await succeeded(job)).toBe('alpha variation seed 2 2.png');

    const morph = await landed('emoji-gan-32 seed 5 to emoji-gan-32 seed 6.gif');
    await ok('assets.remove', { ids: [morph.lineage!.sources[1]!] });
    expect(await errorOf('generate.regenerate', { assetId: morph.id })).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/no longer in the project/) });
  }, 30_000);

  it('refuses an asset that was imported, not made', async () => {
    expect(await errorOf('generate.regenerate', { assetId: imageId })).toMatchObject({ code: 'INVALID_PARAMS', message: expect.stringMatching(/not made by Reelsmith/) });
  });
});

describe('generate.upscale', () => {
  it('makes an image twice the size in generated/, imports it and records how it was made', async () => {
    const job = await ok('generate.upscale', { assetId: imageId, scale: 2 });
    expect(await succeeded(job)).toBe('alpha ×2.png');
    const source = (await ok('assets.list')).find((a) => a.id === imageId)!;
    const made = await landed('alpha ×2.png');
    expect(made.lineage).toEqual({ operation: 'upscale', model: 'rdn-slim-x2', parameters: { scale: 2, quality: 'slim' }, sources: [imageId] });
    expect(made.media.video).toMatchObject({ displayWidth: source.media.video!.displayWidth * 2, hasAlpha: true });
  }, 90_000);

  it('refuses sound, saying why', async () => {
    const result = await call('generate.upscale', { assetId: soundId, scale: 4 });
    expect(result.ok === false && result.error.message).toMatch(/no picture/);
  });
});
