import { describe, expect, it } from 'vitest';
import type { AssetView, Lineage } from '../../../shared/assets';
import { GenerateSampleSchema, GenerateVariationsSchema } from '../../../shared/generate/requests';
import { asset } from '../gallery/fixtures';
import { expectedLineages, resultsByJob, sameLineage } from './results';

function made(id: string, lineage: Lineage): AssetView {
  return asset(id, { lineage });
}

const sheetRequest = GenerateSampleSchema.parse({ count: 16, seed: 1 });
const [sheetLineage] = expectedLineages({ operation: 'sample', request: sheetRequest });

describe('results of Generate jobs', () => {
  it('finds the sheet a sample job made, and not a sheet of another seed', () => {
    const otherSeed = expectedLineages({ operation: 'sample', request: { ...sheetRequest, seed: 2 } })[0]!;
    const results = resultsByJob([{ jobId: 'sheet', lineages: [sheetLineage!] }], [asset('pic'), made('seed-2', otherSeed), made('seed-1', sheetLineage!)]);
    expect(results.get('sheet')?.map((a) => a.id)).toEqual(['seed-1']);
  });

  it('expects one image per seed when images are written as separate files', () => {
    const request = GenerateVariationsSchema.parse({ assetId: 'pic', count: 3, seed: 10, layout: 'separate' });
    const lineages = expectedLineages({ operation: 'variation', request });
    expect(lineages.map((l) => [l.seed, l.parameters.count, l.sources])).toEqual([
      [10, 1, ['pic']],
      [11, 1, ['pic']],
      [12, 1, ['pic']],
    ]);
    const assets = [made('b', lineages[1]!), made('c', lineages[2]!), made('a', lineages[0]!)];
    expect(resultsByJob([{ jobId: 'v', lineages }], assets).get('v')?.map((a) => a.id)).toEqual(['a', 'b', 'c']);
  });

  it('tells an upscale ×4 of one picture from ×2 and from the same upscale of another', () => {
    const x4 = expectedLineages({ operation: 'upscale', request: { assetId: 'pic', scale: 4, quality: 'slim' } })[0]!;
    expect(x4).toMatchObject({ operation: 'upscale', model: 'rdn-slim-x4', sources: ['pic'] });
    expect(sameLineage(x4, { ...x4, parameters: { ...x4.parameters, scale: 2 } })).toBe(false);
    expect(sameLineage(x4, { ...x4, sources: ['other'] })).toBe(false);
  });

  it('reads a lineage stored with its parameters in another order as the same', () => {
    const reordered: Lineage = { ...sheetLineage!, parameters: Object.fromEntries(Object.entries(sheetLineage!.parameters).reverse()) };
    expect(sameLineage(reordered, sheetLineage!)).toBe(true);
    expect(sameLineage({ ...sheetLineage!, parameters: { ...sheetLineage!.parameters, extra: 1 } }, sheetLineage!)).toBe(false);
  });

  it('tells a morph from A into B from one from B into A', () => {
    const morph: Lineage = { operation: 'morph', model: 'emoji-vae-32-encoder', parameters: {}, sources: ['a', 'b'] };
    expect(sameLineage(morph, { ...morph, sources: ['b', 'a'] })).toBe(false);
  });
});
