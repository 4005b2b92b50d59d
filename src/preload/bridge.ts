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

/** `webUtils.getPathForFile`: a dropped file's path, '' for a File made in script; throws for anything else. */
export type PathForFile = (file: File) => string;

/**
 * `window.reelsmith`: calls go out through `invoke` and always come back as a CallResult (never a rejection);
 * listeners receive only the payload, never Electron's IPC event (which would hand the page `ipcRenderer`).
 */
export function createBridge(ipc: BridgeIpc, pathForFile: PathForFile): ReelsmithBridge {
  return {
    async call(method, params) {
      if (typeof method !== 'string') return failure('INVALID_REQUEST', 'The method name must be a string.');
      return send(ipc, method, IPC_CHANNELS.call, method, params);
    },
    async importDropped(files) {
      const paths = Array.isArray(files) ? droppedPaths(files, pathForFile) : [];
      if (paths.length === 0) {
        return failure('INVALID_PARAMS', 'Nothing dropped is a file or folder on this computer.');
      }
      return send(ipc, 'the import', IPC_CHANNELS.importDropped, paths);
    },
    onEvent(listener) {
      return subscribe(ipc, IPC_CHANNELS.event, listener, isApiEventLike);
    },
    onShellCommand(listener) {
      return subscribe(ipc, IPC_CHANNELS.command, listener, isShellCommand);
    },
  };
}

async function send(ipc: BridgeIpc, what: string, channel: string, ...args: unknown[]): Promise<CallResult> {
  try {
    const result = await ipc.invoke(channel, ...args);
    return isCallResult(result)
      ? result
      : failure('INTERNAL', `Reelsmith sent a malformed answer to ${what}. Restart the app if this persists.`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return /clone/i.test(message)
      ? failure('INVALID_PARAMS', `The parameters of ${what} cannot be sent to Reelsmith: ${message}`)
      : failure('INTERNAL', `The call to ${what} failed: ${message}`);
  }
}

/** The paths of the dropped items that are on disk; anything else the page passed is left out. */
function droppedPaths(files: readonly unknown[], pathForFile: PathForFile): string[] {
  const paths: string[] = [];
  for (const file of files) {
    try {
      const found = pathForFile(file as File); // it checks, and throws for what is not a File
      if (found !== '') paths.push(found);
    } catch {
      // not a File: skipped like a File made in script
    }
  }
  return paths;
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
