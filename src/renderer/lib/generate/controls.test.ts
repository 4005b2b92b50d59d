import { describe, expect, it } from 'vitest';
import type { GeneratorListing } from '../../../shared/generate/requests';
import { classIndexFor, DEFAULT_CONTROLS, loopRequest, MAX_SEED, morphRequest, randomSeed, restoredControls, sampleRequest, variationsRequest } from './controls';

const gan: GeneratorListing = {
  id: 'emoji-gan-32',
  name: 'Emoji GAN',
  role: 'generator',
  origin: 'bundled',
  latentSize: 64,
  imageSize: 32,
  classes: ['Smileys', 'People', 'Animals'],
  decoder: null,
  license: null,
};

describe('sample controls', () => {
  it('asks for a sheet of sixteen from seed 1 at 256 px by default', () => {
    expect(sampleRequest(DEFAULT_CONTROLS)).toEqual({
      model: 'emoji-gan-32',
      count: 16,
      seed: 1,
      classIndex: null,
      temperature: 1,
      layout: 'sheet',
      size: 256,
      upscale: 0,
    });
  });

  it('settles half-typed numbers into the range the engine takes', () => {
    const request = sampleRequest({ ...DEFAULT_CONTROLS, count: 200, seed: -3.4, temperature: Number.NaN });
    expect(request).toMatchObject({ count: 64, seed: 0, temperature: 1 });
    expect(sampleRequest({ ...DEFAULT_CONTROLS, count: 2.6, temperature: 0 })).toMatchObject({ count: 3, temperature: 0.1 });
  });

  it('makes loops and morphs in the chosen clip format and length, and variations with the encoder', () => {
    const controls = { ...DEFAULT_CONTROLS, clipFormat: 'gif' as const, clipSeconds: 6, seed: 9, upscale: 2 as const };
    expect(loopRequest(controls)).toMatchObject({ format: 'gif', seconds: 6, seed: 9, upscale: 2, model: 'emoji-gan-32' });
    expect(morphRequest(controls, 'a', 'b')).toEqual({ fromAssetId: 'a', toAssetId: 'b', encoder: 'emoji-vae-32-encoder', seconds: 6, format: 'gif', size: 256, upscale: 2 });
    expect(loopRequest({ ...controls, clipSeconds: 90 }).seconds).toBe(30);
    expect(loopRequest({ ...controls, clipSeconds: Number.NaN }).seconds).toBe(4);
    expect(variationsRequest(controls, 'a', 'sheet')).toMatchObject({ assetId: 'a', layout: 'sheet', count: 16, seed: 9 });
  });

  it('draws seeds across the whole range', () => {
    expect(randomSeed(() => 0)).toBe(0);
    expect(randomSeed(() => 0.999999999999)).toBe(MAX_SEED);
  });

  it('keeps the class when the new generator has it and lets seeds choose otherwise', () => {
    expect(classIndexFor(gan, 2)).toBe(2);
    expect(classIndexFor(gan, 5)).toBeNull();
    expect(classIndexFor(undefined, 1)).toBeNull();
  });
});

describe('restoredControls', () => {
  it('takes back what was saved, settled, and the defaults for what is missing or unreadable', () => {
    const saved = { ...DEFAULT_CONTROLS, count: 9, seed: 1234, size: 512, clipFormat: 'gif', upscale: 4, upscaleQuality: 'medium', classIndex: 3 };
    expect(restoredControls(JSON.stringify(saved))).toEqual(saved);
    expect(restoredControls(null)).toEqual(DEFAULT_CONTROLS);
    expect(restoredControls('not json')).toEqual(DEFAULT_CONTROLS);
    expect(restoredControls('[1, 2]')).toEqual(DEFAULT_CONTROLS);
    // One bad field falls back alone; numbers out of range are brought into it.
    const mixed = restoredControls(JSON.stringify({ count: 500, size: 300, clipFormat: 'avi', seed: 'x', temperature: 2.5, model: 'my-gan' }));
    expect(mixed).toEqual({ ...DEFAULT_CONTROLS, count: 64, temperature: 2.5, model: 'my-gan' });
  });
});
