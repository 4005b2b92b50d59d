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

/** Runs a registered model. The inference host client implements it; tests may run onnxruntime in-process. */
export interface ModelRunner {
  run(modelId: string, feeds: TensorMap, signal?: AbortSignal): Promise<TensorMap>;
  /** Runs that go on at once when callers keep that many in flight (several host processes); 1 when absent. */
  readonly parallelism?: number;
}
