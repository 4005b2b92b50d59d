import type { AssetsChanged, AssetView } from '../../../shared/assets';

/**
 * Keeping the asset list current from `assets.changed`: updated assets keep their place, new ones go in by the
 * time they were added (the list is oldest first), removed ones go. Never mutates the list it is given.
 */
export function applyAssetsChanged(
  list: readonly AssetView[],
  change: Pick<AssetsChanged, 'upserted' | 'removed'>,
): readonly AssetView[] {
  if (change.upserted.length === 0 && change.removed.length === 0) return list;
  const removed = new Set(change.removed);
  const updates = new Map(change.upserted.map((asset) => [asset.id, asset]));
  const next: AssetView[] = [];
  for (const asset of list) {
    if (removed.has(asset.id)) continue;
    const updated = updates.get(asset.id);
    next.push(updated ?? asset);
    updates.delete(asset.id);
  }
  const added = [...updates.values()].filter((asset) => !removed.has(asset.id));
  if (added.length === 0) return next;
  for (const asset of added) insertByAddedAt(next, asset);
  return next;
}

/** A fetched list with the changes that arrived while it was in flight applied on top (they are newer). */
export function mergeFetchedAssets(fetched: readonly AssetView[], newer: readonly AssetsChanged[]): readonly AssetView[] {
  return newer.reduce<readonly AssetView[]>((list, change) => applyAssetsChanged(list, change), fetched);
}

/** Inserts after every asset added at the same time or earlier, so imports of one batch keep their order. */
function insertByAddedAt(list: AssetView[], asset: AssetView): void {
  const at = Date.parse(asset.addedAt);
  let index = list.length;
  while (index > 0 && Date.parse(list[index - 1]!.addedAt) > at) index -= 1;
  list.splice(index, 0, asset);
}
