import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent, type WebFrameMain } from 'electron';
import type { CallResult } from '../../shared/wire';
import { IPC_CHANNELS, type ShellCommand } from '../../shared/bridge';
import type { Engine } from '../engine';
import { importDroppedPaths } from './dropped-paths';
import { isTrustedSender, type FrameIdentity, type RendererOrigin } from './renderer-origin';

const UNAUTHORIZED: CallResult = {
  ok: false,
  error: { code: 'UNAUTHORIZED', message: 'Only the Reelsmith window itself may call Reelsmith.' },
};

/**
 * Serves `window.reelsmith.call` and `importDropped`, and forwards engine events to the main window. Every message's
 * sender is checked: it must be the main window's top frame showing the app's own page; anything else gets
 * UNAUTHORIZED and never reaches the engine. Only the import-dropped channel carries paths (see dropped-paths.ts).
 */
export function serveApi(engine: Engine, mainWindow: () => BrowserWindow | null, origin: RendererOrigin): () => void {
  const fromMainWindow = (event: IpcMainInvokeEvent): boolean => {
    const window = mainWindow();
    const contents = window && !window.isDestroyed() ? window.webContents : null;
    return (
      contents !== null &&
      event.sender.id === contents.id &&
      isTrustedSender(
        identify(() => event.senderFrame),
        identify(() => contents.mainFrame),
        origin,
      )
    );
  };
  ipcMain.handle(IPC_CHANNELS.call, async (event, method: unknown, params: unknown): Promise<CallResult> => {
    if (!fromMainWindow(event)) return UNAUTHORIZED;
    if (typeof method !== 'string') {
      return { ok: false, error: { code: 'INVALID_REQUEST', message: 'The method name must be a string.' } };
    }
    return engine.call(method, params);
  });
  ipcMain.handle(IPC_CHANNELS.importDropped, async (event, paths: unknown): Promise<CallResult> => {
    if (!fromMainWindow(event)) return UNAUTHORIZED;
    return importDroppedPaths(engine, paths);
  });
  const unsubscribe = engine.subscribe((event) => {
    const window = mainWindow();
    if (window && !window.isDestroyed()) window.webContents.send(IPC_CHANNELS.event, event);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_CHANNELS.call);
    ipcMain.removeHandler(IPC_CHANNELS.importDropped);
  };
}

export function sendShellCommand(window: BrowserWindow, command: ShellCommand): void {
  window.webContents.send(IPC_CHANNELS.command, command);
}

function identify(frameOf: () => WebFrameMain | null | undefined): FrameIdentity | null {
  try {
    const frame = frameOf();
    return frame ? { processId: frame.processId, routingId: frame.routingId, url: frame.url } : null;
  } catch {
    return null; // the frame was destroyed or navigated away while the call was in flight
  }
}
