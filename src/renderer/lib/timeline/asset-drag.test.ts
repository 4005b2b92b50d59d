import { describe, expect, it } from 'vitest';
import { carriesAssets, decodeAssetDrag, droppedAssets, encodeAssetDrag, startAssetDrag } from './asset-drag';

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

describe('drag events', () => {
  /** A drag event as far as these helpers read it: the data transfer's store and its types. */
  function dragEvent(): DragEvent {
    const store = new Map<string, string>();
    const dataTransfer = {
      effectAllowed: 'none',
      get types() {
        return [...store.keys()];
      },
      setData: (type: string, data: string) => store.set(type, data),
      getData: (type: string) => store.get(type) ?? '',
    };
    return { dataTransfer } as unknown as DragEvent;
  }

  it('carries what a drag started with, as a copy, and nothing from a drag of something else', () => {
    const event = dragEvent();
    expect(carriesAssets(event)).toBe(false);
    expect(droppedAssets(event)).toEqual([]);
    startAssetDrag(event, ['a1', { assetId: 'b2', range: { from: 1, to: 2.5 } }]);
    expect(event.dataTransfer!.effectAllowed).toBe('copy');
    expect(carriesAssets(event)).toBe(true);
    expect(droppedAssets(event)).toEqual([{ assetId: 'a1' }, { assetId: 'b2', range: { from: 1, to: 2.5 } }]);
  });
});
