import type { ReelsmithBridge } from '../../../shared/bridge';
import type { ConnectionStatus, Transport } from './transport';

/** Electron: the preload's bridge carries calls and events; the connection cannot drop while the window lives. */
export function createIpcTransport(bridge: ReelsmithBridge): Transport {
  const status: ConnectionStatus = { state: 'ipc' };
  return {
    kind: 'ipc',
    status,
    call: (method, params) => bridge.call(method, params),
    onEvent: (listener) => bridge.onEvent((event) => listener(event)),
    onStatus: () => () => undefined,
    onShellCommand: (listener) => bridge.onShellCommand(listener),
    retryNow: () => undefined,
    dispose: () => undefined,
  };
}
