import type { ApiEvent } from './api';
import type { CallResult } from './wire';

/** Commands the Electron menu asks the renderer to carry out, because they need the renderer's own UI. */
export const SHELL_COMMANDS = ['project.new', 'project.open', 'project.close', 'assets.import'] as const;
export type ShellCommand = (typeof SHELL_COMMANDS)[number];

/**
 * What the Electron preload exposes on `window.reelsmith`: the typed API and nothing else. The renderer uses it
 * when present and falls back to the web shell's WebSocket otherwise.
 */
export interface ReelsmithBridge {
  call(method: string, params: unknown): Promise<CallResult>;
  /**
   * Imports files and folders dropped on the window into the open project; answers like `assets.import`. The page
   * hands over the `File` objects, never paths: the preload finds their paths, so the page cannot name a file.
   */
  importDropped(files: File[]): Promise<CallResult>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
  onShellCommand(listener: (command: ShellCommand) => void): () => void;
}

/**
 * The IPC channels between the preload and the Electron main process. Both sides import these names; nothing else
 * crosses the process boundary.
 */
export const IPC_CHANNELS = {
  /** renderer → main, `ipcRenderer.invoke(call, method, params)`, answered with a CallResult. */
  call: 'reelsmith:call',
  /**
   * renderer → main, `ipcRenderer.invoke(importDropped, paths)`, answered with the CallResult of `assets.import`.
   * The one way a path reaches main from the window: the preload reads it from a dropped File.
   */
  importDropped: 'reelsmith:import-dropped',
  /** main → renderer, one ApiEvent per message. */
  event: 'reelsmith:event',
  /** main → renderer, one ShellCommand per message (menu actions that need the renderer's UI). */
  command: 'reelsmith:command',
} as const;
