import { describe, expect, it } from 'vitest';
import { decodeAssetDrag, encodeAssetDrag } from './asset-drag';

describe('asset drag payload', () => {
  it('round-trips ids and drops anything that is not one', () => {
    expect(decodeAssetDrag(encodeAssetDrag(['a1', 'b_2']))).toEqual([{ assetId: 'a1' }, { assetId: 'b_2' }]);
    expect(decodeAssetDrag('a1\n../etc\n\nb')).toEqual([{ assetId: 'a1' }, { assetId: 'b' }]);
  });

  it('carries a stretch of an asset, such as a scene, and refuses an empty or backwards one', () => {
    const payload = encodeAssetDrag([{ assetId: 'v1', range: { from: 12.4, to: 19 } }]);
    expect(decodeAssetDrag(payload)).toEqual([{ assetId: 'v1', range: { from: 12.4, to: 19 } }]);
    expect(decodeAssetDrag('v1@19-12.4\nv1@-1-2')).toEqual([]);
  });
});
