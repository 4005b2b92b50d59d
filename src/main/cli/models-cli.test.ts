import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { affineModel, affineUserManifest, identityModel, writeTestModel } from '../../../test/inference/test-models';
import { createEngine, type Engine } from '../engine';
import { runCliCaptured } from './captured-run';

let root: string;
let models: string;
let engine: Engine;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-models-cli-'));
  models = path.join(root, 'models');
  const good = await writeTestModel(models, 'affine', affineModel());
  const damaged = await writeTestModel(models, 'damaged', identityModel());
  await fs.writeFile(path.join(models, 'damaged.onnx'), new Uint8Array(damaged.bytes));
  await fs.writeFile(path.join(models, 'models.json'), JSON.stringify({ version: 1, models: [good, damaged] }));
  engine = createEngine({ shell: 'cli', configDir: path.join(root, 'config'), projectsDir: root, inference: { bundledModelsDir: models } });
});
afterEach(async () => {
  await engine.dispose();
  await fs.rm(root, { recursive: true, force: true });
});

const cli = (...argv: string[]) => runCliCaptured(engine, root, argv);

describe('reelsmith models', () => {
  it('lists every model with its status and licence', async () => {
    const text = await cli('models', 'list');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^affine +ok +bundled +MIT/m);
    expect(text.stdout).toMatch(/^damaged +corrupt/m);
    const json = await cli('models', 'list', '--json');
    expect(JSON.parse(json.stdout)).toEqual([
      expect.objectContaining({ id: 'affine', status: 'ok', license: 'MIT' }),
      expect.objectContaining({ id: 'damaged', status: 'corrupt' }),
    ]);
  });

  it('verify exits with 1 and names the damaged model', async () => {
    const run = await cli('models', 'verify');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^damaged is corrupt: damaged\.onnx does not match its sha256 checksum/);
    await fs.rm(path.join(models, 'damaged.onnx'));
    const again = await cli('models', 'verify');
    expect(again.stdout).toMatch(/^damaged is missing/);
  });

  it('device shows the providers tried and times a warm-up of every usable bundled model', async () => {
    const run = await cli('models', 'device');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^In use: CPU/);
    expect(run.stdout).toMatch(/^ {2}CPU +ok +[\d.]+ ms/m);
    expect(run.stdout).toMatch(/^ {2}affine +CPU +load [\d.]+ ms {2}first run [\d.]+ ms {2}warm run [\d.]+ ms$/m);
    const json = JSON.parse((await cli('models', 'device', '--json')).stdout);
    expect(json).toMatchObject({ testGraph: false, warmUps: [{ modelId: 'affine', provider: 'cpu', error: null }] });
  });

  it('imports a user model with its manifest, and says what is wrong with a bad one', async () => {
    await fs.writeFile(path.join(root, 'mine.onnx'), affineModel());
    const manifest = affineUserManifest;
    await fs.writeFile(path.join(root, 'mine.json'), JSON.stringify(manifest));
    const imported = await cli('models', 'import', 'mine.onnx', 'mine.json');
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('Imported My affine model (my-affine): ok');
    expect((await cli('models', 'list', '--json')).stdout).toContain('my-affine');

    await fs.writeFile(path.join(root, 'wrong.json'), JSON.stringify({ ...manifest, id: 'wrong', inputs: [{ name: 'image', dtype: 'float32', shape: ['n'] }] }));
    const wrong = await cli('models', 'import', 'mine.onnx', 'wrong.json');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/inputs are x, but the manifest names image/);
  });
});
