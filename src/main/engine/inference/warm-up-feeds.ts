import type { ModelEntry, TensorSpec } from '../../../shared/models/manifest';
import type { TensorData, TensorMap } from './tensor';

/**
 * Inputs for a warm-up run: zeros of the right type and shape. A free dimension is 1 for the batch (the first) and
 * the tile size elsewhere in an image-to-image model, so the run costs what one tile of a real job costs.
 */
export function warmUpFeeds(entry: ModelEntry): TensorMap {
  const feeds: TensorMap = {};
  for (const spec of entry.inputs) {
    const dims = spec.shape.map((dim, index) => (typeof dim === 'number' ? dim : index > 0 && entry.task === 'image-to-image' ? entry.tileSize : 1));
    feeds[spec.name] = zeros(spec, dims, entry);
  }
  return feeds;
}

function zeros(spec: TensorSpec, dims: number[], entry: ModelEntry): TensorData {
  const count = dims.reduce((n, d) => n * d, 1);
  switch (spec.dtype) {
    case 'float32':
      return { type: 'float32', data: new Float32Array(count), dims };
    case 'int64': {
      const data = new BigInt64Array(count);
      // An audio model's scalar integer input is its sample rate (Silero's `sr`); zero is not a rate it accepts.
      if (entry.task === 'audio-frame-classifier' && dims.length === 0) data[0] = BigInt(entry.sampleRate);
      return { type: 'int64', data, dims };
    }
    case 'int32':
      return { type: 'int32', data: new Int32Array(count), dims };
    case 'uint8':
      return { type: 'uint8', data: new Uint8Array(count), dims };
  }
}
