import { timingSafeEqual } from 'node:crypto';

/**
 * Who may talk to the web shell: only pages served from this loopback server (Host and Origin checked, against DNS
 * rebinding and cross-site WebSockets) that hold this run's token (in the query, a cookie set from it, or a bearer
 * header).
 */
export const TOKEN_COOKIE = 'reelsmith_token';

export interface AccessRequest {
  host: string | undefined;
  origin: string | undefined;
  cookie: string | undefined;
  authorization: string | undefined;
  url: URL;
}

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

/** Host and Origin (when sent) must name this server; anything else is another site or a rebinding attack. */
export function isSameServer(req: Pick<AccessRequest, 'host' | 'origin'>, port: number): boolean {
  const hosts = allowedHosts(port);
  if (!req.host || !hosts.has(req.host.toLowerCase())) return false;
  if (req.origin === undefined) return true;
  try {
    const origin = new URL(req.origin);
    return origin.protocol === 'http:' && hosts.has(origin.host.toLowerCase());
  } catch {
    return false;
  }
}

export function presentedToken(req: Pick<AccessRequest, 'cookie' | 'authorization' | 'url'>): string | null {
  const fromQuery = req.url.searchParams.get('token');
  if (fromQuery) return fromQuery;
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.authorization ?? '');
  if (bearer) return bearer[1]!;
  for (const part of (req.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === TOKEN_COOKIE) return decodeURIComponent(value.join('='));
  }
  return null;
}

export function tokenMatches(presented: string | null, expected: string): boolean {
  if (presented === null) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
}
