import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledModelsDir, userModelsDir } from './model-folders';

const appAt = (root: string) => (file: string) => file === path.join(root, 'package.json');

describe('bundledModelsDir', () => {
  it('finds resources/models of a checkout from the sources and from the build', () => {
    expect(bundledModelsDir('/repo/src/main/engine/inference', {}, appAt('/repo'))).toBe('/repo/resources/models');
    expect(bundledModelsDir('/repo/out/main/chunks', {}, appAt('/repo'))).toBe('/repo/resources/models');
  });

  it('points into app.asar.unpacked in a packaged app, where onnxruntime can open the files', () => {
    const app = '/opt/Reelsmith/resources/app.asar';
    expect(bundledModelsDir(`${app}/out/main/chunks`, {}, appAt(app))).toBe('/opt/Reelsmith/resources/app.asar.unpacked/resources/models');
  });

  it('takes REELSMITH_MODELS_DIR first and gives null when there is no app folder', () => {
    expect(bundledModelsDir('/x', { REELSMITH_MODELS_DIR: '/models' }, () => false)).toBe('/models');
    expect(bundledModelsDir('/x/y', {}, () => false)).toBeNull();
  });

  it('keeps the user’s models in the config folder', () => {
    expect(userModelsDir('/home/u/.config/reelsmith')).toBe('/home/u/.config/reelsmith/models');
  });
});
