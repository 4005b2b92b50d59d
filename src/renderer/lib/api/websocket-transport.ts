import { CLOSE_UNAUTHORIZED, type CallResult } from '../../../shared/wire';
import { backoffDelay, RECONNECT_BACKOFF, type BackoffSchedule } from './backoff';
import { ConnectionError, UNAUTHORIZED_MESSAGE } from './connection-error';
import { Listeners } from './listeners';
import { PendingCalls } from './pending-calls';
import { parseServerMessage } from './server-message';
import type { ConnectionStatus, Transport, WireEvent } from './transport';

export interface SocketHandlers {
  open(): void;
  message(data: unknown): void;
  close(code: number, reason: string): void;
}

export interface SocketHandle {
  send(text: string): void;
  close(code?: number, reason?: string): void;
}

/** Opens a socket and reports its life to `handlers`. The default is the browser's WebSocket. */
export type SocketFactory = (url: string, handlers: SocketHandlers) => SocketHandle;

export interface WebSocketTransportOptions {
  url: string;
  createSocket?: SocketFactory;
  backoff?: BackoffSchedule;
  random?: () => number;
}

/**
 * The web shell: one WebSocket at /api. Calls made before the first connection wait for it; when the socket drops,
 * the calls in flight fail with a ConnectionError (whether they ran is unknown) and the transport reconnects with
 * backoff until it succeeds, or stops for good when the shell refuses the token (close code 4401).
 */
export function createWebSocketTransport(options: WebSocketTransportOptions): Transport {
  return new WebSocketTransport(options);
}

class WebSocketTransport implements Transport {
  readonly kind = 'websocket' as const;
  private current: ConnectionStatus = { state: 'connecting' };
  private socket: SocketHandle | null = null;
  private everConnected = false;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;
  /** Calls made before the first connection, in order. */
  private queued: { id: number; method: string; text: string }[] = [];
  private readonly pending = new PendingCalls();
  private readonly events = new Listeners<[WireEvent]>();
  private readonly statuses = new Listeners<[ConnectionStatus, ConnectionStatus]>();
  private readonly createSocket: SocketFactory;

  constructor(private readonly options: WebSocketTransportOptions) {
    this.createSocket = options.createSocket ?? browserSocket;
    this.connect();
  }

  get status(): ConnectionStatus {
    return this.current;
  }

  call(method: string, params: unknown): Promise<CallResult> {
    const refusal = this.refusal();
    if (refusal) return Promise.reject(refusal);
    const { id, result } = this.pending.start(method);
    const text = JSON.stringify({ type: 'call', id, method, params });
    if (this.current.state === 'connected' && this.socket) {
      try {
        this.socket.send(text);
      } catch {
        this.pending.fail(id, droppedError(method));
      }
    } else {
      this.queued.push({ id, method, text });
    }
    return result;
  }

  onEvent(listener: (event: WireEvent) => void): () => void {
    return this.events.add(listener);
  }

  onStatus(listener: (status: ConnectionStatus, previous: ConnectionStatus) => void): () => void {
    return this.statuses.add(listener);
  }

  onShellCommand(): () => void {
    return () => undefined;
  }

  retryNow(): void {
    if (this.disposed || this.retryTimer === null) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.connect();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'Window closed');
    this.queued = [];
    this.pending.failAll(() => new ConnectionError('closed', 'This window closed its connection to Reelsmith.'));
  }

  private refusal(): ConnectionError | null {
    if (this.disposed) return new ConnectionError('closed', 'This window closed its connection to Reelsmith.');
    if (this.current.state === 'unauthorized') return new ConnectionError('unauthorized', UNAUTHORIZED_MESSAGE);
    if (this.current.state === 'reconnecting') {
      return new ConnectionError(
        'reconnecting',
        'Reelsmith lost its connection to the web shell and is reconnecting. Try again in a moment.',
      );
    }
    return null;
  }

  private connect(): void {
    this.retryTimer = null;
    let socket: SocketHandle | null = null;
    const handlers: SocketHandlers = {
      open: () => {
        if (this.socket === socket) this.opened();
      },
      message: (data) => {
        if (this.socket === socket) this.received(data);
      },
      close: (code) => {
        if (this.socket === socket) this.closed(code);
      },
    };
    try {
      socket = this.createSocket(this.options.url, handlers);
      this.socket = socket;
    } catch {
      this.socket = null;
      this.closed(1006);
    }
  }

  private opened(): void {
    this.attempt = 0;
    this.everConnected = true;
    this.setStatus({ state: 'connected' });
    const queued = this.queued;
    this.queued = [];
    for (const { id, method, text } of queued) {
      try {
        this.socket?.send(text);
      } catch {
        this.pending.fail(id, droppedError(method));
      }
    }
  }

  private received(data: unknown): void {
    if (typeof data !== 'string') return;
    const message = parseServerMessage(data);
    if (message === null) return;
    if (message.type === 'event') {
      this.events.emit({ event: message.event, payload: message.payload });
    } else if (message.ok) {
      this.pending.settle(message.id, { ok: true, value: message.value });
    } else {
      this.pending.settle(message.id, { ok: false, error: message.error });
    }
  }

  private closed(code: number): void {
    this.socket = null;
    if (this.disposed) return;
    if (code === CLOSE_UNAUTHORIZED) {
      this.queued = [];
      this.pending.failAll(() => new ConnectionError('unauthorized', UNAUTHORIZED_MESSAGE));
      this.setStatus({ state: 'unauthorized' });
      return;
    }
    // Before the first connection nothing was sent: queued calls keep waiting for the server to come up.
    if (this.everConnected) this.pending.failAll(droppedError);
    const retryInMs = backoffDelay(this.attempt, this.options.backoff ?? RECONNECT_BACKOFF, this.options.random);
    this.attempt += 1;
    this.setStatus(
      this.everConnected ? { state: 'reconnecting', attempt: this.attempt, retryInMs } : { state: 'connecting' },
    );
    this.retryTimer = setTimeout(() => this.connect(), retryInMs);
  }

  private setStatus(status: ConnectionStatus): void {
    const previous = this.current;
    this.current = status;
    this.statuses.emit(status, previous);
  }
}

function droppedError(method: string): ConnectionError {
  return new ConnectionError(
    'dropped',
    `The connection to the web shell dropped before Reelsmith answered (${method}), so that step may or may not have happened. Reconnecting…`,
  );
}

const browserSocket: SocketFactory = (url, handlers) => {
  const ws = new WebSocket(url);
  ws.onopen = () => handlers.open();
  ws.onmessage = (event) => handlers.message(event.data);
  ws.onclose = (event) => handlers.close(event.code, event.reason);
  return {
    send: (text) => ws.send(text),
    close: (code, reason) => ws.close(code, reason),
  };
};
