/**
 * The gallery grid's geometry. Every row has the same height, so which tiles are on screen follows from the scroll
 * position alone: the grid renders only those rows (plus a few either side) however many assets there are.
 */

export interface GridLayout {
  columns: number;
  /** Tile width after stretching the columns to fill the row. */
  tileWidth: number;
  tileHeight: number;
  gap: number;
  /** Tile height plus the gap below it: the distance from one row's top to the next. */
  rowHeight: number;
}

export interface GridLayoutInput {
  /** The width tiles may fill, without the grid's padding. */
  width: number;
  /** The tile width the user asked for; columns are stretched from it to fill the width. */
  preferredTileWidth: number;
  gap: number;
  /** Width over height of the picture area. */
  pictureAspect: number;
  /** The fixed-height strip under the picture (name, details). */
  captionHeight: number;
}

export function gridLayout(input: GridLayoutInput): GridLayout {
  const { gap } = input;
  const preferred = Math.max(1, input.preferredTileWidth);
  const width = Math.max(1, input.width);
  const columns = Math.max(1, Math.floor((width + gap) / (preferred + gap)));
  const tileWidth = Math.max(1, Math.floor((width - gap * (columns - 1)) / columns));
  const tileHeight = Math.round(tileWidth / input.pictureAspect) + input.captionHeight;
  return { columns, tileWidth, tileHeight, gap, rowHeight: tileHeight + gap };
}

export function rowCount(layout: GridLayout, count: number): number {
  return Math.ceil(Math.max(0, count) / layout.columns);
}

/** The height of the scrolled content: every row, without a gap after the last. */
export function contentHeight(layout: GridLayout, count: number): number {
  const rows = rowCount(layout, count);
  return rows === 0 ? 0 : rows * layout.rowHeight - layout.gap;
}

/** Where tile `index` sits inside the content. */
export function tilePosition(layout: GridLayout, index: number): { x: number; y: number } {
  const column = index % layout.columns;
  const row = Math.floor(index / layout.columns);
  return { x: column * (layout.tileWidth + layout.gap), y: row * layout.rowHeight };
}

/** Rows `[firstRow, endRow)` and the tiles `[start, end)` they hold. */
export interface VisibleRange {
  firstRow: number;
  endRow: number;
  start: number;
  end: number;
}

export interface ViewportInput {
  /** The content's scroll offset, measured from the first row's top. */
  scrollTop: number;
  viewportHeight: number;
  /** Rows kept mounted above and below the viewport, so a fast scroll does not show blank rows. */
  overscanRows: number;
}

export function visibleRange(layout: GridLayout, count: number, viewport: ViewportInput): VisibleRange {
  const rows = rowCount(layout, count);
  const top = Math.max(0, viewport.scrollTop);
  const firstVisible = Math.floor(top / layout.rowHeight);
  const endVisible = Math.ceil((top + Math.max(0, viewport.viewportHeight)) / layout.rowHeight);
  const firstRow = clamp(firstVisible - viewport.overscanRows, 0, rows);
  const endRow = clamp(endVisible + viewport.overscanRows, firstRow, rows);
  return {
    firstRow,
    endRow,
    start: firstRow * layout.columns,
    end: Math.min(count, endRow * layout.columns),
  };
}

/** How many whole rows fit in the viewport: the step of Page Up and Page Down. */
export function rowsPerPage(layout: GridLayout, viewportHeight: number): number {
  return Math.max(1, Math.floor((viewportHeight + layout.gap) / layout.rowHeight));
}

/**
 * The scroll offset that brings tile `index` fully into view, moving as little as possible; the current offset when
 * it is already visible.
 */
export function scrollToReveal(layout: GridLayout, index: number, scrollTop: number, viewportHeight: number): number {
  const top = tilePosition(layout, index).y;
  const bottom = top + layout.tileHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return scrollTop;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
