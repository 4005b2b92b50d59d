import { app, BrowserWindow, protocol, session } from 'electron';
import type { ShellCommand } from '../../shared/bridge';
import { defaultConfigDir } from '../engine/config/paths';
import { createEngine, type Engine } from '../engine';
import { pickFiles, pickFolder, pickSaveFile, showCallError } from './dialogs';
import { utilityHostLauncher } from './inference-host';
import { applySessionPolicy, guardAllWebContents } from './guards';
import { sendShellCommand, serveApi } from './ipc';
import { answerMediaRequest, MEDIA_SCHEME, MEDIA_SCHEME_PRIVILEGES } from './media-protocol';
import { ApplicationMenu } from './menu';
import type { RendererOrigin } from './renderer-origin';
import { createMainWindow } from './window';
import { TaskbarProgressTracker } from './taskbar-progress';

export interface DesktopAppPaths {
  /** out/preload/index.cjs */
  preloadFile: string;
  /** out/renderer/index.html */
  rendererFile: string;
  /** out/main/inference-host.js */
  inferenceHostFile: string;
}

/** How long quitting waits for the engine to save and release the project before giving up. */
const DISPOSE_TIMEOUT_MS = 15_000;

const log = (line: string) => console.error(`reelsmith: ${line}`);

/**
 * The Electron shell: one engine, one window, the native menu. Electron's own state lives in the config folder
 * every shell shares, so the single-instance lock, recent projects and the window placement sit together.
 */
export function startDesktopApp(paths: DesktopAppPaths): void {
  const configDir = defaultConfigDir();
  app.setPath('userData', configDir);
  app.enableSandbox();
  if (process.platform === 'win32') app.setAppUserModelId('studio.reelsmith.app'); // electron-builder's appId
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // Only before ready, and only once: every privileged scheme the app will ever have goes in this one call.
  protocol.registerSchemesAsPrivileged([{ scheme: MEDIA_SCHEME, privileges: MEDIA_SCHEME_PRIVILEGES }]);

  const origin: RendererOrigin = {
    // A packaged app always loads its own files, whatever the environment says.
    devServerUrl: app.isPackaged ? null : (process.env.ELECTRON_RENDERER_URL ?? null),
    rendererFile: paths.rendererFile,
  };
  let window: BrowserWindow | null = null;
  let engine: Engine | null = null;

  guardAllWebContents(origin);

  const openWindow = (): BrowserWindow => {
    if (window && !window.isDestroyed()) return window;
    const created = createMainWindow({ origin, preloadFile: paths.preloadFile, configDir, log });
    created.on('closed', () => {
      if (window === created) window = null;
    });
    window = created;
    return created;
  };

  const focusWindow = () => {
    const shown = openWindow();
    if (shown.isMinimized()) shown.restore();
    shown.show();
    shown.focus();
  };

  const runShellCommand = (command: ShellCommand) => {
    const existing = window && !window.isDestroyed() ? window : null;
    const target = existing ?? openWindow();
    // A window opened just now listens once its page has loaded.
    if (!existing || target.webContents.isLoading()) {
      target.webContents.once('did-finish-load', () => sendShellCommand(target, command));
    } else {
      sendShellCommand(target, command);
    }
    focusWindow();
  };

  app.on('second-instance', () => {
    if (app.isReady()) focusWindow();
  });

  app.whenReady().then(async () => {
    applySessionPolicy(session.defaultSession, origin);
    const ready = createEngine({
      shell: 'electron',
      configDir,
      host: {
        pickFolder: (title) => pickFolder(window, title),
        pickFiles: () => pickFiles(window),
        pickSaveFile: (suggestion) => pickSaveFile(window, suggestion),
      },
      onInternalError: (method, error) => log(`internal error in ${method}: ${String(error)}`),
      inference: { launch: utilityHostLauncher(paths.inferenceHostFile) },
    });
    engine = ready;
    // The window uses the default session, so media:// is served there, before the window can ask for it.
    session.defaultSession.protocol.handle(MEDIA_SCHEME, (request) =>
      answerMediaRequest(
        request,
        (id, variant) => ready.media.resolve(id, variant),
        (error) => log(`could not serve ${request.url}: ${String(error)}`),
      ),
    );
    app.setAboutPanelOptions({
      applicationName: 'Reelsmith',
      applicationVersion: ready.info.version,
      copyright: 'Reelsmith contributors · MIT License',
    });
    serveApi(ready, () => window, origin);
    const taskbar = new TaskbarProgressTracker();
    ready.subscribe((event) => {
      if (event.event !== 'job.changed' || !window || window.isDestroyed()) return;
      const { value, mode } = taskbar.update(event.payload.job);
      window.setProgressBar(value, { mode });
    });
    ready.subscribe((event) => {
      // macOS shows the open project in the title bar's proxy icon and marks unsaved changes.
      if (process.platform !== 'darwin' || !window) return;
      if (event.event === 'project.changed') {
        window.setRepresentedFilename(event.payload.state?.path ?? '');
        window.setDocumentEdited(event.payload.state?.save.dirty ?? false);
      } else if (event.event === 'project.saved') {
        window.setDocumentEdited(event.payload.save.dirty);
      }
    });
    openWindow();
    await new ApplicationMenu({
      engine: ready,
      sendShellCommand: runShellCommand,
      showError: (title, result, options) => showCallError(window, title, result, options),
    }).start();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
  }).catch((error: unknown) => {
    log(`could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    app.exit(1);
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Quitting waits for the engine to save the project and release its lock, then quits for real.
  let disposal: Promise<void> | null = null;
  let disposed = false;
  app.on('before-quit', (event) => {
    if (disposed || engine === null) return;
    event.preventDefault();
    disposal ??= withTimeout(engine.dispose(), DISPOSE_TIMEOUT_MS)
      .catch((error: unknown) => log(`could not save before quitting: ${String(error)}`))
      .finally(() => {
        disposed = true;
        app.quit();
      });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
}

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`still busy after ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
