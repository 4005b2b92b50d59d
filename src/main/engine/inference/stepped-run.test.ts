import { describe, expect, it } from 'vitest';
import { runSteps, StepPlanSchema } from './stepped-run';
import type { TensorMap } from './tensor';

/** A running sum as a one-layer "recurrent model": total' = total + x, and it reports total' × gain. */
async function runningSum(feeds: TensorMap): Promise<TensorMap> {
  const x = feeds.x!;
  const total = feeds.total!;
  const gain = feeds.gain!;
  if (x.type !== 'float32' || total.type !== 'float32' || gain.type !== 'float32') throw new Error('float32 only');
  const next = x.data.map((value, i) => value + total.data[i]!);
  return {
    scaled: { type: 'float32', data: next.map((value) => value * gain.data[0]!), dims: x.dims },
    totalOut: { type: 'float32', data: next, dims: x.dims },
  };
}

describe('runSteps', () => {
  it('runs each step on its slice, carries the state, and stacks the step outputs', async () => {
    const feeds: TensorMap = {
      x: { type: 'float32', data: Float32Array.of(1, 10, 2, 20, 3, 30), dims: [3, 2] },
      total: { type: 'float32', data: Float32Array.of(100, 200), dims: [2] },
      gain: { type: 'float32', data: Float32Array.of(2), dims: [1] },
    };
    const outputs = await runSteps(runningSum, feeds, { count: 3, sliced: ['x'], carry: [{ output: 'totalOut', input: 'total' }] });
    expect(outputs.scaled).toEqual({ type: 'float32', data: Float32Array.of(202, 420, 206, 460, 212, 520), dims: [3, 2] });
    expect(outputs.totalOut).toEqual({ type: 'float32', data: Float32Array.of(106, 260), dims: [2] });
  });

  it('gives what the same steps run one by one give', async () => {
    const x = Float32Array.from({ length: 8 }, (_, i) => i * 0.5);
    let total: TensorMap['total'] = { type: 'float32', data: Float32Array.of(0, 0), dims: [2] };
    const gain: TensorMap['gain'] = { type: 'float32', data: Float32Array.of(3), dims: [1] };
    const oneByOne: number[] = [];
    for (let step = 0; step < 4; step++) {
      const out = await runningSum({ x: { type: 'float32', data: x.slice(step * 2, step * 2 + 2), dims: [2] }, total, gain });
      oneByOne.push(...(out.scaled!.data as Float32Array));
      total = out.totalOut!;
    }
    const stepped = await runSteps(runningSum, { x: { type: 'float32', data: x, dims: [4, 2] }, total: { type: 'float32', data: Float32Array.of(0, 0), dims: [2] }, gain }, {
      count: 4,
      sliced: ['x'],
      carry: [{ output: 'totalOut', input: 'total' }],
    });
    expect([...(stepped.scaled!.data as Float32Array)]).toEqual(oneByOne);
    expect(stepped.totalOut!.data).toEqual(total.data);
  });

  it('refuses a stepped input without that many steps, or a carry the model does not give', async () => {
    const feeds: TensorMap = {
      x: { type: 'float32', data: Float32Array.of(1, 2), dims: [2, 1] },
      total: { type: 'float32', data: Float32Array.of(0), dims: [1] },
      gain: { type: 'float32', data: Float32Array.of(1), dims: [1] },
    };
    await expect(runSteps(runningSum, feeds, { count: 3, sliced: ['x'], carry: [] })).rejects.toThrow(/3 steps on its first axis, not 2/);
    await expect(runSteps(runningSum, feeds, { count: 2, sliced: ['y'], carry: [] })).rejects.toThrow(/stepped input y is missing/);
    await expect(runSteps(runningSum, feeds, { count: 2, sliced: ['x'], carry: [{ output: 'state', input: 'total' }] })).rejects.toThrow(/no state to carry/);
    expect(StepPlanSchema.safeParse({ count: 0, sliced: ['x'], carry: [] }).success).toBe(false);
  });
});
