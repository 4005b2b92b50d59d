import { describe, expect, it } from 'vitest';
import { lineageOf, LineageError, makingRequestOf, type MakingRequest } from './lineage';
import { GenerateLoopSchema, GenerateMorphSchema, GenerateSampleSchema, GenerateVariationsSchema } from './requests';

describe('lineage', () => {
  const requests: MakingRequest[] = [
    { operation: 'sample', request: GenerateSampleSchema.parse({ seed: 5, count: 4, layout: 'separate', upscale: 2 }) },
    { operation: 'sample', request: GenerateSampleSchema.parse({ classIndex: 3, temperature: 0.7 }) },
    { operation: 'loop', request: GenerateLoopSchema.parse({ keys: 3, seconds: 2, format: 'webm' }) },
    { operation: 'variation', request: GenerateVariationsSchema.parse({ assetId: 'pic', spread: 2.5, layout: 'sheet' }) },
    { operation: 'morph', request: GenerateMorphSchema.parse({ fromAssetId: 'a', toAssetId: 'b', pingPong: false, format: 'gif' }) },
    { operation: 'upscale', request: { assetId: 'pic', scale: 4, quality: 'medium' } },
  ];

  it.each(requests)('turns the $operation request back into itself', (making) => {
    expect(makingRequestOf(lineageOf(making))).toEqual(making);
  });

  it('keeps models, sources and the seed in their own fields and leaves unset classes out', () => {
    expect(lineageOf(requests[0]!)).toEqual({
      operation: 'sample',
      model: 'emoji-gan-32',
      parameters: { count: 4, seed: 5, temperature: 1, layout: 'separate', size: 256, upscale: 2 },
      sources: [],
      seed: 5,
    });
    expect(lineageOf(requests[4]!)).toMatchObject({ model: 'emoji-vae-32-encoder', sources: ['a', 'b'] });
    expect(lineageOf(requests[5]!)).toEqual({ operation: 'upscale', model: 'rdn-medium-x4', parameters: { scale: 4, quality: 'medium' }, sources: ['pic'] });
  });

  it('refuses settings the request schema does not take, saying which', () => {
    const lineage = { ...lineageOf(requests[0]!), parameters: { count: 999 } };
    expect(() => makingRequestOf(lineage)).toThrow(LineageError);
    expect(() => makingRequestOf(lineage)).toThrow(/count/);
    expect(() => makingRequestOf({ operation: 'morph', model: 'emoji-vae-32-encoder', parameters: {}, sources: ['a'] })).toThrow(/toAssetId/);
  });
});
