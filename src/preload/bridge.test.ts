import { describe, expect, it, vi } from 'vitest';
import { createBridge, type BridgeIpc } from './bridge';
import { IPC_CHANNELS } from '../shared/bridge';

type Listener = (event: unknown, ...args: unknown[]) => void;

type Answer = (channel: string, ...args: unknown[]) => Promise<unknown>;

function fakeIpc(answer: Answer = async () => ({ ok: true, value: null })) {
  const listeners = new Map<string, Set<Listener>>();
  const ipc: BridgeIpc & { emit(channel: string, value: unknown): void; count(channel: string): number } = {
    invoke: vi.fn(answer),
    on(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
    },
    emit(channel, value) {
      for (const listener of listeners.get(channel) ?? []) listener({ sender: 'ipcRenderer itself' }, value);
    },
    count: (channel) => listeners.get(channel)?.size ?? 0,
  };
  return ipc;
}

describe('the preload bridge', () => {
  it('sends calls over the call channel and returns the engine result', async () => {
    const ipc = fakeIpc(async () => ({ ok: true, value: { name: 'Reelsmith' } }));
    const bridge = createBridge(ipc);
    await expect(bridge.call('app.info', undefined)).resolves.toEqual({ ok: true, value: { name: 'Reelsmith' } });
    expect(ipc.invoke).toHaveBeenCalledWith(IPC_CHANNELS.call, 'app.info', undefined);
  });

  it('turns a failed send into a typed error instead of a rejection', async () => {
    const bridge = createBridge(fakeIpc(async () => {
      throw new Error('An object could not be cloned.');
    }));
    const result = await bridge.call('project.rename', { name: () => 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_PARAMS' } });
  });

  it('refuses a method that is not a string without sending it', async () => {
    const ipc = fakeIpc();
    const result = await createBridge(ipc).call(42 as unknown as string, undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('reports a malformed answer as an internal error', async () => {
    const result = await createBridge(fakeIpc(async () => 'surprise')).call('app.info', undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('hands listeners the event alone, never the IPC event object', () => {
    const ipc = fakeIpc();
    const seen: unknown[][] = [];
    createBridge(ipc).onEvent((...args) => seen.push(args));
    const event = { event: 'recent.changed', payload: { recent: [] } };
    ipc.emit(IPC_CHANNELS.event, event);
    expect(seen).toEqual([[event]]);
  });

  it('drops events and commands that are not well formed', () => {
    const ipc = fakeIpc();
    const bridge = createBridge(ipc);
    const events: unknown[] = [];
    const commands: unknown[] = [];
    bridge.onEvent((event) => events.push(event));
    bridge.onShellCommand((command) => commands.push(command));
    for (const junk of [null, 'project.changed', { event: 3 }, 42]) ipc.emit(IPC_CHANNELS.event, junk);
    for (const junk of ['project.delete', null, { command: 'project.new' }]) ipc.emit(IPC_CHANNELS.command, junk);
    ipc.emit(IPC_CHANNELS.command, 'project.new');
    expect(events).toEqual([]);
    expect(commands).toEqual(['project.new']);
  });

  it('stops listening when unsubscribed, once', () => {
    const ipc = fakeIpc();
    const bridge = createBridge(ipc);
    const listener = vi.fn();
    const unsubscribe = bridge.onShellCommand(listener);
    expect(ipc.count(IPC_CHANNELS.command)).toBe(1);
    unsubscribe();
    unsubscribe();
    ipc.emit(IPC_CHANNELS.command, 'project.open');
    expect(listener).not.toHaveBeenCalled();
    expect(ipc.count(IPC_CHANNELS.command)).toBe(0);
  });
});
