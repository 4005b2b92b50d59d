import { BrowserWindow, screen } from 'electron';
import type { RendererOrigin } from './renderer-origin';
import { MIN_WINDOW_SIZE, placeWindow, readWindowState, writeWindowState } from './window-state';

export interface MainWindowOptions {
  origin: RendererOrigin;
  preloadFile: string;
  /** Where window-state.json lives (the shared config folder). */
  configDir: string;
  log: (line: string) => void;
}

/** Matches the renderer's dark background, so the window never flashes white before the first paint. */
const BACKGROUND = '#111216';

/**
 * The one studio window: isolated, sandboxed renderer with only the preload's bridge, shown once it has painted,
 * reopened where the user left it.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const workAreas = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((display) => display.workArea);
  const placement = placeWindow(readWindowState(options.configDir), workAreas);
  const window = new BrowserWindow({
    ...placement.bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'Reelsmith',
    backgroundColor: BACKGROUND,
    show: false,
    webPreferences: {
      preload: options.preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });

  window.once('ready-to-show', () => {
    if (placement.maximized) window.maximize();
    window.show();
  });
  window.on('close', () => {
    try {
      const { x, y, width, height } = window.getNormalBounds();
      writeWindowState(options.configDir, {
        bounds: { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) },
        maximized: window.isMaximized(),
      });
    } catch (error) {
      options.log(`could not remember the window placement: ${String(error)}`);
    }
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    options.log(`the window's renderer stopped (${details.reason}, exit code ${details.exitCode})`);
  });

  const load =
    options.origin.devServerUrl !== null
      ? window.loadURL(options.origin.devServerUrl)
      : window.loadFile(options.origin.rendererFile);
  load.catch((error: unknown) => options.log(`could not load the renderer: ${String(error)}`));
  return window;
}
