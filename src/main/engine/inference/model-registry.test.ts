import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { affineModel, identityModel, writeTestModel } from '../../../../test/inference/test-models';
import type { ModelEntry } from '../../../shared/models/manifest';
import { HashCache } from './hash-cache';
import { ModelRegistry, ModelUnavailableError } from './model-registry';

let root: string;
let bundled: string;
let user: string;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-registry-'));
  bundled = path.join(root, 'resources', 'models');
  user = path.join(root, 'config', 'models');
});
afterEach(() => fs.rm(root, { recursive: true, force: true }));

const registry = () => new ModelRegistry({ bundledDir: bundled, userDir: user, hashes: new HashCache(path.join(root, 'config', 'model-hashes.json')) });

async function writeManifest(models: ModelEntry[]) {
  await fs.writeFile(path.join(bundled, 'models.json'), JSON.stringify({ version: 1, models }));
}

describe('ModelRegistry', () => {
  it('lists bundled models that match their size and checksum as ok, with their licence', async () => {
    await writeManifest([await writeTestModel(bundled, 'affine', affineModel())]);
    const [model] = await registry().list();
    expect(model?.listing).toMatchObject({ id: 'affine', status: 'ok', origin: 'bundled', license: 'MIT', message: 'Ready.' });
    expect(model?.file).toBe(path.join(bundled, 'affine.onnx'));
  });

  it('reports a missing file, and a file with the wrong checksum as corrupt, and turns both off', async () => {
    const missing = await writeTestModel(bundled, 'gone', affineModel());
    await fs.rm(path.join(bundled, 'gone.onnx'));
    const damaged = await writeTestModel(bundled, 'damaged', affineModel());
    const bytes = await fs.readFile(path.join(bundled, 'damaged.onnx'));
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1); // same size, different content
    await fs.writeFile(path.join(bundled, 'damaged.onnx'), bytes);
    const resized = await writeTestModel(bundled, 'resized', affineModel());
    await fs.appendFile(path.join(bundled, 'resized.onnx'), 'x');
    await writeManifest([missing, damaged, resized]);

    const models = registry();
    const listings = (await models.list()).map((m) => m.listing);
    expect(listings.map((l) => [l.id, l.status])).toEqual([['gone', 'missing'], ['damaged', 'corrupt'], ['resized', 'corrupt']]);
    expect(listings[0]!.message).toMatch(/gone\.onnx is missing from .*; reinstall Reelsmith to restore it\./);
    expect(listings[1]!.message).toMatch(/does not match its sha256 checksum/);
    expect(listings[2]!.message).toMatch(/is \d+ bytes, not the \d+ its manifest lists/);
    await expect(models.usable('damaged')).rejects.toBeInstanceOf(ModelUnavailableError);
    await expect(models.usable('damaged')).rejects.toThrow(/^Test model damaged cannot be used: damaged\.onnx does not match/);
    await expect(models.usable('nothing')).rejects.toThrow('There is no model called nothing.');
  });

  it('reports a models.json that is not JSON or does not follow the schema as one invalid entry', async () => {
    await fs.mkdir(bundled, { recursive: true });
    await fs.writeFile(path.join(bundled, 'models.json'), '{"version": 1, "models": [');
    expect((await registry().list()).map((m) => m.listing)).toEqual([
      expect.objectContaining({ id: 'models.json', status: 'invalid', message: expect.stringMatching(/cannot be read \(not JSON/) }),
    ]);
    await fs.writeFile(path.join(bundled, 'models.json'), JSON.stringify({ version: 1, models: [{ id: 'x' }] }));
    expect((await registry().list())[0]?.listing).toMatchObject({ status: 'invalid', message: expect.stringMatching(/models\.0\./) });
  });

  it('has no models when the app ships none', async () => {
    expect(await registry().list()).toEqual([]);
  });

  it('hashes a file once and trusts the cache while its size and modification time are unchanged', async () => {
    await writeManifest([await writeTestModel(bundled, 'affine', affineModel())]);
    const file = path.join(bundled, 'affine.onnx');
    // A whole second, which every file system keeps exactly.
    const mtime = 1_700_000_000;
    await fs.utimes(file, mtime, mtime);
    expect((await registry().list())[0]?.listing.status).toBe('ok');
    const bytes = await fs.readFile(file);
    bytes.writeUInt8(bytes.readUInt8(0) ^ 0xff, 0);
    await fs.writeFile(file, bytes);
    await fs.utimes(file, mtime, mtime);
    // A new registry (a new start of the app) reads the cache rather than the file.
    expect((await registry().list())[0]?.listing.status).toBe('ok');
    await fs.utimes(file, new Date(), new Date());
    expect((await registry().list())[0]?.listing.status).toBe('corrupt');
  });

  it('lists the user’s own models and refuses folders that do not hold one properly', async () => {
    await writeManifest([await writeTestModel(bundled, 'affine', affineModel())]);
    const own = await writeTestModel(path.join(user, 'mine'), 'mine', identityModel());
    await fs.writeFile(path.join(user, 'mine', 'model.json'), JSON.stringify(own));
    const clash = await writeTestModel(path.join(user, 'affine'), 'affine', identityModel());
    await fs.writeFile(path.join(user, 'affine', 'model.json'), JSON.stringify(clash));
    await fs.mkdir(path.join(user, 'empty'));
    await fs.mkdir(path.join(user, 'misnamed'));
    await fs.writeFile(path.join(user, 'misnamed', 'model.json'), JSON.stringify(own));

    const listings = (await registry().list()).map((m) => m.listing);
    expect(listings.map((l) => [l.id, l.origin, l.status])).toEqual([
      ['affine', 'bundled', 'ok'],
      ['affine', 'user', 'invalid'],
      ['empty', 'user', 'invalid'],
      ['mine', 'user', 'ok'],
      ['misnamed', 'user', 'invalid'],
    ]);
    expect(listings[1]!.message).toMatch(/A bundled model already has the id affine/);
    expect(listings[2]!.message).toMatch(/has no model\.json/);
    expect(listings[4]!.message).toMatch(/says its id is mine/);
  });
});
