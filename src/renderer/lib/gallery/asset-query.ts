import type { AssetView } from '../../../shared/assets';
import type { MediaKind } from '../../../shared/media';

/** What the gallery toolbar asks of the asset list: a kind, words, tags, favourites, and an order. */
export type KindFilter = 'all' | MediaKind;
const SORT_KEYS = ['added', 'name', 'duration', 'size'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface AssetQuery {
  kind: KindFilter;
  /** Words that must each appear in the name or a tag, ignoring case and accents. */
  search: string;
  favouritesOnly: boolean;
  /** Tags an asset must all carry. */
  tags: readonly string[];
  sort: SortKey;
  descending: boolean;
}

export const DEFAULT_QUERY: AssetQuery = {
  kind: 'all',
  search: '',
  favouritesOnly: false,
  tags: [],
  sort: 'added',
  descending: false,
};

/** The assets the query shows, in its order. Never mutates `assets`. */
export function queryAssets(assets: readonly AssetView[], query: AssetQuery): AssetView[] {
  const matches = matcher(query);
  const shown = assets.filter((asset) => (query.kind === 'all' || asset.kind === query.kind) && matches(asset));
  return sortAssets(shown, query.sort, query.descending);
}

export type KindCounts = Record<KindFilter, number>;

/** How many assets each kind button would show with the other filters as they are. */
export function countKinds(assets: readonly AssetView[], query: AssetQuery): KindCounts {
  const matches = matcher(query);
  const counts: KindCounts = { all: 0, video: 0, audio: 0, image: 0 };
  for (const asset of assets) {
    if (!matches(asset)) continue;
    counts.all += 1;
    counts[asset.kind] += 1;
  }
  return counts;
}

/** Every tag in use with how many assets carry it, alphabetically. */
export function tagCounts(assets: readonly AssetView[]): { tag: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const asset of assets) for (const tag of asset.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => collator.compare(a.tag, b.tag));
}

/** Lower case without accents, so "Café" and "cafe" meet: search compares folded text only. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function searchWords(search: string): string[] {
  return foldText(search).split(/\s+/).filter(Boolean);
}

export function matchesSearch(asset: AssetView, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const text = searchableText(asset);
  return words.every((word) => text.includes(word));
}

export function sortAssets(assets: readonly AssetView[], key: SortKey, descending: boolean): AssetView[] {
  // Keys first, compared as plain numbers and strings: sorting 10,000 assets with a collator per comparison is too
  // slow to redo on every change.
  const keyed = assets.map((asset, index) => ({ asset, index, key: sortKey(asset, key) }));
  const direction = descending ? -1 : 1;
  keyed.sort((a, b) => {
    if (a.key === null && b.key !== null) return 1;
    if (b.key === null && a.key !== null) return -1;
    const order = a.key === null || b.key === null || a.key === b.key ? 0 : a.key < b.key ? -1 : 1;
    // The list comes oldest first: that order settles ties, in the asked direction.
    return (order !== 0 ? order : a.index - b.index) * direction;
  });
  return keyed.map(({ asset }) => asset);
}

/**
 * How names sort: folded like search, with every run of digits padded so "clip 2" comes before "clip 10" in a
 * plain string comparison.
 */
export function nameSortKey(name: string): string {
  return foldText(name).replace(/\d+/g, (digits) => digits.padStart(NUMBER_WIDTH, '0'));
}

const NUMBER_WIDTH = 16;

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function matcher(query: AssetQuery): (asset: AssetView) => boolean {
  const words = searchWords(query.search);
  return (asset) =>
    (!query.favouritesOnly || asset.favourite) &&
    query.tags.every((tag) => asset.tags.includes(tag)) &&
    matchesSearch(asset, words);
}

/** Folded name and tags, cached per asset object: an update replaces the object, so the cache never goes stale. */
const searchable = new WeakMap<AssetView, string>();

function searchableText(asset: AssetView): string {
  let text = searchable.get(asset);
  if (text === undefined) {
    text = foldText([asset.name, ...asset.tags].join('\n'));
    searchable.set(asset, text);
  }
  return text;
}

/** The value an asset sorts by; null (images have no duration) sorts last whichever the direction. */
function sortKey(asset: AssetView, key: SortKey): number | string | null {
  switch (key) {
    case 'added':
      return Date.parse(asset.addedAt);
    case 'name':
      return cachedNameKey(asset);
    case 'duration':
      return asset.media.duration;
    case 'size':
      return asset.sizeBytes;
  }
}

const nameKeys = new WeakMap<AssetView, string>();

function cachedNameKey(asset: AssetView): string {
  let key = nameKeys.get(asset);
  if (key === undefined) {
    key = nameSortKey(asset.name);
    nameKeys.set(asset, key);
  }
  return key;
}
