import type { FilmstripGeometry } from '../../../shared/assets';

/**
 * Reading the filmstrip sprite: tiles left to right, top to bottom, tile i showing the frame at (i + 0.5) × interval.
 * The gallery shows one tile at a time as a CSS background (hover scrub), the detail panel a row of them.
 */

/** The tile for a pointer `fraction` (0..1) of the way across the picture. */
export function tileAtFraction(geometry: FilmstripGeometry, fraction: number): number {
  const clamped = Math.min(1, Math.max(0, fraction));
  return Math.min(geometry.tiles - 1, Math.floor(clamped * geometry.tiles));
}

/** The moment tile `index` shows, in seconds. */
export function tileTime(geometry: FilmstripGeometry, index: number): number {
  return (index + 0.5) * geometry.interval;
}

/**
 * The tile for each of `slots` equal slots across a strip, each showing the moment at its middle: tiles are skipped
 * when the strip is narrower than the filmstrip, and repeated when it is wider.
 */
export function stripTiles(geometry: FilmstripGeometry, slots: number): number[] {
  const count = Math.max(0, Math.floor(slots));
  return Array.from({ length: count }, (_, i) => tileAtFraction(geometry, (i + 0.5) / count));
}

export interface SpriteTileStyle {
  /** The element's size: the whole tile when it is fitted into the box, the box itself when the tile covers it. */
  width: number;
  height: number;
  backgroundSize: string;
  backgroundPosition: string;
}

/**
 * CSS that shows tile `index` of the sprite in a `boxWidth` × `boxHeight` box: `contain` scales the whole tile to fit
 * (the element is then the tile's size), `cover` fills the box and crops the tile's edges evenly.
 */
export function spriteTileStyle(
  geometry: FilmstripGeometry,
  index: number,
  box: { width: number; height: number; fit: 'contain' | 'cover' },
): SpriteTileStyle {
  const scaleX = box.width / geometry.tileWidth;
  const scaleY = box.height / geometry.tileHeight;
  const scale = box.fit === 'contain' ? Math.min(scaleX, scaleY) : Math.max(scaleX, scaleY);
  const tileWidth = geometry.tileWidth * scale;
  const tileHeight = geometry.tileHeight * scale;
  const width = box.fit === 'contain' ? tileWidth : box.width;
  const height = box.fit === 'contain' ? tileHeight : box.height;
  const rows = Math.ceil(geometry.tiles / geometry.columns);
  const tile = Math.min(geometry.tiles - 1, Math.max(0, index));
  const x = (tile % geometry.columns) * tileWidth + (tileWidth - width) / 2;
  const y = Math.floor(tile / geometry.columns) * tileHeight + (tileHeight - height) / 2;
  return {
    width,
    height,
    backgroundSize: `${px(geometry.columns * tileWidth)} ${px(rows * tileHeight)}`,
    backgroundPosition: `${px(-x)} ${px(-y)}`,
  };
}

function px(value: number): string {
  return `${Number(value.toFixed(2)) || 0}px`;
}
