import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { affineModel, affineUserManifest } from '../../../../test/inference/test-models';
import type { InferenceStatus } from '../../../shared/models/local-ai';
import { forkHostLauncher } from './host-entry';
import { InferenceService } from './inference-service';
import { ModelImportError } from './model-import';

/** The service with the real host process and no bundled models. */

let root: string;
let service: InferenceService;
let statuses: InferenceStatus[];

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-inference-'));
  statuses = [];
  service = create();
});
afterEach(async () => {
  service.dispose();
  await fs.rm(root, { recursive: true, force: true });
});

function create(availableParallelism = 2) {
  return new InferenceService({
    configDir: root,
    bundledModelsDir: null,
    launch: forkHostLauncher(),
    availableParallelism,
    onStatus: (status) => statuses.push(status),
  });
}

const manifest = affineUserManifest;

describe('InferenceService', () => {
  it('finds the provider in use by opening its test graph, and announces it', async () => {
    const status = await service.getStatus();
    expect(status).toMatchObject({ available: true, inUse: 'cpu', forceCpu: false, intraOpThreads: 1, ortVersion: '1.30.0' });
    expect(status.attempts.at(-1)).toMatchObject({ provider: 'cpu', outcome: 'ok' });
    expect(statuses.at(-1)).toEqual(status);
  });

  it('forces the CPU, remembers it across restarts, and records the GPU providers as skipped', async () => {
    const status = await service.setForceCpu(true);
    expect(status.forceCpu).toBe(true);
    expect(status.attempts.filter((a) => a.provider !== 'cpu').every((a) => a.outcome === 'skipped' && /forced/.test(a.reason ?? ''))).toBe(true);
    service.dispose();
    service = create();
    expect((await service.getStatus()).forceCpu).toBe(true);
  });

  it('imports a user model after checking it against its manifest, and runs it', async () => {
    const source = path.join(root, 'download', 'affine.onnx');
    await fs.mkdir(path.dirname(source));
    await fs.writeFile(source, affineModel());

    const wrong = { ...manifest, inputs: [{ name: 'image', dtype: 'float32' as const, shape: ['n'] }] };
    await expect(service.importUser(source, wrong)).rejects.toThrow(new ModelImportError('The model’s inputs are x, but the manifest names image.'));
    await expect(fs.readdir(path.join(root, 'models')).catch(() => [])).resolves.toEqual([]);

    const listing = await service.importUser(source, manifest);
    expect(listing).toMatchObject({ id: 'my-affine', origin: 'user', status: 'ok', license: 'CC0-1.0' });
    const stored = JSON.parse(await fs.readFile(path.join(root, 'models', 'my-affine', 'model.json'), 'utf8'));
    expect(stored).toMatchObject({ id: 'my-affine', file: 'my-affine.onnx', bytes: affineModel().length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const result = await service.runWithDetails('my-affine', { x: { type: 'float32', data: new Float32Array([2]), dims: [1] } });
    expect(result.outputs.y?.data).toEqual(new Float32Array([5]));
    await expect(service.importUser(source, manifest)).rejects.toThrow(/exists already/);
  });

  it('spreads runs that go on at once over host processes of their own, one per core but one', async () => {
    const source = path.join(root, 'download', 'affine.onnx');
    await fs.mkdir(path.dirname(source));
    await fs.writeFile(source, affineModel());
    await service.importUser(source, manifest);
    const threeCores = create(3);
    try {
      expect(service.spread.parallelism).toBe(1);
      expect(threeCores.spread.parallelism).toBe(2);
      const input = (x: number) => ({ x: { type: 'float32' as const, data: new Float32Array([x]), dims: [1] } });
      const results = await Promise.all([1, 2, 3].map((x) => threeCores.spread.runWithDetails('my-affine', input(x))));
      expect(results.map((r) => [...r.outputs.y!.data])).toEqual([[3], [5], [7]]);
      expect(results.every((r) => r.provider === 'cpu')).toBe(true);
      // Three cores: a second host started for the second run, the third waited for one of them.
      expect(threeCores.spread.size).toBe(2);
    } finally {
      threeCores.dispose();
    }
  });

  it('runs the test graph as its warm-up when no model is installed', async () => {
    const report = await service.device();
    expect(report).toMatchObject({ testGraph: true, status: { available: true }, warmUps: [{ modelId: 'reelsmith-probe', provider: 'cpu', error: null }] });
    expect(report.warmUps[0]!.warmRunMs).toBeGreaterThanOrEqual(0);
  });
});
