/** Keyboard movement through the gallery grid: arrows by one tile or row, pages by a screenful, Home and End. */

const GRID_KEYS = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End'] as const;
export type GridKey = (typeof GRID_KEYS)[number];

export function isGridKey(key: string): key is GridKey {
  return (GRID_KEYS as readonly string[]).includes(key);
}

export interface GridShape {
  count: number;
  columns: number;
  /** Rows that fit on one screen. */
  pageRows: number;
}

/**
 * The tile a key moves focus to from `index` (-1 when nothing has focus yet: any key starts at the first tile, End
 * at the last). Moving down from the row above a shorter last row lands on its last tile rather than nowhere.
 */
export function moveFocus(key: GridKey, index: number, shape: GridShape): number {
  const { count, columns } = shape;
  if (count === 0) return -1;
  const last = count - 1;
  if (key === 'End') return last;
  if (index < 0 || index > last) return 0;
  switch (key) {
    case 'ArrowLeft':
      return Math.max(0, index - 1);
    case 'ArrowRight':
      return Math.min(last, index + 1);
    case 'ArrowUp':
      return index - columns >= 0 ? index - columns : index;
    case 'ArrowDown':
      return sameColumnBelow(index, columns, count, 1);
    case 'PageUp':
      return Math.max(index % columns, index - columns * Math.max(1, shape.pageRows));
    case 'PageDown':
      return sameColumnBelow(index, columns, count, Math.max(1, shape.pageRows));
    case 'Home':
      return 0;
  }
}

function sameColumnBelow(index: number, columns: number, count: number, rows: number): number {
  const lastRow = Math.floor((count - 1) / columns);
  const targetRow = Math.min(lastRow, Math.floor(index / columns) + rows);
  return Math.min(count - 1, targetRow * columns + (index % columns));
}
