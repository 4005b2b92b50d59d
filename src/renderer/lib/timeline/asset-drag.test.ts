import { describe, expect, it } from 'vitest';
import { decodeAssetDrag, encodeAssetDrag } from './asset-drag';

describe('asset drag payload', () => {
  it('round-trips ids and drops anything that is not one', () => {
    expect(decodeAssetDrag(encodeAssetDrag(['a1', 'b_2']))).toEqual(['a1', 'b_2']);
    expect(decodeAssetDrag('a1\n../etc\n\nb')).toEqual(['a1', 'b']);
  });
});
