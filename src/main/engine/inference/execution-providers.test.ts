import { describe, expect, it } from 'vitest';
import { NoProviderWorked, openWithFallback, providerPlan, threadCounts } from './execution-providers';

describe('providerPlan', () => {
  it('orders the GPU providers of each platform before the CPU', () => {
    const order = (platform: NodeJS.Platform) => providerPlan({ platform, forceCpu: false, cudaMissing: null, gpuMissing: null }).map((c) => c.provider);
    expect(order('win32')).toEqual(['dml', 'webgpu', 'cpu']);
    expect(order('darwin')).toEqual(['coreml', 'webgpu', 'cpu']);
    expect(order('linux')).toEqual(['cuda', 'webgpu', 'cpu']);
    expect(order('freebsd')).toEqual(['cpu']);
  });

  it('skips CUDA with the reason when its libraries are missing', () => {
    const plan = providerPlan({ platform: 'linux', forceCpu: false, cudaMissing: 'CUDA 12 is not installed.', gpuMissing: null });
    expect(plan[0]).toEqual({ provider: 'cuda', skipReason: 'CUDA 12 is not installed.' });
    expect(plan[1]).toEqual({ provider: 'webgpu', skipReason: null });
  });

  it('skips every GPU provider on a Linux machine with no GPU device, with the reason', () => {
    const plan = providerPlan({ platform: 'linux', forceCpu: false, cudaMissing: null, gpuMissing: 'No GPU was found.' });
    expect(plan).toEqual([
      { provider: 'cuda', skipReason: 'No GPU was found.' },
      { provider: 'webgpu', skipReason: 'No GPU was found.' },
      { provider: 'cpu', skipReason: null },
    ]);
  });

  it('skips every GPU provider when the CPU is forced', () => {
    const plan = providerPlan({ platform: 'win32', forceCpu: true, cudaMissing: null, gpuMissing: null });
    expect(plan.filter((c) => c.skipReason === null).map((c) => c.provider)).toEqual(['cpu']);
  });
});

describe('openWithFallback', () => {
  it('falls through an unusable provider to the next and records each attempt', async () => {
    let clock = 0;
    const opened = await openWithFallback(
      providerPlan({ platform: 'win32', forceCpu: false, cudaMissing: null, gpuMissing: null }),
      async (provider) => {
        clock += 5;
        if (provider !== 'cpu') {
          throw new Error(
            `/onnxruntime_src/onnxruntime/core/providers/${provider}/context.cc:136 Init() adapter != nullptr was false. No ${provider} adapter\nstack`,
          );
        }
        return `session on ${provider}`;
      },
      () => clock,
    );
    expect(opened.session).toBe('session on cpu');
    expect(opened.provider).toBe('cpu');
    expect(opened.attempts).toEqual([
      { provider: 'dml', outcome: 'failed', reason: 'No dml adapter', ms: 5 },
      { provider: 'webgpu', outcome: 'failed', reason: 'No webgpu adapter', ms: 5 },
      { provider: 'cpu', outcome: 'ok', reason: null, ms: 5 },
    ]);
  });

  it('stops at the first provider that works', async () => {
    const opened = await openWithFallback(providerPlan({ platform: 'darwin', forceCpu: false, cudaMissing: null, gpuMissing: null }), async (p) => p);
    expect(opened.provider).toBe('coreml');
    expect(opened.attempts).toHaveLength(1);
  });

  it('reports every attempt when even the CPU fails', async () => {
    const failing = openWithFallback(providerPlan({ platform: 'linux', forceCpu: false, cudaMissing: 'no CUDA', gpuMissing: null }), async () => {
      throw new Error('Protobuf parsing failed.');
    });
    await expect(failing).rejects.toBeInstanceOf(NoProviderWorked);
    await expect(failing).rejects.toMatchObject({
      message: 'The model could not be opened on any device: Protobuf parsing failed.',
      attempts: [
        { provider: 'cuda', outcome: 'skipped', reason: 'no CUDA' },
        { provider: 'webgpu', outcome: 'failed' },
        { provider: 'cpu', outcome: 'failed' },
      ],
    });
  });
});

describe('threadCounts', () => {
  it('leaves one core to the main process and never goes below one thread', () => {
    expect(threadCounts(8)).toEqual({ intraOp: 7, interOp: 1 });
    expect(threadCounts(2)).toEqual({ intraOp: 1, interOp: 1 });
    expect(threadCounts(1)).toEqual({ intraOp: 1, interOp: 1 });
  });
});
