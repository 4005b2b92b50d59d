import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BlendBand, blendTile, featherWeights, moveBand, planTiles, readTile, tileStarts } from './tiling';

describe('tileStarts', () => {
  it('uses one tile when the axis fits in it', () => {
    expect(tileStarts(1, 128, 16)).toEqual([0]);
    expect(tileStarts(128, 128, 16)).toEqual([0]);
  });

  it('spreads the fewest tiles that overlap by at least the overlap, from 0 to the end', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 16, max: 256 }),
        fc.integer({ min: 0, max: 15 }),
        (length, tileSize, overlap) => {
          const starts = tileStarts(length, tileSize, overlap);
          expect(starts[0]).toBe(0);
          if (length <= tileSize) return;
          expect(starts.at(-1)).toBe(length - tileSize);
          for (let i = 1; i < starts.length; i++) {
            expect((starts[i - 1] ?? 0) + tileSize - (starts[i] ?? 0)).toBeGreaterThanOrEqual(overlap);
          }
          // One tile fewer could not cover the axis with that overlap.
          expect(tileSize + (starts.length - 2) * (tileSize - overlap)).toBeLessThan(length);
        },
      ),
    );
  });

  it('refuses an overlap as large as the tile', () => {
    expect(() => tileStarts(300, 64, 64)).toThrow(RangeError);
  });
});

describe('featherWeights', () => {
  it('covers every output sample and sums to 1 there', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 700 }),
        fc.integer({ min: 16, max: 160 }),
        fc.integer({ min: 0, max: 15 }),
        fc.constantFrom(1, 2, 3, 4),
        (length, tileSize, overlap, scale) => {
          const starts = tileStarts(length, tileSize, overlap);
          const weights = featherWeights(starts, length, tileSize, scale);
          const sums = new Float64Array(length * scale);
          const covered = new Uint8Array(length * scale);
          starts.forEach((start, i) =>
            weights[i]?.forEach((weight, t) => {
              const at = start * scale + t;
              if (at >= length * scale) return expect(weight).toBe(0);
              sums[at] = (sums[at] ?? 0) + weight;
              if (weight > 0) covered[at] = 1;
            }),
          );
          expect(covered.every((flag) => flag === 1)).toBe(true);
          for (const sum of sums) expect(sum).toBeCloseTo(1, 6);
        },
      ),
    );
  });

  it('ramps linearly across an overlap', () => {
    // Two 8-sample tiles over 12 samples overlap on samples 4..7.
    const [first, second] = featherWeights([0, 4], 12, 8, 1);
    expect(Array.from(first ?? [])).toEqual([1, 1, 1, 1, 0.875, 0.625, 0.375, 0.125]);
    expect(Array.from(second ?? [])).toEqual([0.125, 0.375, 0.625, 0.875, 1, 1, 1, 1]);
  });
});

describe('readTile', () => {
  it('replicates edge pixels where the tile reaches past the image', () => {
    // 2×2 single-channel image [1 2; 3 4] read as a 3×3 tile.
    const tile = readTile([1, 2, 3, 4], 2, 2, 1, 1, { x: 0, y: 0 }, 3);
    expect(Array.from(tile)).toEqual([1, 2, 2, 3, 4, 4, 3, 4, 4]);
  });

  it('keeps the first channels of each pixel', () => {
    // 2×1 RGBA image read as RGB from x = 1, reaching one pixel past the right edge.
    const tile = readTile([1, 2, 3, 4, 5, 6, 7, 8], 2, 1, 4, 3, { x: 1, y: 0 }, 2);
    expect(Array.from(tile)).toEqual([5, 6, 7, 5, 6, 7, 5, 6, 7, 5, 6, 7]);
  });
});

/**
 * Tiles an image through a "model" that repeats each pixel `scale` times each way, and blends the tiles in a band
 * one scaled tile tall that moves down tile row by tile row, as the upscaler does.
 */
function tileThroughNearestModel(
  pixels: Uint8Array,
  width: number,
  height: number,
  channels: number,
  tileSize: number,
  overlap: number,
  scale: number,
): Float32Array {
  const grid = planTiles(width, height, tileSize, overlap, scale);
  const outWidth = width * scale;
  const outHeight = height * scale;
  const outTile = tileSize * scale;
  const out = new Float32Array(outWidth * outHeight * channels);
  const band: BlendBand = { data: new Float32Array(outWidth * outTile * channels), width: outWidth, top: 0, rows: outTile, channels };
  grid.rows.forEach((y, row) => {
    moveBand(band, y * scale);
    grid.columns.forEach((x, column) => {
      const tile = readTile(pixels, width, height, channels, channels, { x, y }, tileSize);
      const scaled = new Float32Array(outTile * outTile * channels);
      for (let ty = 0; ty < outTile; ty++)
        for (let tx = 0; tx < outTile; tx++)
          for (let c = 0; c < channels; c++) {
            const source = (Math.floor(ty / scale) * tileSize + Math.floor(tx / scale)) * channels + c;
            scaled[(ty * outTile + tx) * channels + c] = tile[source] ?? 0;
          }
      blendTile(band, grid, column, row, scaled, outHeight);
    });
    const nextRow = grid.rows[row + 1];
    const finalEnd = nextRow === undefined ? outHeight : nextRow * scale;
    out.set(band.data.subarray(0, (finalEnd - band.top) * outWidth * channels), band.top * outWidth * channels);
  });
  return out;
}

describe('blendTile', () => {
  it('gives back the input exactly through an identity model, for any image size', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 90 }),
        fc.integer({ min: 1, max: 90 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (width, height, seed) => {
          const pixels = Uint8Array.from({ length: width * height * 3 }, (_, i) => (seed + i * 2654435761) % 256);
          const out = tileThroughNearestModel(pixels, width, height, 3, 24, 6, 1);
          expect(Array.from(out, Math.round)).toEqual(Array.from(pixels));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('gives back the nearest-neighbour enlargement exactly through a scaling model', () => {
    const width = 70;
    const height = 37;
    const scale = 3;
    const pixels = Uint8Array.from({ length: width * height }, (_, i) => (i * 37) % 256);
    const out = tileThroughNearestModel(pixels, width, height, 1, 20, 4, scale);
    for (let y = 0; y < height * scale; y++)
      for (let x = 0; x < width * scale; x++) {
        expect(Math.round(out[y * width * scale + x] ?? -1)).toBe(pixels[Math.floor(y / scale) * width + Math.floor(x / scale)]);
      }
  });
});

describe('moveBand', () => {
  it('keeps the rows the old and new band share and clears the rest', () => {
    const band: BlendBand = { data: Float32Array.from([1, 2, 3, 4]), width: 1, top: 10, rows: 4, channels: 1 };
    moveBand(band, 12);
    expect([band.top, ...band.data]).toEqual([12, 3, 4, 0, 0]);
    moveBand(band, 20);
    expect([...band.data]).toEqual([0, 0, 0, 0]);
    expect(() => moveBand(band, 19)).toThrow(RangeError);
  });

  it('refuses a tile outside the band', () => {
    const grid = planTiles(4, 40, 8, 2, 1);
    const band: BlendBand = { data: new Float32Array(4 * 8), width: 4, top: 0, rows: 8, channels: 1 };
    expect(() => blendTile(band, grid, 0, 1, new Float32Array(64), 40)).toThrow(RangeError);
  });
});
