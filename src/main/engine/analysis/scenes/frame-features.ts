import { allocatePlanes, blendMeasure, contentDifference, estimateShift, fillPlanes, type ContentWeights, type FramePlanes } from './frame-planes';

/** The per-frame numbers the detectors decide from; every array is indexed by frame and `count` long. */
export interface FrameFeatures {
  count: number;
  /** Weighted change from the previous frame (0 for the first), 0..255, after following the camera's pan or tilt. */
  content: Float32Array;
  /** `lookBack[i][k]`: the same change between frame k and frame k - (i + 2); 0 where there is no such frame. */
  lookBack: Float32Array[];
  /** Mean luma, 0..255. */
  luma: Float32Array;
  /** Blend residual over change (see blendMeasure) with frames `blendSpan` before and after; 1 where undefined. */
  blend: Float32Array;
  /** The change between those two frames; 0 where undefined. */
  blendChange: Float32Array;
  blendSpan: number;
}

export interface FeatureOptions {
  width: number;
  height: number;
  weights: ContentWeights;
  /** Frames compared back beyond the previous one: the longest flash to see past. */
  maxFlashFrames: number;
  /** Frames before and after for the blend measure. */
  blendSpan: number;
}

/**
 * Turns a stream of rgb24 frames into FrameFeatures. It keeps only the planes of the last few frames, so memory is
 * a few small frames plus some bytes of scores per frame.
 */
export class FrameFeatureExtractor {
  private readonly ring: FramePlanes[];
  private readonly columns: GrowingColumns;
  private count = 0;
  private readonly maxShift: number;

  constructor(private readonly options: FeatureOptions) {
    const ringSize = Math.max(options.maxFlashFrames + 2, 2 * options.blendSpan + 1);
    this.ring = Array.from({ length: ringSize }, () => allocatePlanes(options.width, options.height, options.weights.edges > 0));
    this.columns = new GrowingColumns(4 + options.maxFlashFrames);
    this.maxShift = Math.max(1, Math.round(MAX_SHIFT_SHARE * Math.min(options.width, options.height)));
  }

  push(rgb: Uint8Array): void {
    const { weights, maxFlashFrames, blendSpan } = this.options;
    const k = this.count;
    const planes = this.planesOf(k);
    const luma = fillPlanes(rgb, planes);
    const row = this.columns.addRow();
    row[COLUMN.content] = k > 0 ? this.motionTolerantChange(planes, this.planesOf(k - 1)) : 0;
    row[COLUMN.luma] = luma;
    row[COLUMN.blend] = 1;
    for (let i = 0; i < maxFlashFrames; i += 1) {
      const back = i + 2;
      row[COLUMN.lookBack + i] = k >= back ? contentDifference(planes, this.planesOf(k - back), weights) : 0;
    }
    this.columns.commitRow();
    // The blend measure of the frame blendSpan back is known now that the frame after it has come.
    const middle = k - blendSpan;
    if (middle >= blendSpan) {
      const { residual, change } = blendMeasure(this.planesOf(middle - blendSpan), this.planesOf(middle), planes);
      this.columns.set(middle, COLUMN.blend, change > 0 ? residual / change : 1);
      this.columns.set(middle, COLUMN.blendChange, change);
    }
    this.count += 1;
  }

  finish(): FrameFeatures {
    const column = (c: number) => this.columns.column(c);
    return {
      count: this.count,
      content: column(COLUMN.content),
      lookBack: Array.from({ length: this.options.maxFlashFrames }, (_, i) => column(COLUMN.lookBack + i)),
      luma: column(COLUMN.luma),
      blend: column(COLUMN.blend),
      blendChange: column(COLUMN.blendChange),
      blendSpan: this.options.blendSpan,
    };
  }

  /** The change after following a small shift of the whole picture, which a pan or tilt is, never more than without. */
  private motionTolerantChange(current: FramePlanes, previous: FramePlanes): number {
    const still = contentDifference(current, previous, this.options.weights);
    const shift = estimateShift(current, previous, this.maxShift);
    if (shift.dx === 0 && shift.dy === 0) return still;
    return Math.min(still, contentDifference(current, previous, this.options.weights, shift));
  }

  private planesOf(frame: number): FramePlanes {
    return this.ring[frame % this.ring.length]!;
  }
}

/** The largest pan or tilt between two frames that is followed, as a share of the frame's shorter side. */
const MAX_SHIFT_SHARE = 0.08;

const COLUMN = { content: 0, luma: 1, blend: 2, blendChange: 3, lookBack: 4 } as const;

/** Rows of float scores in one typed array that doubles when full: a few bytes per frame, no object per frame. */
class GrowingColumns {
  private data: Float32Array;
  private rows = 0;
  private readonly row: Float32Array;

  constructor(private readonly width: number) {
    this.data = new Float32Array(width * 1024);
    this.row = new Float32Array(width);
  }

  /** A scratch row to fill before commitRow. */
  addRow(): Float32Array {
    this.row.fill(0);
    return this.row;
  }

  commitRow(): void {
    if ((this.rows + 1) * this.width > this.data.length) {
      const grown = new Float32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data.set(this.row, this.rows * this.width);
    this.rows += 1;
  }

  set(row: number, column: number, value: number): void {
    this.data[row * this.width + column] = value;
  }

  column(column: number): Float32Array {
    const out = new Float32Array(this.rows);
    for (let r = 0; r < this.rows; r += 1) out[r] = this.data[r * this.width + column]!;
    return out;
  }
}
