import { describe, expect, it } from 'vitest';
import type { ProviderName } from './execution-providers';
import { HostService, MAX_QUEUED_RUNS } from './host-service';
import type { OrtRuntime, OrtSession, RuntimeLoad } from './ort-runtime';
import type { HostReply, HostRequest } from './protocol';
import type { TensorMap } from './tensor';

/** A runtime without onnxruntime: sessions echo their input, and a run can be held until the test lets it finish. */
function fakeRuntime(options: { failing?: ProviderName[] } = {}) {
  const opened: ProviderName[] = [];
  const held: (() => void)[] = [];
  let holdRuns = false;
  const runtime: OrtRuntime = {
    version: 'test',
    backends: [{ name: 'cpu', bundled: true }, { name: 'webgpu', bundled: true }, { name: 'cuda', bundled: false }],
    bindingDir: '/nowhere',
    async open(_file, provider) {
      if (options.failing?.includes(provider)) throw new Error(`No ${provider} adapter`);
      opened.push(provider);
      const session: OrtSession = {
        inputs: [{ name: 'x', dtype: 'float32', shape: ['n'] }],
        outputs: [{ name: 'x', dtype: 'float32', shape: ['n'] }],
        run: async (feeds: TensorMap) => {
          if (holdRuns) await new Promise<void>((resolve) => held.push(resolve));
          return feeds;
        },
        release: async () => undefined,
      };
      return session;
    },
  };
  return {
    runtime,
    opened,
    hold: () => (holdRuns = true),
    releaseOne: () => held.shift()?.(),
  };
}

function service(load: RuntimeLoad, platform: NodeJS.Platform = 'linux') {
  const replies: HostReply[] = [];
  const host = new HostService({ runtime: Promise.resolve(load), platform, cudaMissing: async () => 'no CUDA here', gpuMissing: () => null, send: (r) => replies.push(r), pid: 1 });
  const replyTo = async (id: number) => {
    await expect.poll(() => replies.some((r) => r.id === id)).toBe(true);
    return replies.find((r) => r.id === id)!;
  };
  return { host, replies, replyTo };
}

const settings = { forceCpu: false, intraOpThreads: 1 };
const model = { id: 'echo', file: '/models/echo.onnx' };
const feeds = { x: { type: 'float32' as const, data: new Float32Array([1, 2]), dims: [2] } };
const run = (id: number): HostRequest => ({ kind: 'run', id, model, settings, feeds });

describe('HostService', () => {
  it('opens a session on the first provider that works and reports it with every run', async () => {
    const fake = fakeRuntime({ failing: ['webgpu'] });
    const { host, replyTo } = service({ ok: true, runtime: fake.runtime });
    host.receive({ kind: 'load', id: 1, model, settings });
    expect(await replyTo(1)).toMatchObject({
      kind: 'loaded',
      session: {
        provider: 'cpu',
        attempts: [
          { provider: 'cuda', outcome: 'skipped', reason: 'no CUDA here' },
          { provider: 'webgpu', outcome: 'failed', reason: 'No webgpu adapter' },
          { provider: 'cpu', outcome: 'ok' },
        ],
      },
    });
    host.receive(run(2));
    expect(await replyTo(2)).toMatchObject({ kind: 'ran', provider: 'cpu', outputs: { x: { data: new Float32Array([1, 2]) } } });
    expect(fake.opened).toEqual(['cpu']);
  });

  it('does not try again, for the next model, a provider that already failed here', async () => {
    const fake = fakeRuntime({ failing: ['webgpu'] });
    const { host, replyTo } = service({ ok: true, runtime: fake.runtime });
    host.receive({ kind: 'load', id: 1, model, settings });
    await replyTo(1);
    host.receive({ kind: 'load', id: 2, model: { id: 'other', file: '/models/other.onnx' }, settings });
    expect(await replyTo(2)).toMatchObject({
      session: { attempts: [{ provider: 'cuda' }, { provider: 'webgpu', outcome: 'skipped', reason: expect.stringMatching(/failed earlier.*No webgpu adapter/) }, { provider: 'cpu' }] },
    });
  });

  it('opens the session again on the CPU when the CPU is forced', async () => {
    const fake = fakeRuntime();
    const { host, replyTo } = service({ ok: true, runtime: fake.runtime });
    host.receive(run(1));
    expect(await replyTo(1)).toMatchObject({ provider: 'webgpu' });
    host.receive({ kind: 'run', id: 2, model, settings: { ...settings, forceCpu: true }, feeds });
    expect(await replyTo(2)).toMatchObject({ provider: 'cpu' });
  });

  it('drops a cancelled queued run and discards the result of a cancelled running one', async () => {
    const fake = fakeRuntime();
    fake.hold();
    const { host, replies, replyTo } = service({ ok: true, runtime: fake.runtime });
    host.receive(run(1));
    host.receive(run(2));
    host.receive(run(3));
    await expect.poll(() => fake.opened.length).toBe(1);
    host.receive({ kind: 'cancel', id: 4, target: 2 });
    expect(await replyTo(2)).toEqual({ kind: 'failed', id: 2, code: 'cancelled', message: 'Cancelled.' });
    host.receive({ kind: 'cancel', id: 5, target: 1 });
    await expect.poll(() => { fake.releaseOne(); return replies.some((r) => r.id === 1); }).toBe(true);
    expect(await replyTo(1)).toMatchObject({ kind: 'failed', code: 'cancelled' });
    await expect.poll(() => { fake.releaseOne(); return replies.some((r) => r.id === 3); }).toBe(true);
    expect(await replyTo(3)).toMatchObject({ kind: 'ran' });
  });

  it('answers busy when too many runs wait for one model', async () => {
    const fake = fakeRuntime();
    fake.hold();
    const { host, replyTo } = service({ ok: true, runtime: fake.runtime });
    for (let id = 1; id <= MAX_QUEUED_RUNS + 2; id += 1) host.receive(run(id));
    expect(await replyTo(MAX_QUEUED_RUNS + 2)).toMatchObject({ kind: 'failed', code: 'busy' });
  });

  it('refuses malformed messages, answering those that carry an id', async () => {
    const { host, replies, replyTo } = service({ ok: true, runtime: fakeRuntime().runtime });
    host.receive({ kind: 'run', id: 7, model, settings, feeds: { x: { type: 'float32', data: [1, 2], dims: [2] } } });
    expect(await replyTo(7)).toMatchObject({ kind: 'failed', code: 'invalid-request', message: expect.stringMatching(/malformed/) });
    host.receive({ kind: 'explode' });
    host.receive('not even an object');
    host.receive(null);
    expect(replies).toHaveLength(1);
  });

  it('answers every request with the reason when onnxruntime could not load', async () => {
    const message = 'Local AI is not available on Intel Macs in this version.';
    const { host, replyTo } = service({ ok: false, message }, 'darwin');
    host.receive(run(1));
    expect(await replyTo(1)).toEqual({ kind: 'failed', id: 1, code: 'unavailable', message });
    host.receive({ kind: 'describe', id: 2 });
    expect(await replyTo(2)).toMatchObject({ kind: 'described', runtime: { available: false, message } });
  });
});
