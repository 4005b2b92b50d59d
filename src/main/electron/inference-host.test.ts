import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';

/** A stand-in for Electron's utilityProcess (the Electron binary is not needed to check the wiring). */
class FakeUtilityProcess extends EventEmitter {
  readonly stderr = new PassThrough();
  readonly posted: unknown[] = [];
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  kill() {
    this.emit('exit', 15);
    return true;
  }
}
const forked: { file: string; options: unknown; child: FakeUtilityProcess }[] = [];
vi.mock('electron', () => ({
  utilityProcess: {
    fork: (file: string, _args: string[], options: unknown) => {
      const child = new FakeUtilityProcess();
      forked.push({ file, options, child });
      return child;
    },
  },
}));

const { utilityHostLauncher } = await import('./inference-host');

describe('utilityHostLauncher', () => {
  it('forks the built host as a utility process and passes messages both ways', () => {
    const host = utilityHostLauncher('/app/out/main/inference-host.js')();
    const received: unknown[] = [];
    host.onMessage((m) => received.push(m));
    host.send({ kind: 'describe', id: 1 });
    const { file, options, child } = forked[0]!;
    expect(file).toBe('/app/out/main/inference-host.js');
    expect(options).toMatchObject({ serviceName: 'Reelsmith AI' });
    expect(child.posted).toEqual([{ kind: 'describe', id: 1 }]);
    child.emit('message', { kind: 'disposed', id: 1 });
    expect(received).toEqual([{ kind: 'disposed', id: 1 }]);
  });

  it('tells how the host ended, with its last line of stderr', async () => {
    const host = utilityHostLauncher('/host.js')();
    const child = forked.at(-1)!.child;
    const ended = new Promise<string>((resolve) => host.onExit(resolve));
    child.stderr.write('loading\nfatal: out of memory\n');
    await new Promise((resolve) => setImmediate(resolve));
    child.emit('exit', 134);
    expect(await ended).toBe('exit code 134: fatal: out of memory');
  });
});
