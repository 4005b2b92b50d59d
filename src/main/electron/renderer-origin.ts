import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the app's own renderer comes from. Only pages from here may use the API or be navigated to. */
export interface RendererOrigin {
  /** The electron-vite dev server (ELECTRON_RENDERER_URL), or null when the built renderer is loaded from disk. */
  devServerUrl: string | null;
  /** Absolute path of the built renderer page, out/renderer/index.html. */
  rendererFile: string;
  /** Defaults to the running platform; Windows paths compare case-insensitively. */
  platform?: NodeJS.Platform;
}

/** A frame as the sender check sees it: which renderer frame it is and what it shows. */
export interface FrameIdentity {
  processId: number;
  routingId: number;
  url: string;
}

/**
 * True for the app's own page: the built index.html (any query or hash) or, in development, any page of the dev
 * server's origin.
 */
export function isTrustedRendererUrl(url: string, origin: RendererOrigin): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  if (parsed.protocol === 'file:') return isRendererFile(parsed, origin);
  if (origin.devServerUrl === null) return false;
  const dev = parseUrl(origin.devServerUrl);
  return (
    dev !== null &&
    (dev.protocol === 'http:' || dev.protocol === 'https:') &&
    parsed.origin === dev.origin &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * An API call is accepted only from the main window's top frame (not an iframe, not another window) while that
 * frame shows the app's own page. `mainFrame` is null when there is no main window.
 */
export function isTrustedSender(
  sender: FrameIdentity | null,
  mainFrame: Omit<FrameIdentity, 'url'> | null,
  origin: RendererOrigin,
): boolean {
  if (sender === null || mainFrame === null) return false;
  return (
    sender.processId === mainFrame.processId &&
    sender.routingId === mainFrame.routingId &&
    isTrustedRendererUrl(sender.url, origin)
  );
}

/** The dev server may also be reached over WebSocket (Vite's hot reload); every other remote request is refused. */
export function isDevServerRequest(url: string, origin: RendererOrigin): boolean {
  if (origin.devServerUrl === null) return false;
  const parsed = parseUrl(url);
  const dev = parseUrl(origin.devServerUrl);
  if (!parsed || !dev) return false;
  return ['http:', 'https:', 'ws:', 'wss:'].includes(parsed.protocol) && parsed.host === dev.host;
}

function isRendererFile(url: URL, origin: RendererOrigin): boolean {
  let file: string;
  try {
    file = fileURLToPath(url); // the path alone: query and hash do not matter
  } catch {
    return false; // a file URL with a host (a network share) or an encoded separator
  }
  const windows = (origin.platform ?? process.platform) === 'win32';
  const resolve = windows ? path.win32.resolve : path.posix.resolve;
  const a = resolve(file);
  const b = resolve(origin.rendererFile);
  return windows ? a.toLowerCase() === b.toLowerCase() : a === b;
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
