/**
 * Tiling for image-to-image models: which square tiles of the input to run, how to read a tile (edge replication
 * where it reaches past the image), and how to blend the scaled tiles back with linear feathering in the overlaps.
 * Pure: no model, no I/O.
 */

/** A tile's top-left corner in input pixels; every tile is `tileSize` square. */
export interface TileOrigin {
  x: number;
  y: number;
}

/** The tiles covering an image, and per column and row the blend weights of their output pixels. */
export interface TileGrid {
  tileSize: number;
  scale: number;
  /** Left edges of the tile columns, in input pixels. */
  columns: readonly number[];
  /** Top edges of the tile rows, in input pixels. */
  rows: readonly number[];
  /** For each column, the weight of each of its `tileSize × scale` output columns (0 past the image). */
  columnWeights: readonly Float32Array[];
  /** For each row, the weight of each of its `tileSize × scale` output rows (0 past the image). */
  rowWeights: readonly Float32Array[];
}

/**
 * Starts of the tiles along one axis of `length` pixels: one tile when it fits (reaching past the end, filled by
 * edge replication), otherwise the fewest tiles that overlap by at least `overlap`, spread evenly so the first
 * starts at 0 and the last ends at `length`.
 */
export function tileStarts(length: number, tileSize: number, overlap: number): number[] {
  if (!Number.isInteger(length) || length < 1) throw new RangeError(`length must be a positive integer: ${length}`);
  if (overlap < 0 || overlap >= tileSize) throw new RangeError(`overlap ${overlap} must be in [0, ${tileSize})`);
  if (length <= tileSize) return [0];
  const count = Math.ceil((length - overlap) / (tileSize - overlap));
  const span = length - tileSize;
  return Array.from({ length: count }, (_, i) => Math.round((i * span) / (count - 1)));
}

/**
 * Blend weights of each tile's output samples along one axis. Where two tiles overlap, each one's weight ramps
 * linearly across the overlap (rising from the side it enters); weights are then divided by their sum at each
 * output sample, so they sum to exactly 1 wherever the image is, and also where three tiles meet on short axes.
 */
export function featherWeights(starts: readonly number[], length: number, tileSize: number, scale: number): Float32Array[] {
  const outLength = length * scale;
  const outTile = tileSize * scale;
  const raw = starts.map((start, i) => {
    const from = start * scale;
    const previousEnd = i > 0 ? ((starts[i - 1] ?? 0) + tileSize) * scale : from;
    const nextStart = i < starts.length - 1 ? (starts[i + 1] ?? 0) * scale : from + outTile;
    const rampIn = previousEnd - from;
    const rampOut = from + outTile - nextStart;
    const weights = new Float32Array(outTile);
    for (let t = 0; t < outTile && from + t < outLength; t++) {
      // Half-sample offsets keep every weight above 0, so each output sample is covered by its tile.
      const rising = rampIn > 0 ? (t + 0.5) / rampIn : 1;
      const falling = rampOut > 0 ? (outTile - t - 0.5) / rampOut : 1;
      weights[t] = Math.min(1, rising, falling);
    }
    return weights;
  });
  const sums = new Float64Array(outLength);
  raw.forEach((weights, i) => {
    const from = (starts[i] ?? 0) * scale;
    weights.forEach((weight, t) => {
      if (from + t < outLength) sums[from + t] = (sums[from + t] ?? 0) + weight;
    });
  });
  raw.forEach((weights, i) => {
    const from = (starts[i] ?? 0) * scale;
    weights.forEach((weight, t) => {
      if (from + t < outLength) weights[t] = weight / (sums[from + t] ?? 1);
    });
  });
  return raw;
}

/** Plans the tiles of a `width × height` image for a model of the given scale. */
export function planTiles(width: number, height: number, tileSize: number, overlap: number, scale: number): TileGrid {
  const columns = tileStarts(width, tileSize, overlap);
  const rows = tileStarts(height, tileSize, overlap);
  return {
    tileSize,
    scale,
    columns,
    rows,
    columnWeights: featherWeights(columns, width, tileSize, scale),
    rowWeights: featherWeights(rows, height, tileSize, scale),
  };
}

/**
 * Copies a `tileSize` square starting at (x, y) out of pixels of `stride` interleaved values, keeping the first
 * `channels` of each (e.g. RGB out of RGBA), and replicating the nearest edge pixel where the square reaches past the
 * image.
 */
export function readTile(
  pixels: ArrayLike<number>,
  width: number,
  height: number,
  stride: number,
  channels: number,
  origin: TileOrigin,
  tileSize: number,
): Float32Array {
  const tile = new Float32Array(tileSize * tileSize * channels);
  for (let ty = 0; ty < tileSize; ty++) {
    const sy = Math.min(origin.y + ty, height - 1);
    for (let tx = 0; tx < tileSize; tx++) {
      const sx = Math.min(origin.x + tx, width - 1);
      const from = (sy * width + sx) * stride;
      const to = (ty * tileSize + tx) * channels;
      for (let c = 0; c < channels; c++) tile[to + c] = pixels[from + c] ?? 0;
    }
  }
  return tile;
}

/**
 * Rows `top` to `top + rows` of the scaled image, `channels` interleaved, where tiles are blended. A band as tall as
 * one scaled tile row is enough to blend an image of any height, one tile row after another.
 */
export interface BlendBand {
  data: Float32Array;
  width: number;
  top: number;
  rows: number;
  channels: number;
}

/**
 * Adds one scaled tile (`tileSize × scale` square, `band.channels` interleaved) into `band`, each sample multiplied
 * by its column and row weight. Once every tile covering a row has been added, the row holds the blend.
 */
export function blendTile(band: BlendBand, grid: TileGrid, column: number, row: number, tile: Float32Array, outHeight: number): void {
  const { data, width, top, rows, channels } = band;
  const outTile = grid.tileSize * grid.scale;
  const x0 = (grid.columns[column] ?? 0) * grid.scale;
  const y0 = (grid.rows[row] ?? 0) * grid.scale;
  const columnWeights = grid.columnWeights[column];
  const rowWeights = grid.rowWeights[row];
  if (!columnWeights || !rowWeights) throw new RangeError(`no tile at column ${column}, row ${row}`);
  if (y0 < top || Math.min(y0 + outTile, outHeight) > top + rows) throw new RangeError(`tile row ${row} is outside the band`);
  for (let ty = 0; ty < outTile && y0 + ty < outHeight; ty++) {
    const rowWeight = rowWeights[ty] ?? 0;
    for (let tx = 0; tx < outTile && x0 + tx < width; tx++) {
      const weight = rowWeight * (columnWeights[tx] ?? 0);
      const from = (ty * outTile + tx) * channels;
      const to = ((y0 + ty - top) * width + x0 + tx) * channels;
      for (let c = 0; c < channels; c++) data[to + c] = (data[to + c] ?? 0) + weight * (tile[from + c] ?? 0);
    }
  }
}

/** Moves `band` down to start at output row `top`, keeping the rows both cover and clearing the new ones. */
export function moveBand(band: BlendBand, top: number): void {
  const shift = top - band.top;
  if (shift < 0) throw new RangeError('a band only moves down');
  const rowLength = band.width * band.channels;
  band.data.copyWithin(0, Math.min(shift, band.rows) * rowLength);
  band.data.fill(0, Math.max(0, band.rows - shift) * rowLength);
  band.top = top;
}
