import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLOSE_UNAUTHORIZED } from '../../../shared/wire';
import { ConnectionError, UNAUTHORIZED_MESSAGE } from './connection-error';
import type { ConnectionStatus } from './transport';
import { createWebSocketTransport, type SocketHandlers } from './websocket-transport';

/** A stand-in for the web shell: records every socket the transport opens and lets the test drive it. */
function fakeServer() {
  const sockets: { url: string; handlers: SocketHandlers; sent: unknown[]; closed: boolean }[] = [];
  return {
    sockets,
    latest() {
      const socket = sockets.at(-1);
      if (!socket) throw new Error('no socket opened');
      return socket;
    },
    createSocket: (url: string, handlers: SocketHandlers) => {
      const socket = { url, handlers, sent: [] as unknown[], closed: false };
      sockets.push(socket);
      return {
        send: (text: string) => socket.sent.push(JSON.parse(text)),
        close: () => {
          socket.closed = true;
        },
      };
    },
  };
}

function start() {
  const server = fakeServer();
  const transport = createWebSocketTransport({
    url: 'ws://127.0.0.1:5199/api?token=t',
    createSocket: server.createSocket,
    random: () => 0,
  });
  const statuses: ConnectionStatus['state'][] = [];
  transport.onStatus((status) => statuses.push(status.state));
  return { server, transport, statuses };
}

function reply(handlers: SocketHandlers, message: unknown) {
  handlers.message(JSON.stringify(message));
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('WebSocket transport', () => {
  it('holds calls made before the first connection and sends them once it opens', async () => {
    const { server, transport } = start();
    const result = transport.call('app.info', undefined);
    const socket = server.latest();
    expect(socket.url).toBe('ws://127.0.0.1:5199/api?token=t');
    expect(socket.sent).toEqual([]);

    socket.handlers.open();
    expect(socket.sent).toEqual([{ type: 'call', id: 1, method: 'app.info' }]);
    reply(socket.handlers, { type: 'result', id: 1, ok: true, value: { name: 'Reelsmith' } });
    await expect(result).resolves.toEqual({ ok: true, value: { name: 'Reelsmith' } });
  });

  it('matches results to calls by id, whatever order they come back in', async () => {
    const { server, transport } = start();
    server.latest().handlers.open();
    const first = transport.call('project.save', undefined);
    const second = transport.call('project.rename', { name: 'B' });
    const { handlers } = server.latest();
    reply(handlers, {
      type: 'result',
      id: 2,
      ok: false,
      error: { code: 'NO_PROJECT_OPEN', message: 'No project is open.' },
    });
    reply(handlers, { type: 'result', id: 1, ok: true, value: null });
    await expect(first).resolves.toEqual({ ok: true, value: null });
    await expect(second).resolves.toEqual({
      ok: false,
      error: { code: 'NO_PROJECT_OPEN', message: 'No project is open.' },
    });
  });

  it('passes events on and ignores messages that are not part of the protocol', () => {
    const { server, transport } = start();
    const events: unknown[] = [];
    transport.onEvent((event) => events.push(event));
    const { handlers } = server.latest();
    handlers.open();
    handlers.message('not json');
    handlers.message(new ArrayBuffer(4));
    reply(handlers, { type: 'mystery' });
    reply(handlers, { type: 'result', id: 99, ok: true, value: 1 });
    reply(handlers, { type: 'event', event: 'project.changed', payload: { state: null } });
    expect(events).toEqual([{ event: 'project.changed', payload: { state: null } }]);
  });

  it('fails calls in flight when the socket drops, then reconnects with backoff', async () => {
    const { server, transport, statuses } = start();
    server.latest().handlers.open();
    const inFlight = transport.call('project.save', undefined);
    server.latest().handlers.close(1006, '');

    await expect(inFlight).rejects.toBeInstanceOf(ConnectionError);
    await expect(inFlight).rejects.toThrow(/dropped before Reelsmith answered \(project\.save\)/);
    expect(transport.status).toEqual({ state: 'reconnecting', attempt: 1, retryInMs: 250 });

    await expect(transport.call('project.undo', undefined)).rejects.toThrow(/reconnecting/);

    vi.advanceTimersByTime(249);
    expect(server.sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(server.sockets).toHaveLength(2);

    server.latest().handlers.close(1006, '');
    expect(transport.status).toEqual({ state: 'reconnecting', attempt: 2, retryInMs: 500 });
    vi.advanceTimersByTime(500);
    server.latest().handlers.open();
    expect(statuses).toEqual(['connected', 'reconnecting', 'reconnecting', 'connected']);

    const after = transport.call('project.current', undefined);
    reply(server.latest().handlers, { type: 'result', id: 2, ok: true, value: null });
    await expect(after).resolves.toEqual({ ok: true, value: null });
  });

  it('keeps waiting, without failing calls, while the web shell is not up yet', async () => {
    const { server, transport } = start();
    const call = transport.call('app.info', undefined);
    server.latest().handlers.close(1006, '');
    expect(transport.status).toEqual({ state: 'connecting' });
    vi.advanceTimersByTime(250);
    server.latest().handlers.open();
    expect(server.latest().sent).toEqual([{ type: 'call', id: 1, method: 'app.info' }]);
    reply(server.latest().handlers, { type: 'result', id: 1, ok: true, value: 'info' });
    await expect(call).resolves.toEqual({ ok: true, value: 'info' });
  });

  it('stops for good and says what to do when the web shell refuses the token', async () => {
    const { server, transport } = start();
    const waiting = transport.call('app.info', undefined);
    server.latest().handlers.close(CLOSE_UNAUTHORIZED, 'Unauthorized');
    expect(transport.status).toEqual({ state: 'unauthorized' });
    await expect(waiting).rejects.toThrow(UNAUTHORIZED_MESSAGE);
    await expect(transport.call('app.info', undefined)).rejects.toThrow(UNAUTHORIZED_MESSAGE);
    vi.advanceTimersByTime(60_000);
    expect(server.sockets).toHaveLength(1);
  });

  it('can skip the rest of a reconnect wait', () => {
    const { server, transport } = start();
    server.latest().handlers.open();
    server.latest().handlers.close(1001, 'restarting');
    transport.retryNow();
    expect(server.sockets).toHaveLength(2);
    vi.advanceTimersByTime(10_000);
    expect(server.sockets).toHaveLength(2);
  });

  it('ignores a socket it has already given up on', () => {
    const { server, transport } = start();
    const stale = server.latest();
    stale.handlers.close(1006, '');
    vi.advanceTimersByTime(250);
    stale.handlers.open();
    expect(transport.status).toEqual({ state: 'connecting' });
  });

  it('closes the socket and fails waiting calls when disposed', async () => {
    const { server, transport } = start();
    const waiting = transport.call('app.info', undefined);
    transport.dispose();
    expect(server.latest().closed).toBe(true);
    await expect(waiting).rejects.toThrow(/closed its connection/);
  });
});
