/**
 * Pixel work for scene detection, over small rgb24 frames: each frame becomes hue, saturation, value and luma planes
 * (and an edge map when edges are weighed), which are compared frame to frame.
 */

export interface FramePlanes {
  width: number;
  height: number;
  hue: Uint8Array;
  saturation: Uint8Array;
  value: Uint8Array;
  luma: Uint8Array;
  /** Mean luma of each BLOCK_SIZE square: fine texture moving inside a block leaves its mean alone. */
  blocks: Float32Array;
  /** Mean luma of each row and of each column: a camera pan shifts them, so they give its motion cheaply. */
  rowProfile: Float32Array;
  columnProfile: Float32Array;
  /** 255 on an edge, 0 elsewhere; null when edges are not weighed. */
  edges: Uint8Array | null;
}

export interface ContentWeights {
  hue: number;
  saturation: number;
  luma: number;
  edges: number;
}

/** Luma gradient (|dx| + |dy| over two pixels) from which a pixel counts as an edge. */
const EDGE_GRADIENT = 48;
/** Side of the squares whose mean luma the blend measure compares. */
export const BLOCK_SIZE = 8;

export function allocatePlanes(width: number, height: number, withEdges: boolean): FramePlanes {
  const pixels = width * height;
  return {
    width,
    height,
    hue: new Uint8Array(pixels),
    saturation: new Uint8Array(pixels),
    value: new Uint8Array(pixels),
    luma: new Uint8Array(pixels),
    blocks: new Float32Array(Math.max(1, Math.floor(width / BLOCK_SIZE) * Math.floor(height / BLOCK_SIZE))),
    rowProfile: new Float32Array(height),
    columnProfile: new Float32Array(width),
    edges: withEdges ? new Uint8Array(pixels) : null,
  };
}

/** Fills `target` from an rgb24 frame and returns the frame's mean luma (0..255). */
export function fillPlanes(rgb: Uint8Array, target: FramePlanes): number {
  const { width, height, hue, saturation, value, luma } = target;
  const pixels = width * height;
  let lumaSum = 0;
  for (let p = 0, i = 0; p < pixels; p += 1, i += 3) {
    const r = rgb[i]!;
    const g = rgb[i + 1]!;
    const b = rgb[i + 2]!;
    const max = r > g ? (r > b ? r : b) : g > b ? g : b;
    const min = r < g ? (r < b ? r : b) : g < b ? g : b;
    const range = max - min;
    value[p] = max;
    saturation[p] = max === 0 ? 0 : ((255 * range) / max) | 0;
    let h = 0;
    if (range > 0) {
      // Hue as a fraction of the circle in sixths, then scaled to 0..255.
      if (max === r) h = (g - b) / range + (g < b ? 6 : 0);
      else if (max === g) h = (b - r) / range + 2;
      else h = (r - g) / range + 4;
    }
    hue[p] = ((h * 256) / 6) & 0xff;
    const y = (77 * r + 150 * g + 29 * b) >> 8;
    luma[p] = y;
    lumaSum += y;
  }
  if (target.edges) fillEdges(luma, width, height, target.edges);
  fillBlocks(luma, width, height, target.blocks);
  fillProfiles(target);
  return lumaSum / pixels;
}

function fillProfiles({ luma, width, height, rowProfile, columnProfile }: FramePlanes): void {
  rowProfile.fill(0);
  columnProfile.fill(0);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const v = luma[y * width + x]!;
      rowProfile[y]! += v;
      columnProfile[x]! += v;
    }
  }
  for (let y = 0; y < height; y += 1) rowProfile[y]! /= width;
  for (let x = 0; x < width; x += 1) columnProfile[x]! /= height;
}

export interface Shift {
  /** `a` at (x, y) shows what `b` showed at (x + dx, y + dy). */
  dx: number;
  dy: number;
}

/**
 * The camera's shift from `b` to `a`, up to `maxShift` pixels each way: where the row and column profiles line up
 * best. For two unrelated pictures it is some shift; comparing at it still finds them different.
 */
export function estimateShift(a: FramePlanes, b: FramePlanes, maxShift: number): Shift {
  return { dx: bestOffset(a.columnProfile, b.columnProfile, maxShift), dy: bestOffset(a.rowProfile, b.rowProfile, maxShift) };
}

function bestOffset(a: Float32Array, b: Float32Array, maxShift: number): number {
  let best = 0;
  let bestCost = Infinity;
  for (let offset = -maxShift; offset <= maxShift; offset += 1) {
    const from = Math.max(0, -offset);
    const to = Math.min(a.length, b.length - offset);
    if (to - from < a.length / 2) continue;
    let cost = 0;
    for (let i = from; i < to; i += 1) cost += Math.abs(a[i]! - b[i + offset]!);
    cost /= to - from;
    // Ties go to the smaller shift, so a still picture stays unshifted.
    if (cost < bestCost - 1e-6 || (Math.abs(cost - bestCost) <= 1e-6 && Math.abs(offset) < Math.abs(best))) {
      best = offset;
      bestCost = cost;
    }
  }
  return best;
}

