import { DEFAULT_QUERY, type AssetQuery } from '../gallery/asset-query';
import { EMPTY_SELECTION, retainExisting, type Selection } from '../gallery/selection';

export const TILE_SIZE = { min: 120, max: 280, step: 10, initial: 180 } as const;
const TILE_SIZE_KEY = 'reelsmith.gallery.tileSize';

/**
 * How the user is looking at the gallery: filters, order, tile size, selection and the asset in the detail panel.
 * Kept outside the view so switching to the timeline and back loses nothing.
 */
export class GalleryState {
  query = $state.raw<AssetQuery>(DEFAULT_QUERY);
  tileSize = $state<number>(readTileSize());
  selection = $state.raw<Selection>(EMPTY_SELECTION);
  /** The asset the keyboard is on and the detail panel shows. */
  focusId = $state<string | null>(null);
  detailOpen = $state(true);

  setQuery(changes: Partial<AssetQuery>): void {
    this.query = { ...this.query, ...changes };
  }

  setTileSize(size: number): void {
    this.tileSize = Math.min(TILE_SIZE.max, Math.max(TILE_SIZE.min, Math.round(size)));
    try {
      localStorage.setItem(TILE_SIZE_KEY, String(this.tileSize));
    } catch {
      // Storage may be off (a private window): the size still holds for this session.
    }
  }

  clearSelection(): void {
    this.selection = EMPTY_SELECTION;
  }

  /** After assets change: forget what no longer exists. */
  retain(exists: (id: string) => boolean): void {
    this.selection = retainExisting(this.selection, exists);
    if (this.focusId !== null && !exists(this.focusId)) this.focusId = null;
  }

  /** Another project opened: nothing of the last one's view applies. */
  reset(): void {
    this.query = DEFAULT_QUERY;
    this.selection = EMPTY_SELECTION;
    this.focusId = null;
  }
}

function readTileSize(): number {
  try {
    const stored = Number(localStorage.getItem(TILE_SIZE_KEY));
    if (stored >= TILE_SIZE.min && stored <= TILE_SIZE.max) return stored;
  } catch {
    // No storage: the default size.
  }
  return TILE_SIZE.initial;
}
