/**
 * Tensors as plain typed arrays, the shape that crosses the inference host's message port (structured clone moves
 * the array buffers instead of copying element by element) and that model adapters read and write.
 */

import type { TensorDtype } from '../../../shared/models/manifest';

export interface TensorDataByType {
  float32: Float32Array;
  int64: BigInt64Array;
  int32: Int32Array;
  uint8: Uint8Array;
}

export type TensorData = {
  [K in TensorDtype]: { type: K; data: TensorDataByType[K]; dims: readonly number[] };
}[TensorDtype];

export type TensorMap = Record<string, TensorData>;

/**
 * A float32 input [rows, steps, window] that the host reads itself from a raw little-endian float32 file (see
 * framed-file-feed.ts): element [r, s, i] is sample rowStarts[r] + s * hop + i, silence outside the file. A long
 * signal analysed in overlapping frames (voice detection's decoded audio) then never travels through the message port.
 */
export interface FramedFileFeed {
  type: 'float32-frames-file';
  file: string;
  /** Each row's first sample; negative starts read silence before the file. */
  rowStarts: readonly number[];
  steps: number;
  hop: number;
  window: number;
}

export type FeedData = TensorData | FramedFileFeed;
export type FeedMap = Record<string, FeedData>;

/** Runs a registered model. The inference host client implements it; tests may run onnxruntime in-process. */
export interface ModelRunner {
  run(modelId: string, feeds: FeedMap, signal?: AbortSignal): Promise<TensorMap>;
  /** Runs that go on at once when callers keep that many in flight (several host processes); 1 when absent. */
  readonly parallelism?: number;
}
