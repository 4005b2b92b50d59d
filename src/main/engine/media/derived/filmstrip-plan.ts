import type { FilmstripGeometry } from '../../../../shared/assets';
import type { Size } from './display-size';

export const FILMSTRIP_TILE_WIDTH = 160;
export const FILMSTRIP_MAX_TILES = 40;
export const FILMSTRIP_MAX_COLUMNS = 10;
/** A very tall video still gets tiles of a sane size. */
const MAX_TILE_HEIGHT = 4 * FILMSTRIP_TILE_WIDTH;

/** One tile a second up to 40, in rows of up to ten, each 160 px wide and as tall as the display aspect makes it. */
export function planFilmstrip(duration: number, display: Size): FilmstripGeometry & { rows: number } {
  const tiles = Math.min(FILMSTRIP_MAX_TILES, Math.max(1, Math.ceil(duration)));
  const columns = Math.min(FILMSTRIP_MAX_COLUMNS, tiles);
  const tileHeight = Math.min(MAX_TILE_HEIGHT, Math.max(2, 2 * Math.round((FILMSTRIP_TILE_WIDTH * display.height) / display.width / 2)));
  return { tiles, columns, rows: Math.ceil(tiles / columns), tileWidth: FILMSTRIP_TILE_WIDTH, tileHeight, interval: duration / tiles };
}

/** Each missing tile (a time past the real end of the video) repeats the tile before it, or else the one after. */
export function fillMissingTiles<T>(tiles: readonly (T | null)[]): T[] | null {
  const first = tiles.find((tile) => tile !== null);
  if (first === undefined || first === null) return null;
  let last: T = first;
  return tiles.map((tile) => (last = tile ?? last));
}
