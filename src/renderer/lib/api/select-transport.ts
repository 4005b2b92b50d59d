import type { ReelsmithBridge } from '../../../shared/bridge';
import { apiSocketUrl, resolveAccessToken } from './access-token';
import { createIpcTransport } from './ipc-transport';
import type { Transport } from './transport';
import { createWebSocketTransport } from './websocket-transport';

declare global {
  interface Window {
    /** Present in Electron, exposed by the preload. Absent in a browser served by the web shell. */
    reelsmith?: ReelsmithBridge;
  }
}

/** Electron IPC when the preload bridge exists, the web shell's WebSocket otherwise. */
export function selectTransport(): Transport {
  if (window.reelsmith) return createIpcTransport(window.reelsmith);
  const token = resolveAccessToken(window.location.search, sessionStorageOrNull());
  const transport = createWebSocketTransport({ url: apiSocketUrl(window.location, token) });
  // A sleeping laptop or a flaky network: try again as soon as there is reason to think it will work.
  window.addEventListener('online', () => transport.retryNow());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') transport.retryNow();
  });
  return transport;
}

function sessionStorageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}
