import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestMedia } from '../../../test/media/corpus';
import { engineCalls } from '../../../test/support/engine-calls';
import { createEngine, type Engine } from './index';

/** Upscaling an asset over the API: a job through the inference host, the result in the gallery with its lineage. */

let root: string;
let engine: Engine;
let imageId: string;
let soundId: string;

const { call, ok } = engineCalls(() => engine);

beforeAll(async () => {
  const corpus = await ensureTestMedia();
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-generate-api-'));
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

describe('generate.upscale', () => {
  it('makes an image twice the size in generated/, imports it and records how it was made', async () => {
    const job = await ok('generate.upscale', { assetId: imageId, scale: 2 });
    const settled = await engine.whenJobSettled(job.id);
    expect(settled.state, settled.error?.message).toBe('succeeded');
    expect(settled.result).toBe('alpha ×2.png');
    await expect.poll(async () => (await ok('assets.list')).find((a) => a.lineage !== undefined), { timeout: 20_000 }).toBeTruthy();
    const source = (await ok('assets.list')).find((a) => a.id === imageId)!;
    const made = (await ok('assets.list')).find((a) => a.lineage !== undefined)!;
    expect(made.path).toBe(path.join(root, 'Art.reelsmith', 'generated', 'alpha ×2.png'));
    expect(made.lineage).toEqual({ operation: 'upscale', model: 'rdn-slim-x2', parameters: { scale: 2 }, sources: [imageId] });
    expect(made.media.video).toMatchObject({ displayWidth: source.media.video!.displayWidth * 2, hasAlpha: true });
  }, 90_000);

  it('refuses sound, saying why', async () => {
    const result = await call('generate.upscale', { assetId: soundId, scale: 4 });
    expect(result.ok === false && result.error.message).toMatch(/no picture/);
  });
});
