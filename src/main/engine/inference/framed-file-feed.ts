import fs from 'node:fs';
import type { FramedFileFeed, FeedMap, TensorMap } from './tensor';

/**
 * A framed-file feed made into the float32 tensor it stands for: [rows, steps, window], element [r, s, i] being sample
 * rowStarts[r] + s * hop + i of the raw little-endian float32 file, and silence before its start and past its end.
 * Each row is one contiguous read (its frames overlap by window - hop samples), then copied out frame by frame.
 */
export function readFramedFile(feed: FramedFileFeed): Float32Array {
  const { rowStarts, steps, hop, window } = feed;
  const rowSamples = (steps - 1) * hop + window;
  const row = new Float32Array(rowSamples);
  const rowBytes = new Uint8Array(row.buffer);
  const out = new Float32Array(rowStarts.length * steps * window);
  const handle = fs.openSync(feed.file, 'r');
  try {
    for (const [r, start] of rowStarts.entries()) {
      const skipped = Math.min(rowSamples, Math.max(0, -start));
      row.fill(0, 0, skipped);
      let read = 0;
      const wanted = (rowSamples - skipped) * 4;
      while (read < wanted) {
        const got = fs.readSync(handle, rowBytes, skipped * 4 + read, wanted - read, (start + skipped) * 4 + read);
        if (got === 0) break;
        read += got;
      }
      // Past the end of the file is silence; a partly read sample at the very end is dropped with it.
      row.fill(0, skipped + Math.floor(read / 4));
      for (let s = 0; s < steps; s++) out.set(row.subarray(s * hop, s * hop + window), (r * steps + s) * window);
    }
  } finally {
    fs.closeSync(handle);
  }
  return out;
}

/** The feeds with every framed-file feed read into its tensor; plain tensors pass as they are. */
export function resolveFeeds(feeds: FeedMap): TensorMap {
  const tensors: TensorMap = {};
  for (const [name, feed] of Object.entries(feeds)) {
    tensors[name] =
      feed.type === 'float32-frames-file' ? { type: 'float32', data: readFramedFile(feed), dims: [feed.rowStarts.length, feed.steps, feed.window] } : feed;
  }
  return tensors;
}
