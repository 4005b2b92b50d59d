import { describe, expect, it } from 'vitest';
import { isGridKey, moveFocus, type GridShape } from './grid-navigation';

// 4 columns, 10 tiles: rows [0-3] [4-7] [8-9]
const shape: GridShape = { count: 10, columns: 4, pageRows: 2 };

describe('moveFocus', () => {
  it('moves left and right by one tile, wrapping across rows and stopping at the ends', () => {
    expect(moveFocus('ArrowRight', 3, shape)).toBe(4);
    expect(moveFocus('ArrowLeft', 4, shape)).toBe(3);
    expect(moveFocus('ArrowLeft', 0, shape)).toBe(0);
    expect(moveFocus('ArrowRight', 9, shape)).toBe(9);
  });

  it('moves up and down by a row in the same column', () => {
    expect(moveFocus('ArrowDown', 1, shape)).toBe(5);
    expect(moveFocus('ArrowUp', 5, shape)).toBe(1);
    expect(moveFocus('ArrowUp', 2, shape)).toBe(2);
  });

  it('lands on the last tile when the row below is shorter', () => {
    expect(moveFocus('ArrowDown', 7, shape)).toBe(9);
    expect(moveFocus('ArrowDown', 9, shape)).toBe(9);
  });

  it('pages by the rows that fit on screen', () => {
    expect(moveFocus('PageDown', 1, shape)).toBe(9);
    expect(moveFocus('PageDown', 0, shape)).toBe(8);
    expect(moveFocus('PageUp', 9, shape)).toBe(1);
    expect(moveFocus('PageUp', 6, shape)).toBe(2);
  });

  it('jumps to the first and last tile', () => {
    expect(moveFocus('Home', 6, shape)).toBe(0);
    expect(moveFocus('End', 2, shape)).toBe(9);
  });

  it('starts at the first tile when nothing has focus, or the last for End', () => {
    expect(moveFocus('ArrowDown', -1, shape)).toBe(0);
    expect(moveFocus('End', -1, shape)).toBe(9);
  });

  it('has nowhere to go in an empty grid', () => {
    expect(moveFocus('ArrowRight', -1, { count: 0, columns: 4, pageRows: 2 })).toBe(-1);
  });
});

describe('isGridKey', () => {
  it('knows the keys that move focus', () => {
    expect(isGridKey('PageDown')).toBe(true);
    expect(isGridKey('Enter')).toBe(false);
  });
});
