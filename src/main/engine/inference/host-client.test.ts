import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { affineModel, slowModel } from '../../../../test/inference/test-models';
import { HostStoppedError, InferenceClient, InferenceCancelledError, type HostProcess, type LaunchHost } from './host-client';
import { forkHostLauncher } from './host-entry';
import type { TensorMap } from './tensor';

/** These tests start the real host (host-main.ts through tsx) with real onnxruntime on the CPU. */

let folder: string;
const clients: InferenceClient[] = [];

beforeAll(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-host-'));
  await fs.writeFile(path.join(folder, 'affine.onnx'), affineModel());
  // About a second of work on one core: long enough to act while it runs.
  await fs.writeFile(path.join(folder, 'slow.onnx'), slowModel(60));
  return () => fs.rm(folder, { recursive: true, force: true });
});
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

/** Remembers the processes it started, so a test can kill one. */
function trackedLauncher(): { launch: LaunchHost; started: HostProcess[] } {
  const launch = forkHostLauncher();
  const started: HostProcess[] = [];
  return {
    started,
    launch: () => {
      const host = launch();
      started.push(host);
      return host;
    },
  };
}

function client(launch: LaunchHost = forkHostLauncher()) {
  const created = new InferenceClient({
    launch,
    resolveModel: (id) => ({ id, file: path.join(folder, `${id}.onnx`) }),
    settings: () => ({ forceCpu: true, intraOpThreads: 1 }),
  });
  clients.push(created);
  return created;
}

const affineInput: TensorMap = { x: { type: 'float32', data: new Float32Array([0, 1, 2.5]), dims: [3] } };
const slowInput = (): TensorMap => ({ m: { type: 'float32', data: new Float32Array(1024 * 1024).fill(1e-3), dims: [1024, 1024] } });

describe('InferenceClient with the real host', () => {
  it('runs a model in the host and says which provider ran it', async () => {
    const result = await client().runWithDetails('affine', affineInput);
    expect(result.provider).toBe('cpu');
    expect(result.outputs.y).toEqual({ type: 'float32', data: new Float32Array([1, 3, 6]), dims: [3] });
  });

  it('fails a request clearly when the host dies under it, then starts a new host for the next one', async () => {
    const { launch, started } = trackedLauncher();
    const runner = client(launch);
    await runner.load('slow');
    const running = runner.run('slow', slowInput());
    // Let the request reach the host before killing it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    started[0]!.kill();
    await expect(running).rejects.toBeInstanceOf(HostStoppedError);
    await expect(running).rejects.toThrow(/^The AI engine stopped unexpectedly \(killed by SIGTERM\)\. It starts again on the next request/);
    const after = await runner.runWithDetails('affine', affineInput);
    expect(after.outputs.y?.data).toEqual(new Float32Array([1, 3, 6]));
    expect(runner.starts).toBe(2);
  });

  it('cancels a running request at once and a queued one before it runs; the host keeps working', async () => {
    const runner = client();
    await runner.load('slow');
    const runningAbort = new AbortController();
    const queuedAbort = new AbortController();
    const running = runner.run('slow', slowInput(), runningAbort.signal);
    const queued = runner.run('slow', slowInput(), queuedAbort.signal);
    const after = runner.run('affine', affineInput);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const cancelledAt = performance.now();
    runningAbort.abort();
    queuedAbort.abort();
    await expect(running).rejects.toBeInstanceOf(InferenceCancelledError);
    await expect(queued).rejects.toBeInstanceOf(InferenceCancelledError);
    expect(performance.now() - cancelledAt).toBeLessThan(50);
    // The abandoned run finishes in the host and its result is dropped; the queued one never runs.
    expect((await after).y?.data).toEqual(new Float32Array([1, 3, 6]));
    expect(runner.starts).toBe(1);
  });

  it('refuses a request whose signal is already aborted without starting a host', async () => {
    const runner = client();
    await expect(runner.run('affine', affineInput, AbortSignal.abort())).rejects.toBeInstanceOf(InferenceCancelledError);
    expect(runner.starts).toBe(0);
  });

  it('reports a model that cannot be opened, with every provider tried', async () => {
    await fs.writeFile(path.join(folder, 'broken.onnx'), 'not a model');
    await expect(client().load('broken')).rejects.toMatchObject({
      code: 'load-failed',
      message: expect.stringMatching(/^broken: The model could not be opened on any device/),
    });
  });
});
