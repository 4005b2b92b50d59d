import { z } from 'zod';
import type { TensorDtype } from '../../../shared/models/manifest';
import { joinArrays } from '../../../shared/typed-arrays';
import type { TensorData, TensorDataByType, TensorMap } from './tensor';

/**
 * Several steps of a recurrent model in one request. Each step runs on its slice of the sliced inputs (their leading
 * axis is the step) and takes as `input` what the previous step gave as `output` for every carried pair; the step
 * outputs come back stacked along a new leading axis, the carried ones as the last step left them. The host answers
 * once for all the steps, so a voice analysis sends a few hundred messages instead of thousands (each costs about as
 * much as a step of a small batch).
 */

export const StepPlanSchema = z
  .object({
    count: z.number().int().min(1).max(4096),
    sliced: z.array(z.string().min(1).max(200)).min(1).max(16),
    carry: z.array(z.object({ output: z.string().min(1).max(200), input: z.string().min(1).max(200) }).strict()).max(8),
  })
  .strict();
export type StepPlan = z.infer<typeof StepPlanSchema>;

export async function runSteps(run: (feeds: TensorMap) => Promise<TensorMap>, feeds: TensorMap, plan: StepPlan): Promise<TensorMap> {
  for (const name of plan.sliced) {
    const tensor = feeds[name];
    if (!tensor) throw new Error(`the stepped input ${name} is missing`);
    if (tensor.dims[0] !== plan.count) throw new Error(`the stepped input ${name} must have ${plan.count} steps on its first axis, not ${tensor.dims[0] ?? 0}`);
  }
  const carried = new Set(plan.carry.map((pair) => pair.output));
  const stepFeeds: TensorMap = { ...feeds };
  const perStep = new Map<string, TensorData[]>();
  let last: TensorMap = {};
  for (let step = 0; step < plan.count; step++) {
    for (const name of plan.sliced) stepFeeds[name] = sliceStep(feeds[name]!, step, plan.count);
    last = await run(stepFeeds);
    for (const { output, input } of plan.carry) {
      const value = last[output];
      if (!value) throw new Error(`the model gave no ${output} to carry into ${input}`);
      stepFeeds[input] = value;
    }
    for (const [name, value] of Object.entries(last)) {
      if (carried.has(name)) continue;
      const list = perStep.get(name) ?? [];
      list.push(value);
      perStep.set(name, list);
    }
  }
  const outputs: TensorMap = {};
  for (const [name, values] of perStep) outputs[name] = stack(values);
  for (const name of carried) outputs[name] = last[name]!;
  return outputs;
}

/** Step `step` of a tensor whose first axis holds `count` steps (a copy: onnxruntime takes whole buffers best). */
function sliceStep(tensor: TensorData, step: number, count: number): TensorData {
  const size = tensor.data.length / count;
  const dims = tensor.dims.slice(1);
  const [from, to] = [step * size, (step + 1) * size];
  switch (tensor.type) {
    case 'float32':
      return { type: 'float32', data: tensor.data.slice(from, to), dims };
    case 'int64':
      return { type: 'int64', data: tensor.data.slice(from, to), dims };
    case 'int32':
      return { type: 'int32', data: tensor.data.slice(from, to), dims };
    case 'uint8':
      return { type: 'uint8', data: tensor.data.slice(from, to), dims };
  }
}

/** Same-shaped tensors one after another along a new first axis. */
function stack(values: readonly TensorData[]): TensorData {
  const first = values[0]!;
  const dims = [values.length, ...first.dims];
  const dataOf = <K extends TensorDtype>(type: K): TensorDataByType[K][] =>
    values.map((value) => {
      if (value.type !== type || value.data.length !== first.data.length) throw new Error('a stepped output changed its type or shape between steps');
      return value.data as TensorDataByType[K];
    });
  switch (first.type) {
    case 'float32':
      return { type: 'float32', data: joinArrays(dataOf('float32'), (length) => new Float32Array(length)), dims };
    case 'int64':
      return { type: 'int64', data: joinArrays(dataOf('int64'), (length) => new BigInt64Array(length)), dims };
    case 'int32':
      return { type: 'int32', data: joinArrays(dataOf('int32'), (length) => new Int32Array(length)), dims };
    case 'uint8':
      return { type: 'uint8', data: joinArrays(dataOf('uint8'), (length) => new Uint8Array(length)), dims };
  }
}
