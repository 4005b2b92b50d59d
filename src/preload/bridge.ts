import type { ApiEvent } from '../shared/api';
import { IPC_CHANNELS, SHELL_COMMANDS, type ReelsmithBridge, type ShellCommand } from '../shared/bridge';
import type { ApiErrorCode } from '../shared/errors';
import type { CallResult } from '../shared/wire';

type IpcListener = (event: unknown, ...args: unknown[]) => void;

/** The part of `ipcRenderer` the bridge uses, so the bridge can be tested without Electron. */
export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}

/**
 * `window.reelsmith`: calls go out through `invoke` and always come back as a CallResult (never a rejection);
 * listeners receive only the payload, never Electron's IPC event (which would hand the page `ipcRenderer`).
 */
export function createBridge(ipc: BridgeIpc): ReelsmithBridge {
  return {
    async call(method, params) {
      if (typeof method !== 'string') return failure('INVALID_REQUEST', 'The method name must be a string.');
      try {
        const result = await ipc.invoke(IPC_CHANNELS.call, method, params);
        return isCallResult(result)
          ? result
          : failure('INTERNAL', `Reelsmith sent a malformed answer to ${method}. Restart the app if this persists.`);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return /clone/i.test(message)
          ? failure('INVALID_PARAMS', `The parameters of ${method} cannot be sent to Reelsmith: ${message}`)
          : failure('INTERNAL', `The call to ${method} failed: ${message}`);
      }
    },
    onEvent(listener) {
      return subscribe(ipc, IPC_CHANNELS.event, listener, isApiEventLike);
    },
    onShellCommand(listener) {
      return subscribe(ipc, IPC_CHANNELS.command, listener, isShellCommand);
    },
  };
}

function subscribe<T>(
  ipc: BridgeIpc,
  channel: string,
  listener: (value: T) => void,
  accepts: (value: unknown) => value is T,
): () => void {
  if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
  const forward: IpcListener = (_event, value) => {
    if (accepts(value)) listener(value);
  };
  ipc.on(channel, forward);
  let subscribed = true;
  return () => {
    if (!subscribed) return;
    subscribed = false;
    ipc.removeListener(channel, forward);
  };
}

function failure(code: ApiErrorCode, message: string): CallResult {
  return { ok: false, error: { code, message } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isCallResult(value: unknown): value is CallResult {
  if (!isRecord(value)) return false;
  if (value.ok === true) return 'value' in value;
  return value.ok === false && isRecord(value.error) && typeof value.error.code === 'string';
}

/** Minimal shape check; the engine built the event, the renderer parses what it uses. */
function isApiEventLike(value: unknown): value is ApiEvent {
  return isRecord(value) && typeof value.event === 'string';
}

function isShellCommand(value: unknown): value is ShellCommand {
  return typeof value === 'string' && (SHELL_COMMANDS as readonly string[]).includes(value);
}
