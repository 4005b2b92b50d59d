import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { answerRange, rangeHeaders } from './byte-range';

/** A file the engine may hand to a media server: found by asset id and variant, never by a path from the renderer. */
export interface ServedMedia {
  path: string;
  contentType: string;
}

export interface MediaResponse {
  status: 200 | 206 | 404 | 405 | 416;
  headers: Record<string, string>;
  /** Null for HEAD, errors and 416. */
  body: Readable | null;
}

const refusal = (status: 404 | 405, extra: Record<string, string> = {}): MediaResponse => ({
  status,
  headers: { 'Content-Length': '0', ...extra },
  body: null,
});

/**
 * The answer both media servers give (the web shell's `/media/asset/...` and Electron's `media://asset/...`): the
 * whole file, one byte range, or 416, with `Accept-Ranges` so players seek; HEAD gets the headers alone.
 */
export async function mediaResponse(
  media: ServedMedia | null,
  method: string,
  range: string | null | undefined,
): Promise<MediaResponse> {
  if (method !== 'GET' && method !== 'HEAD') return refusal(405, { Allow: 'GET, HEAD' });
  if (!media) return refusal(404);
  let size: number;
  try {
    const info = await fs.promises.stat(media.path);
    if (!info.isFile()) return refusal(404);
    size = info.size;
  } catch {
    return refusal(404);
  }
  const answer = answerRange(range, size);
  const headers = { ...rangeHeaders(answer, size, media.contentType), 'Cache-Control': 'no-cache' };
  if (answer.status === 416 || method === 'HEAD') return { status: answer.status, headers, body: null };
  // An empty file has no byte 0 to start a stream at.
  if (size === 0) return { status: 200, headers, body: null };
  const body =
    answer.status === 206
      ? fs.createReadStream(media.path, { start: answer.start, end: answer.end })
      : fs.createReadStream(media.path);
  return { status: answer.status, headers, body };
}
