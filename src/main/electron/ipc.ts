import { ipcMain, type BrowserWindow, type WebFrameMain } from 'electron';
import type { CallResult } from '../../shared/wire';
import { IPC_CHANNELS, type ShellCommand } from '../../shared/bridge';
import type { Engine } from '../engine';
import { isTrustedSender, type FrameIdentity, type RendererOrigin } from './renderer-origin';

const UNAUTHORIZED: CallResult = {
  ok: false,
  error: { code: 'UNAUTHORIZED', message: 'Only the Reelsmith window itself may call Reelsmith.' },
};

/**
 * Serves `window.reelsmith.call` and forwards engine events to the main window. Every call's sender is checked:
 * it must be the main window's top frame showing the app's own page; anything else gets UNAUTHORIZED and never
 * reaches the engine.
 */
export function serveApi(engine: Engine, mainWindow: () => BrowserWindow | null, origin: RendererOrigin): () => void {
  ipcMain.handle(IPC_CHANNELS.call, async (event, method: unknown, params: unknown): Promise<CallResult> => {
    const window = mainWindow();
    const contents = window && !window.isDestroyed() ? window.webContents : null;
    const trusted =
      contents !== null &&
      event.sender.id === contents.id &&
      isTrustedSender(
        identify(() => event.senderFrame),
        identify(() => contents.mainFrame),
        origin,
      );
    if (!trusted) return UNAUTHORIZED;
    if (typeof method !== 'string') {
      return { ok: false, error: { code: 'INVALID_REQUEST', message: 'The method name must be a string.' } };
    }
    return engine.call(method, params);
  });
  const unsubscribe = engine.subscribe((event) => {
    const window = mainWindow();
    if (window && !window.isDestroyed()) window.webContents.send(IPC_CHANNELS.event, event);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_CHANNELS.call);
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
