import { Readable } from 'node:stream';
import type { Privileges } from 'electron';
import { parseAssetMediaPath, type MediaVariant } from '../../shared/assets';
import { mediaResponse, type MediaResponse, type ServedMedia } from '../engine/serving/media-response';

/**
 * `media://asset/<id>/<variant>`: how the Electron renderer fetches an asset's files, by id only. The id sits in the
 * path, not the host, because a standard scheme's host is lower-cased and ids are case-sensitive.
 */
export const MEDIA_SCHEME = 'media';

/**
 * Registered before the app is ready. `standard` makes the URL parse as host + path; `secure` keeps it from being
 * mixed content; `stream` tells `<video>` and `<audio>` the response streams (without it they expect the whole file
 * buffered and do not seek by range); `supportFetchAPI` and `corsEnabled` let the page `fetch()` a waveform, because
 * Electron refuses a cross-origin fetch to a scheme without `corsEnabled` and the page (file:// or the dev server)
 * is another origin. The page's own CSP names `media:`, so the scheme does not bypass it.
 */
export const MEDIA_SCHEME_PRIVILEGES: Privileges = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true,
  stream: true,
  bypassCSP: false,
};

export type ResolveMedia = (id: string, variant: MediaVariant) => Promise<ServedMedia | null>;

/** The asset and variant a `media://` URL names; null for any other URL. */
export function parseMediaUrl(url: string): { id: string; variant: MediaVariant } | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== `${MEDIA_SCHEME}:` || parsed.host !== 'asset') return null;
    if (parsed.username !== '' || parsed.password !== '') return null;
    return parseAssetMediaPath(`/asset${parsed.pathname}`);
  } catch {
    return null; // not a URL, or a malformed %-escape in the id
  }
}

/**
 * Every media response may be read by any origin: the only pages in the app are its own (guards.ts keeps it so),
 * and they are another origin than media:, so without this their `fetch()` of a waveform would be refused.
 */
const CORS_HEADERS: Readonly<Record<string, string>> = { 'Access-Control-Allow-Origin': '*' };

/**
 * The protocol handler: a `media://` request answered like the web shell's `/media/asset/...`, ranges included.
 * It serves only what `resolve` finds for an asset id; nothing in the URL is ever read as a path.
 */
export async function answerMediaRequest(
  request: Request,
  resolve: ResolveMedia,
  onError: (error: unknown) => void,
): Promise<Response> {
  try {
    const target = parseMediaUrl(request.url);
    const media = target ? await resolve(target.id, target.variant) : null;
    return toWebResponse(await mediaResponse(media, request.method, request.headers.get('range')), CORS_HEADERS);
  } catch (error) {
    onError(error);
    return new Response(null, { status: 500, headers: CORS_HEADERS });
  }
}

/** A media answer as the web `Response` that `protocol.handle` wants; the file streams, it is not read whole. */
export function toWebResponse(answer: MediaResponse, extraHeaders: Readonly<Record<string, string>> = {}): Response {
  return new Response(answer.body ? Readable.toWeb(answer.body) : null, {
    status: answer.status,
    headers: { ...answer.headers, ...extraHeaders },
  });
}
