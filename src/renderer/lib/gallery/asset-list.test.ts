import { describe, expect, it } from 'vitest';
import type { AssetsChanged } from '../../../shared/assets';
import { applyAssetsChanged, mergeFetchedAssets } from './asset-list';
import { asset } from './fixtures';

const at = (minute: number) => `2026-01-01T10:${String(minute).padStart(2, '0')}:00.000Z`;
const ids = (list: readonly { id: string }[]) => list.map((a) => a.id);
const change = (overrides: Partial<AssetsChanged>): AssetsChanged => ({
  upserted: [],
  removed: [],
  reset: false,
  ...overrides,
});

const list = [asset('a', { addedAt: at(1) }), asset('b', { addedAt: at(2) }), asset('c', { addedAt: at(3) })];

describe('applyAssetsChanged', () => {
  it('updates an asset in its place without touching the others', () => {
    const next = applyAssetsChanged(list, change({ upserted: [asset('b', { addedAt: at(2), favourite: true })] }));
    expect(ids(next)).toEqual(['a', 'b', 'c']);
    expect(next[1]!.favourite).toBe(true);
    expect(next[0]).toBe(list[0]);
    expect(list[1]!.favourite).toBe(false);
  });

  it('adds new assets in the order they were added', () => {
    const next = applyAssetsChanged(
      list,
      change({ upserted: [asset('late', { addedAt: at(9) }), asset('mid', { addedAt: at(2) })] }),
    );
    expect(ids(next)).toEqual(['a', 'b', 'mid', 'c', 'late']);
  });

  it('removes assets, even ones upserted in the same change', () => {
    const next = applyAssetsChanged(list, change({ removed: ['a', 'x'], upserted: [asset('x', { addedAt: at(5) })] }));
    expect(ids(next)).toEqual(['b', 'c']);
  });

  it('returns the same list when nothing changed', () => {
    expect(applyAssetsChanged(list, change({}))).toBe(list);
  });
});

describe('mergeFetchedAssets', () => {
  it('applies changes that arrived during the fetch on top of it', () => {
    const merged = mergeFetchedAssets(list, [
      change({ removed: ['b'] }),
      change({ upserted: [asset('d', { addedAt: at(4) })] }),
    ]);
    expect(ids(merged)).toEqual(['a', 'c', 'd']);
  });
});
