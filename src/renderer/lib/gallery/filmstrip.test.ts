import { describe, expect, it } from 'vitest';
import type { FilmstripGeometry } from '../../../shared/assets';
import { spriteTileStyle, stripTiles, tileAtFraction, tileTime } from './filmstrip';

// 10 tiles of 160×90 in 5 columns (2 rows), one every 2 s: a 20-second clip.
const geometry: FilmstripGeometry = { tiles: 10, columns: 5, tileWidth: 160, tileHeight: 90, interval: 2 };

describe('tileAtFraction', () => {
  it('maps the pointer across the picture to the tiles in order', () => {
    expect(tileAtFraction(geometry, 0)).toBe(0);
    expect(tileAtFraction(geometry, 0.05)).toBe(0);
    expect(tileAtFraction(geometry, 0.1)).toBe(1);
    expect(tileAtFraction(geometry, 0.55)).toBe(5);
    expect(tileAtFraction(geometry, 0.999)).toBe(9);
  });

  it('stays on the first and last tile when the pointer is at or past an edge', () => {
    expect(tileAtFraction(geometry, 1)).toBe(9);
    expect(tileAtFraction(geometry, 1.4)).toBe(9);
    expect(tileAtFraction(geometry, -0.2)).toBe(0);
  });
});

describe('tileTime', () => {
  it('puts each tile in the middle of its interval', () => {
    expect(tileTime(geometry, 0)).toBe(1);
    expect(tileTime(geometry, 9)).toBe(19);
  });
});

describe('stripTiles', () => {
  it('skips tiles evenly for a strip with fewer slots than tiles', () => {
    expect(stripTiles(geometry, 5)).toEqual([1, 3, 5, 7, 9]);
    expect(stripTiles(geometry, 2)).toEqual([2, 7]);
  });

  it('repeats tiles for a strip with more slots than tiles, keeping time order', () => {
    expect(stripTiles({ ...geometry, tiles: 2 }, 5)).toEqual([0, 0, 1, 1, 1]);
    expect(stripTiles(geometry, 0)).toEqual([]);
  });
});

describe('spriteTileStyle', () => {
  const contain = (width: number, height: number) => ({ width, height, fit: 'contain' as const });

  it('scales the sprite so one tile fills a box of the same aspect', () => {
    expect(spriteTileStyle(geometry, 0, contain(320, 180))).toEqual({
      width: 320,
      height: 180,
      backgroundSize: '1600px 360px',
      backgroundPosition: '0px 0px',
    });
  });

  it('shifts the sprite to the tile’s column and row', () => {
    expect(spriteTileStyle(geometry, 7, contain(160, 90)).backgroundPosition).toBe('-320px -90px');
  });

  it('fits a tile into a box of another aspect without cropping it', () => {
    const portrait: FilmstripGeometry = { ...geometry, tileWidth: 90, tileHeight: 160 };
    const style = spriteTileStyle(portrait, 1, contain(320, 180));
    expect(style.height).toBe(180);
    expect(style.width).toBeCloseTo(101.25);
    expect(style.backgroundPosition).toBe('-101.25px 0px');
  });

  it('covers a box of another aspect, cropping the tile evenly and never showing its neighbours', () => {
    const style = spriteTileStyle(geometry, 1, { width: 40, height: 45, fit: 'cover' });
    // Scaled to 80×45: the 40 px wide box shows the middle of tile 1, which starts at 80 px.
    expect(style).toEqual({ width: 40, height: 45, backgroundSize: '400px 90px', backgroundPosition: '-100px 0px' });
  });

  it('rounds a partly filled last row up', () => {
    const eleven = { ...geometry, tiles: 11 };
    expect(spriteTileStyle(eleven, 10, contain(160, 90)).backgroundSize).toBe('800px 270px');
  });
});
