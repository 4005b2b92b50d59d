import { describe, expect, it } from 'vitest';
import { fillMissingTiles, planFilmstrip } from './filmstrip-plan';

describe('planFilmstrip', () => {
  it('gives a short clip a tile per second', () => {
    expect(planFilmstrip(4, { width: 320, height: 180 })).toEqual({ tiles: 4, columns: 4, rows: 1, tileWidth: 160, tileHeight: 90, interval: 1 });
    expect(planFilmstrip(2.5, { width: 320, height: 180 })).toMatchObject({ tiles: 3, interval: expect.closeTo(0.833, 3) });
  });

  it('caps a long video at forty tiles in rows of ten', () => {
    expect(planFilmstrip(3600, { width: 1920, height: 1080 })).toEqual({ tiles: 40, columns: 10, rows: 4, tileWidth: 160, tileHeight: 90, interval: 90 });
    expect(planFilmstrip(45, { width: 1920, height: 1080 })).toMatchObject({ tiles: 40, columns: 10, rows: 4 });
  });

  it('keeps tiles even and sane for odd shapes', () => {
    expect(planFilmstrip(0.3, { width: 1080, height: 1920 })).toMatchObject({ tiles: 1, columns: 1, rows: 1, tileHeight: 284, interval: 0.3 });
    expect(planFilmstrip(2, { width: 85, height: 48 }).tileHeight).toBe(90);
    expect(planFilmstrip(2, { width: 10, height: 4000 }).tileHeight).toBe(640);
    expect(planFilmstrip(2, { width: 4000, height: 3 }).tileHeight).toBe(2);
  });
});

describe('fillMissingTiles', () => {
  it('repeats the tile before a gap, or the one after a gap at the start', () => {
    expect(fillMissingTiles([null, 'a', null, 'b', null])).toEqual(['a', 'a', 'a', 'b', 'b']);
    expect(fillMissingTiles([null, null])).toBeNull();
  });
});
