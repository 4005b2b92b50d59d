import type { ApiEvent } from './api';
import type { CallResult } from './wire';

/** Commands the Electron menu asks the renderer to carry out, because they need the renderer's own UI. */
export const SHELL_COMMANDS = ['project.new', 'project.open', 'project.close'] as const;
export type ShellCommand = (typeof SHELL_COMMANDS)[number];

/**
 * What the Electron preload exposes on `window.reelsmith`: the typed API and nothing else. The renderer uses it
 * when present and falls back to the web shell's WebSocket otherwise.
 */
export interface ReelsmithBridge {
  call(method: string, params: unknown): Promise<CallResult>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
  onShellCommand(listener: (command: ShellCommand) => void): () => void;
}

/**
 * The three IPC channels between the preload and the Electron main process. Both sides import these names; nothing
 * else crosses the process boundary.
 */
export const IPC_CHANNELS = {
  /** renderer → main, `ipcRenderer.invoke(call, method, params)`, answered with a CallResult. */
  call: 'reelsmith:call',
  /** main → renderer, one ApiEvent per message. */
  event: 'reelsmith:event',
  /** main → renderer, one ShellCommand per message (menu actions that need the renderer's UI). */
  command: 'reelsmith:command',
} as const;
