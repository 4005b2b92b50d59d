import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import { MAX_CALL_BYTES } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import { CallMessageSchema, CLOSE_UNAUTHORIZED, type ServerMessage } from '../../shared/wire';
import type { Engine } from '../engine';
import { isSameServer, presentedToken, tokenCookie, tokenMatches, type AccessRequest } from './access';
import { handleMediaRoute } from './media-routes';
import { serveRenderer } from './static-files';

/** Sockets sending more than this are dropped outright; up to it, oversized calls get a typed error. */
const HARD_MESSAGE_LIMIT = 16 * MAX_CALL_BYTES;

export interface WebShellOptions {
  engine: Engine;
  rendererDir: string;
  port?: number;
  token?: string;
  log?: (line: string) => void;
}

export interface WebShell {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * The web shell: serves the built renderer and the engine API over a WebSocket at /api, on 127.0.0.1 only. Every
 * request and socket must carry this run's token.
 */
export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const log = options.log ?? (() => undefined);
  const sockets = new Set<WebSocket>();
  let port = 0;

  const server = http.createServer((req, res) => {
    handleHttp(req, res).catch((error: unknown) => {
      log(`web shell: ${String(error)}`);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Internal error');
    });
  });

  async function handleHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const access = accessOf(req);
    if (!isSameServer(access, port)) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Reelsmith answers only to pages it served itself (wrong Host or Origin).');
      return;
    }
    const presented = presentedToken(access);
    if (!tokenMatches(presented, token)) {
      res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('This Reelsmith web shell needs its access token: open the address it printed when it started.');
      return;
    }
    if (await handleMediaRoute(options.engine, req, res, access.url.pathname)) return;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      res.end();
      return;
    }
    if (access.url.searchParams.has('token')) res.setHeader('Set-Cookie', tokenCookie(token));
    if (access.url.pathname === '/api/health') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ ok: true, version: options.engine.info.version }));
      return;
    }
    await serveRenderer(options.rendererDir, access.url.pathname, res, req.method === 'HEAD');
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: HARD_MESSAGE_LIMIT });
  server.on('upgrade', (req, socket, head) => {
    const access = accessOf(req);
    if (access.url.pathname !== '/api' || !isSameServer(access, port)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      // Completing the handshake before refusing lets the page tell "wrong token" (4401) from "server down".
      if (!tokenMatches(presentedToken(access), token)) {
        ws.close(CLOSE_UNAUTHORIZED, 'Unauthorized: missing or wrong access token');
        return;
      }
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', () => sockets.delete(ws));
      ws.on('message', (data, isBinary) => void handleMessage(ws, data, isBinary));
    });
  });

  async function handleMessage(ws: WebSocket, data: RawData, isBinary: boolean): Promise<void> {
    const reply = (message: ServerMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const bytes = rawLength(data);
    const text = isBinary ? null : rawText(data);
    if (text === null) {
      reply(errorResult(null, new ApiError('INVALID_REQUEST', 'Calls are JSON text messages.')));
      return;
    }
    if (bytes > MAX_CALL_BYTES) {
      reply(
        errorResult(
          leadingId(text),
          new ApiError('PAYLOAD_TOO_LARGE', `The message is ${bytes} bytes; the limit is ${MAX_CALL_BYTES}.`, {
            bytes,
            limit: MAX_CALL_BYTES,
          }),
        ),
      );
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      reply(errorResult(null, new ApiError('INVALID_REQUEST', 'The message is not valid JSON.')));
      return;
    }
    const call = CallMessageSchema.safeParse(json);
    if (!call.success) {
      const id = typeof (json as { id?: unknown } | null)?.id === 'number' ? (json as { id: number }).id : null;
      reply(errorResult(id, new ApiError('INVALID_REQUEST', 'Expected {type: "call", id, method, params}.')));
      return;
    }
    const result = await options.engine.call(call.data.method, call.data.params, { bytes });
    reply({ type: 'result', id: call.data.id, ...result });
  }

  const unsubscribe = options.engine.subscribe((event) => {
    const text = JSON.stringify({ type: 'event', ...event } satisfies ServerMessage);
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      unsubscribe();
      for (const ws of sockets) ws.close(1001, 'The web shell is shutting down');
      // A page that does not answer the close handshake at once (busy, or its tab asleep) must not hold up the exit.
      const started = Date.now();
      await new Promise<void>((resolve) => {
        const check = setInterval(() => {
          if (sockets.size > 0 && Date.now() - started < 500) return;
          clearInterval(check);
          resolve();
        }, 20);
      });
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function accessOf(req: http.IncomingMessage): AccessRequest {
  return {
    host: req.headers.host,
    origin: req.headers.origin,
    cookie: req.headers.cookie,
    authorization: req.headers.authorization,
    url: new URL(req.url ?? '/', 'http://127.0.0.1'),
  };
}

function errorResult(id: number | null, error: ApiError): ServerMessage {
  return { type: 'result', id, ok: false, error: error.toData() };
}

/** The id of an oversized call, read from its first bytes only, so its result can still be matched. */
function leadingId(text: string): number | null {
  const match = /"id"\s*:\s*(\d{1,15})/.exec(text.slice(0, 200));
  return match ? Number(match[1]) : null;
}

function rawLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((n, b) => n + b.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}
