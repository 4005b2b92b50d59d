import type { Asset } from '../assets';
import { EditRejected, type AssetPatch } from './edits';

export interface TagChange {
  addTags?: readonly string[] | undefined;
  removeTags?: readonly string[] | undefined;
  favourite?: boolean | undefined;
}

const tagKey = (tag: string) => tag.normalize('NFC').toLocaleLowerCase();

/**
 * The patches that tag, untag or (un)favourite the given assets. Tags compare without case ("B-roll" and "b-roll" are
 * one tag; the first spelling stays); assets that would not change get no patch, so the edit undoes exactly.
 */
export function tagPatches(assets: readonly Asset[], ids: readonly string[], change: TagChange): AssetPatch[] {
  const wanted = new Set(ids);
  const removing = new Set((change.removeTags ?? []).map(tagKey));
  const patches: AssetPatch[] = [];
  let found = 0;
  for (const asset of assets) {
    if (!wanted.has(asset.id)) continue;
    found += 1;
    const patch: AssetPatch = { id: asset.id };
    const tags = asset.tags.filter((t) => !removing.has(tagKey(t)));
    for (const tag of change.addTags ?? []) {
      if (!tags.some((t) => tagKey(t) === tagKey(tag))) tags.push(tag.trim());
    }
    if (tags.length !== asset.tags.length || tags.some((t, i) => t !== asset.tags[i])) patch.tags = tags.slice(0, 50);
    if (change.favourite !== undefined && change.favourite !== asset.favourite) patch.favourite = change.favourite;
    if (Object.keys(patch).length > 1) patches.push(patch);
  }
  if (found !== wanted.size) throw new EditRejected('Some of these assets are not in the project');
  return patches;
}
