import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { forkHostLauncher } from '../../src/main/engine/inference/host-entry';
import { InferenceService } from '../../src/main/engine/inference/inference-service';
import { bundledModelsDir } from '../../src/main/engine/inference/model-folders';

/** Every model the app ships, checked and run once through the real inference host. */

const bundled = bundledModelsDir();
const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-bundled-'));
const service = new InferenceService({
  configDir,
  bundledModelsDir: bundled,
  launch: forkHostLauncher(),
  availableParallelism: os.availableParallelism(),
  onStatus: () => undefined,
});
afterAll(() => {
  service.dispose();
  fs.rmSync(configDir, { recursive: true, force: true });
});

describe('bundled models', () => {
  it('ship with the app: resources/models holds the manifest', () => {
    expect(bundled !== null && fs.existsSync(path.join(bundled, 'models.json'))).toBe(true);
  });

  it('are all intact and each runs once in the host', { timeout: 120_000 }, async () => {
    const models = await service.listModels();
    expect(models.length).toBeGreaterThan(0);
    expect(models.filter((m) => m.status !== 'ok')).toEqual([]);
    const report = await service.device();
    expect(report.testGraph).toBe(false);
    expect(report.warmUps.map((w) => w.modelId).sort()).toEqual(models.map((m) => m.id).sort());
    for (const warmUp of report.warmUps) expect(warmUp).toMatchObject({ error: null, provider: expect.any(String) });
  });
});
