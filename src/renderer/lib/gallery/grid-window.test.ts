import { describe, expect, it } from 'vitest';
import {
  contentHeight,
  gridLayout,
  rowCount,
  rowsPerPage,
  scrollToReveal,
  tilePosition,
  visibleRange,
  type GridLayout,
} from './grid-window';

const layout = (width: number, preferredTileWidth = 200): GridLayout =>
  gridLayout({ width, preferredTileWidth, gap: 10, pictureAspect: 16 / 9, captionHeight: 40 });

describe('gridLayout', () => {
  it('fits as many columns of the asked width as the row holds, then stretches them to fill it', () => {
    const grid = layout(1000);
    expect(grid.columns).toBe(4);
    expect(grid.tileWidth).toBe(242);
    expect(grid.columns * grid.tileWidth + (grid.columns - 1) * grid.gap).toBeLessThanOrEqual(1000);
  });

  it('makes the picture follow the aspect and adds the caption below it', () => {
    const grid = layout(1000);
    expect(grid.tileHeight).toBe(Math.round(242 / (16 / 9)) + 40);
    expect(grid.rowHeight).toBe(grid.tileHeight + 10);
  });

  it('shrinks a single column to fit a grid narrower than one tile', () => {
    const grid = layout(90);
    expect(grid.columns).toBe(1);
    expect(grid.tileWidth).toBe(90);
  });

  it('gives bigger tiles fewer columns', () => {
    expect(layout(1200, 120).columns).toBeGreaterThan(layout(1200, 280).columns);
  });
});

describe('rows and content height', () => {
  it('counts a partly filled last row', () => {
    const grid = layout(1000);
    expect(rowCount(grid, 0)).toBe(0);
    expect(rowCount(grid, 4)).toBe(1);
    expect(rowCount(grid, 5)).toBe(2);
  });

  it('adds no gap after the last row', () => {
    const grid = layout(1000);
    expect(contentHeight(grid, 0)).toBe(0);
    expect(contentHeight(grid, 5)).toBe(2 * grid.rowHeight - grid.gap);
  });

  it('places tiles left to right, then top to bottom', () => {
    const grid = layout(1000);
    expect(tilePosition(grid, 0)).toEqual({ x: 0, y: 0 });
    expect(tilePosition(grid, 3)).toEqual({ x: 3 * 252, y: 0 });
    expect(tilePosition(grid, 5)).toEqual({ x: 252, y: grid.rowHeight });
  });
});

describe('visibleRange', () => {
  const grid = layout(1000);
  const count = 10_000;

  it('mounts only the rows on screen plus the overscan', () => {
    const range = visibleRange(grid, count, { scrollTop: 0, viewportHeight: grid.rowHeight * 3, overscanRows: 2 });
    expect(range).toEqual({ firstRow: 0, endRow: 5, start: 0, end: 20 });
  });

  it('follows the scroll position deep into a large list', () => {
    const scrollTop = grid.rowHeight * 1000 + 5;
    const range = visibleRange(grid, count, { scrollTop, viewportHeight: grid.rowHeight * 2, overscanRows: 1 });
    expect(range.firstRow).toBe(999);
    expect(range.endRow).toBe(1004);
    expect(range.start).toBe(999 * 4);
    expect(range.end - range.start).toBe(5 * 4);
  });

  it('stops at the last tile, even past the end of the content', () => {
    const range = visibleRange(grid, 10, { scrollTop: 99_999, viewportHeight: 600, overscanRows: 2 });
    expect(range.endRow).toBe(3);
    expect(range.end).toBe(10);
    expect(range.firstRow).toBeLessThanOrEqual(range.endRow);
  });

  it('is empty for an empty list', () => {
    expect(visibleRange(grid, 0, { scrollTop: 0, viewportHeight: 600, overscanRows: 2 })).toEqual({
      firstRow: 0,
      endRow: 0,
      start: 0,
      end: 0,
    });
  });

  it('treats the overscroll bounce above the top as the top', () => {
    const range = visibleRange(grid, count, { scrollTop: -40, viewportHeight: grid.rowHeight, overscanRows: 0 });
    expect(range.firstRow).toBe(0);
  });
});

describe('paging and revealing', () => {
  const grid = layout(1000);

  it('counts the whole rows a viewport holds, at least one', () => {
    expect(rowsPerPage(grid, grid.rowHeight * 3 - grid.gap)).toBe(3);
    expect(rowsPerPage(grid, 10)).toBe(1);
  });

  it('leaves the scroll alone when the tile is already in view', () => {
    expect(scrollToReveal(grid, 4, 0, grid.rowHeight * 3)).toBe(0);
  });

  it('scrolls up to a tile above the viewport, aligning its top', () => {
    expect(scrollToReveal(grid, 0, 500, 400)).toBe(0);
  });

  it('scrolls down just enough to show a tile below the viewport', () => {
    const top = tilePosition(grid, 40).y;
    expect(scrollToReveal(grid, 40, 0, 400)).toBe(top + grid.tileHeight - 400);
  });
});
