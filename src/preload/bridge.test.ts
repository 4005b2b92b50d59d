import { describe, expect, it, vi } from 'vitest';
import { createBridge as createBridgeWith, type BridgeIpc, type PathForFile } from './bridge';
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

/** Like webUtils.getPathForFile: Files named "from-disk/…" have a path, others were made in script. */
const pathForFile: PathForFile = (file) => {
  if (!(file instanceof File)) throw new TypeError('Not a File');
  return file.name.startsWith('from-disk/') ? `/home/ana/${file.name.slice('from-disk/'.length)}` : '';
};

const createBridge = (ipc: BridgeIpc) => createBridgeWith(ipc, pathForFile);

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

  describe('importDropped', () => {
    const dropped = (name: string) => new File(['x'], name);

    it('sends the paths of files on disk over the import channel, never the call channel', async () => {
      const report = { results: [], imported: 2, duplicates: 0, rejected: 0 };
      const ipc = fakeIpc(async () => ({ ok: true, value: report }));
      const files = [dropped('from-disk/trip.mp4'), dropped('from-disk/day 2')];
      const result = await createBridge(ipc).importDropped(files);
      expect(result).toEqual({ ok: true, value: report });
      expect(ipc.invoke).toHaveBeenCalledTimes(1);
      expect(ipc.invoke).toHaveBeenCalledWith(IPC_CHANNELS.importDropped, ['/home/ana/trip.mp4', '/home/ana/day 2']);
    });

    it('leaves out Files made in script and things that are not Files', async () => {
      const ipc = fakeIpc();
      const junk = [dropped('made-here.txt'), '/etc/passwd', { name: 'from-disk/fake' }, null, dropped('from-disk/a.mov')];
      await createBridge(ipc).importDropped(junk as unknown as File[]);
      expect(ipc.invoke).toHaveBeenCalledWith(IPC_CHANNELS.importDropped, ['/home/ana/a.mov']);
    });

    it('sends nothing when no dropped item is on disk', async () => {
      const ipc = fakeIpc();
      const bridge = createBridge(ipc);
      for (const files of [[], [dropped('made-here.txt')], ['/etc/passwd'], '/etc/passwd', null]) {
        const result = await bridge.importDropped(files as unknown as File[]);
        expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_PARAMS' } });
      }
      expect(ipc.invoke).not.toHaveBeenCalled();
    });

    it('turns a failed send or a malformed answer into a typed error', async () => {
      const failing = createBridge(fakeIpc(async () => {
        throw new Error('main went away');
      }));
      await expect(failing.importDropped([dropped('from-disk/a.mov')])).resolves.toMatchObject({
        ok: false,
        error: { code: 'INTERNAL' },
      });
      const malformed = createBridge(fakeIpc(async () => 'surprise'));
      await expect(malformed.importDropped([dropped('from-disk/a.mov')])).resolves.toMatchObject({
        ok: false,
        error: { code: 'INTERNAL' },
      });
    });
  });
});
