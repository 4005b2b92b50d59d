import { describe, expect, it } from 'vitest';
import { InferenceClient, HostRequestError, HostStoppedError, type HostProcess } from './host-client';
import { HostReplySchema, HostRequestSchema, requestIdOf, type HostRequest } from './protocol';

const settings = { forceCpu: false, intraOpThreads: 2 };
const model = { id: 'm', file: '/m.onnx' };

describe('the host protocol', () => {
  it('accepts typed-array tensors whose length matches their dimensions', () => {
    const feeds = {
      image: { type: 'uint8', data: new Uint8Array(12), dims: [1, 2, 2, 3] },
      sr: { type: 'int64', data: new BigInt64Array([16000n]), dims: [] },
    };
    expect(HostRequestSchema.safeParse({ kind: 'run', id: 1, model, settings, feeds }).success).toBe(true);
  });

  it('rejects tensors sent as JSON arrays, of the wrong length or of a mismatched type', () => {
    const bad = [
      { x: { type: 'float32', data: [1, 2], dims: [2] } },
      { x: { type: 'float32', data: new Float32Array(3), dims: [2] } },
      { x: { type: 'int64', data: new Float32Array(2), dims: [2] } },
      { x: { type: 'float16', data: new Uint16Array(2), dims: [2] } },
    ];
    for (const feeds of bad) expect(HostRequestSchema.safeParse({ kind: 'run', id: 1, model, settings, feeds }).success).toBe(false);
  });

  it('accepts a framed-file feed, and refuses one with a bad shape or more than 2^28 samples', () => {
    const frames = { type: 'float32-frames-file', file: '/tmp/samples.f32', rowStarts: [-32, 224], steps: 64, hop: 256, window: 288 };
    const request = (input: unknown) => HostRequestSchema.safeParse({ kind: 'run', id: 1, model, settings, feeds: { input } });
    expect(request(frames).success).toBe(true);
    expect(request({ ...frames, steps: 0 }).success).toBe(false);
    expect(request({ ...frames, rowStarts: [] }).success).toBe(false);
    expect(request({ ...frames, rowStarts: [0.5] }).success).toBe(false);
    expect(request({ ...frames, rowStarts: Array(4096).fill(0), steps: 4096, window: 4096 }).success).toBe(false);
    expect(request({ ...frames, extra: true }).success).toBe(false);
  });

  it('rejects unknown kinds, missing fields and extra fields', () => {
    expect(HostRequestSchema.safeParse({ kind: 'format-disk', id: 1 }).success).toBe(false);
    expect(HostRequestSchema.safeParse({ kind: 'load', id: 1, model }).success).toBe(false);
    expect(HostRequestSchema.safeParse({ kind: 'describe', id: 1, extra: true }).success).toBe(false);
    expect(HostRequestSchema.safeParse({ kind: 'describe', id: -1 }).success).toBe(false);
    expect(HostReplySchema.safeParse({ kind: 'ran', id: 1, outputs: {}, provider: 'tpu', runMs: 1 }).success).toBe(false);
  });

  it('finds the id of a malformed message so it can still be answered', () => {
    expect(requestIdOf({ kind: 'nonsense', id: 4 })).toBe(4);
    expect(requestIdOf({ id: 'four' })).toBeNull();
    expect(requestIdOf(null)).toBeNull();
  });
});

/** A host process that the test speaks for. */
function fakeHost() {
  const sent: HostRequest[] = [];
  let deliver: (message: unknown) => void = () => undefined;
  let exit: (how: string) => void = () => undefined;
  const host: HostProcess = {
    send: (request) => sent.push(request),
    onMessage: (listener) => (deliver = listener),
    onExit: (listener) => (exit = listener),
    kill: () => exit('killed by SIGTERM'),
  };
  return { host, sent, deliver: (m: unknown) => deliver(m), exit: (how: string) => exit(how) };
}

describe('InferenceClient', () => {
  const make = (launch: () => HostProcess) =>
    new InferenceClient({ launch, resolveModel: (id) => ({ id, file: `/${id}.onnx` }), settings: () => settings });

  it('fails a request answered with a reply it cannot read', async () => {
    const fake = fakeHost();
    const pending = make(() => fake.host).describe();
    await Promise.resolve();
    fake.deliver({ kind: 'described', id: fake.sent[0]!.id, runtime: 'everything is fine' });
    await expect(pending).rejects.toBeInstanceOf(HostRequestError);
  });

  it('fails every request in flight when the host exits, and starts another for the next request', async () => {
    const hosts = [fakeHost(), fakeHost()];
    let starts = 0;
    const client = make(() => hosts[starts++]!.host);
    const first = client.describe();
    const second = client.load('m');
    await Promise.resolve();
    hosts[0]!.exit('exit code 134: Segmentation fault');
    await expect(first).rejects.toBeInstanceOf(HostStoppedError);
    await expect(second).rejects.toThrow('The AI engine stopped unexpectedly (exit code 134: Segmentation fault).');
    const third = client.describe();
    await Promise.resolve();
    expect(hosts[1]!.sent).toHaveLength(1);
    hosts[1]!.deliver({ kind: 'failed', id: hosts[1]!.sent[0]!.id, code: 'unavailable', message: 'No AI here.' });
    await expect(third).rejects.toMatchObject({ code: 'unavailable', message: 'No AI here.' });
  });
});
