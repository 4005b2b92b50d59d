import { describe, expect, it } from 'vitest';
import { lineageDetails } from './lineage-details';

describe('the recipe of a made asset', () => {
  it('shows the seed first and the class by name', () => {
    const details = lineageDetails(
      { operation: 'sample', model: 'emoji-gan-32', seed: 7, sources: [], parameters: { model: 'emoji-gan-32', count: 16, classIndex: 2, temperature: 0.8, layout: 'sheet', size: 256, upscale: 0 } },
      ['Smileys', 'People', 'Animals'],
    );
    expect(details).toEqual([
      { label: 'Seed', value: '7' },
      { label: 'Count', value: '16' },
      { label: 'Class', value: 'Animals' },
      { label: 'Temperature', value: '0.8' },
      { label: 'Layout', value: 'one sheet' },
      { label: 'Size', value: '256 px' },
      { label: 'Upscaled', value: 'no' },
    ]);
  });

  it('takes the seed from the parameters when the lineage has none of its own, and keeps parameters it does not know', () => {
    const details = lineageDetails({ operation: 'loop', model: 'm', sources: [], parameters: { seed: 3, format: 'webm', frames: 96 } });
    expect(details).toEqual([
      { label: 'Seed', value: '3' },
      { label: 'Format', value: 'WEBM' },
      { label: 'frames', value: '96' },
    ]);
  });

  it('shows an upscale as its scale alone', () => {
    expect(lineageDetails({ operation: 'upscale', model: 'rdn-slim-x4', sources: ['a'], parameters: { scale: 4 } })).toEqual([{ label: 'Scale', value: '×4' }]);
  });
});