function fillBlocks(luma: Uint8Array, width: number, height: number, blocks: Float32Array): void {
  const across = Math.floor(width / BLOCK_SIZE);
  const down = Math.floor(height / BLOCK_SIZE);
  if (across === 0 || down === 0) {
    blocks[0] = luma.reduce((sum, y) => sum + y, 0) / luma.length;
    return;
  }
  blocks.fill(0);
  for (let y = 0; y < down * BLOCK_SIZE; y += 1) {
    const row = Math.floor(y / BLOCK_SIZE) * across;
    for (let x = 0; x < across * BLOCK_SIZE; x += 1) blocks[row + Math.floor(x / BLOCK_SIZE)]! += luma[y * width + x]!;
  }
  for (let b = 0; b < blocks.length; b += 1) blocks[b]! /= BLOCK_SIZE * BLOCK_SIZE;
}

function fillEdges(luma: Uint8Array, width: number, height: number, edges: Uint8Array): void {
  edges.fill(0);
  for (let y = 1; y < height - 1; y += 1) {
    for (let x = 1; x < width - 1; x += 1) {
      const p = y * width + x;
      const gradient = Math.abs(luma[p + 1]! - luma[p - 1]!) + Math.abs(luma[p + width]! - luma[p - width]!);
      if (gradient >= EDGE_GRADIENT) edges[p] = 255;
    }
  }
}

const NO_SHIFT: Shift = { dx: 0, dy: 0 };

/**
 * How much the picture changed between two frames, 0..255: the weighted mean of the per-pixel changes of hue (taken
 * round the colour circle), saturation, value and edges, as PySceneDetect's content detector scores it. With a shift,
 * `a` is compared with `b` moved by it, over the part both show.
 */
export function contentDifference(a: FramePlanes, b: FramePlanes, weights: ContentWeights, shift: Shift = NO_SHIFT): number {
  const { width, height } = a;
  const { dx, dy } = shift;
  const x0 = Math.max(0, -dx);
  const x1 = Math.min(width, width - dx);
  const y0 = Math.max(0, -dy);
  const y1 = Math.min(height, height - dy);
  if (x1 <= x0 || y1 <= y0) return 0;
  const offset = dy * width + dx;
  let hueSum = 0;
  let saturationSum = 0;
  let valueSum = 0;
  let edgeSum = 0;
  const edgesA = weights.edges > 0 ? a.edges : null;
  const edgesB = weights.edges > 0 ? b.edges : null;
  for (let y = y0; y < y1; y += 1) {
    for (let p = y * width + x0, end = y * width + x1; p < end; p += 1) {
      const q = p + offset;
      const dh = Math.abs(a.hue[p]! - b.hue[q]!);
      hueSum += dh > 128 ? 256 - dh : dh;
      saturationSum += Math.abs(a.saturation[p]! - b.saturation[q]!);
      valueSum += Math.abs(a.value[p]! - b.value[q]!);
      if (edgesA && edgesB && edgesA[p] !== edgesB[q]) edgeSum += 255;
    }
  }
  const pixels = (x1 - x0) * (y1 - y0);
  // Hue differences reach 128 at most (half the circle): doubled to weigh like the others.
  let weighted = weights.hue * 2 * hueSum + weights.saturation * saturationSum + weights.luma * valueSum;
  let total = weights.hue + weights.saturation + weights.luma;
  if (edgesA && edgesB) {
    weighted += weights.edges * edgeSum;
    total += weights.edges;
  }
  return total === 0 ? 0 : weighted / total / pixels;
}

export interface BlendMeasure {
  /** Mean luma distance of the middle frame from the even mix of the outer two. */
  residual: number;
  /** Mean luma distance between the outer two. */
  change: number;
}

/**
 * In a dissolve the middle frame is the mix of its neighbours, so the residual is small against the change. Block
 * means are compared, so texture moving within the shots (as it does in most dissolves) does not hide the mix.
 */
export function blendMeasure(before: FramePlanes, middle: FramePlanes, after: FramePlanes): BlendMeasure {
  const count = middle.blocks.length;
  let residual = 0;
  let change = 0;
  for (let i = 0; i < count; i += 1) {
    const b = before.blocks[i]!;
    const a = after.blocks[i]!;
    residual += Math.abs(2 * middle.blocks[i]! - b - a);
    change += Math.abs(a - b);
  }
  return { residual: residual / 2 / count, change: change / count };
}
