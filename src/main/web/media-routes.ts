import type http from 'node:http';
import { pipeline } from 'node:stream/promises';
import { parseAssetMediaPath } from '../../shared/assets';
import { ApiError } from '../../shared/errors';
import type { Engine } from '../engine';
import { mediaResponse } from '../engine/serving/media-response';

const UPLOAD_NAME_HEADER = 'x-reelsmith-file-name';

/**
 * The web shell's media routes: `GET|HEAD /media/asset/<id>/<variant>` (by asset id only, with byte ranges) and
 * `POST /media/upload` (a browser's dropped file, streamed into the open project). Returns false for other paths.
 */
export async function handleMediaRoute(
  engine: Engine,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  pathname: string,
): Promise<boolean> {
  if (pathname === '/media/upload') {
    await receiveUpload(engine, req, res);
    return true;
  }
  if (!pathname.startsWith('/media/')) return false;
  const target = parseAssetMediaPath(pathname.slice('/media'.length));
  const media = target ? await engine.media.resolve(target.id, target.variant) : null;
  const answer = await mediaResponse(media, req.method ?? 'GET', req.headers.range);
  res.writeHead(answer.status, answer.headers);
  if (!answer.body) {
    res.end();
    return true;
  }
  // A player that seeks closes the connection mid-file; that is not an error worth reporting.
  await pipeline(answer.body, res).catch(() => undefined);
  return true;
}

async function receiveUpload(engine: Engine, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const reply = (status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    reply(405, { error: { code: 'INVALID_REQUEST', message: 'Uploads are POST requests.' } });
    return;
  }
  const header = req.headers[UPLOAD_NAME_HEADER];
  let name: string | null = null;
  try {
    name = typeof header === 'string' ? decodeURIComponent(header) : null;
  } catch {
    name = null;
  }
  if (!name || name.length > 1024 || name.includes('\0')) {
    req.resume();
    reply(400, { error: { code: 'INVALID_PARAMS', message: `Send the file name, URI-encoded, in ${UPLOAD_NAME_HEADER}.` } });
    return;
  }
  try {
    reply(200, await engine.media.receiveUpload(name, req));
  } catch (error) {
    req.resume();
    const apiError = error instanceof ApiError ? error : new ApiError('IO_ERROR', (error as Error).message);
    reply(apiError.code === 'NO_PROJECT_OPEN' ? 409 : 500, { error: apiError.toData() });
  }
}
