import type { ShellCommand } from '../../../shared/bridge';
import type { CallResult } from '../../../shared/wire';

/** How the renderer reaches the engine: Electron IPC through the preload bridge, or the web shell's WebSocket. */
export type TransportKind = 'ipc' | 'websocket';

export type ConnectionStatus =
  | { state: 'ipc' }
  /** Before the first connection of this page. Calls made now wait for it. */
  | { state: 'connecting' }
  | { state: 'connected' }
  /** After a drop. Calls made now fail at once instead of running later against a changed app. */
  | { state: 'reconnecting'; attempt: number; retryInMs: number }
  /** The web shell refused the token (it restarted with a new one). No more attempts are made. */
  | { state: 'unauthorized' };

export interface WireEvent {
  event: string;
  payload: unknown;
}

export interface Transport {
  readonly kind: TransportKind;
  readonly status: ConnectionStatus;
  call(method: string, params: unknown): Promise<CallResult>;
  onEvent(listener: (event: WireEvent) => void): () => void;
  onStatus(listener: (status: ConnectionStatus, previous: ConnectionStatus) => void): () => void;
  /** Commands from the native menu; only the Electron shell sends them. */
  onShellCommand(listener: (command: ShellCommand) => void): () => void;
  /** Skip the rest of a reconnect wait. */
  retryNow(): void;
  dispose(): void;
}
