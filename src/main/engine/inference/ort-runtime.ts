import path from 'node:path';
import { createRequire } from 'node:module';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { TENSOR_DTYPES, type TensorDtype } from '../../../shared/models/manifest';
import type { ProviderName } from './execution-providers';
import type { SessionSettings, SessionValue } from './protocol';
import type { TensorData, TensorMap } from './tensor';

/**
 * onnxruntime-node behind a small interface, loaded only inside the inference host. Loading can fail (no binary for
 * this platform, a damaged install): that is an answer, not a crash, and every AI feature is then turned off.
 */

export interface OrtSession {
  readonly inputs: SessionValue[];
  readonly outputs: SessionValue[];
  run(feeds: TensorMap): Promise<TensorMap>;
  release(): Promise<void>;
}

export interface OrtRuntime {
  readonly version: string;
  readonly backends: { name: string; bundled: boolean }[];
  /** Where onnxruntime_binding.node and its provider libraries are. */
  readonly bindingDir: string;
  open(file: string, provider: ProviderName, settings: SessionSettings): Promise<OrtSession>;
}

export type RuntimeLoad = { ok: true; runtime: OrtRuntime } | { ok: false; message: string };

/** The sentence shown wherever local AI would be, when onnxruntime cannot load. */
export function unavailableMessage(platform: string, arch: string, error: unknown): string {
  if (platform === 'darwin' && arch === 'x64') {
    return 'Local AI is not available on Intel Macs in this version: onnxruntime-node 1.30 ships no macOS x64 binary. AI features are turned off; everything else works.';
  }
  const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return `Local AI is not available: ONNX Runtime could not be loaded on ${platform} ${arch} (${detail}). AI features are turned off; everything else works.`;
}

export async function loadOrtRuntime(platform = process.platform, arch = process.arch): Promise<RuntimeLoad> {
  // Asking for a binary that is known not to exist would only produce a less helpful error.
  if (platform === 'darwin' && arch === 'x64') return { ok: false, message: unavailableMessage(platform, arch, null) };
  try {
    // require, not import(): the package is CommonJS, and its namespace object differs between Node, tsx and bundles.
    const require = createRequire(import.meta.url);
    const ort = require('onnxruntime-node') as typeof import('onnxruntime-node');
    // Warnings (e.g. nodes placed on the CPU by a GPU provider) are expected and would fill the host's stderr.
    ort.env.logLevel = 'error';
    const entry = require.resolve('onnxruntime-node');
    const bindingDir = path.join(path.dirname(entry), '..', 'bin', 'napi-v6', platform, arch);
    return {
      ok: true,
      runtime: {
        version: ort.env.versions.node ?? ort.env.versions.common,
        backends: ort.listSupportedBackends().map(({ name, bundled }) => ({ name, bundled })),
        bindingDir,
        open: async (file, provider, settings) =>
          wrapSession(
            await ort.InferenceSession.create(file, {
              executionProviders: [provider],
              intraOpNumThreads: settings.intraOpThreads,
              interOpNumThreads: 1,
              executionMode: 'sequential',
              graphOptimizationLevel: 'all',
            }),
            (type, data, dims) => new ort.Tensor(type, data, dims),
          ),
      },
    };
  } catch (error) {
    return { ok: false, message: unavailableMessage(platform, arch, error) };
  }
}

type MakeTensor = (type: TensorDtype, data: TensorData['data'], dims: readonly number[]) => Tensor;

function wrapSession(session: InferenceSession, makeTensor: MakeTensor): OrtSession {
  return {
    inputs: session.inputMetadata.map(describeValue),
    outputs: session.outputMetadata.map(describeValue),
    async run(feeds) {
      const ortFeeds: Record<string, Tensor> = {};
      for (const [name, tensor] of Object.entries(feeds)) ortFeeds[name] = makeTensor(tensor.type, tensor.data, tensor.dims);
      const results = await session.run(ortFeeds);
      const outputs: TensorMap = {};
      for (const [name, tensor] of Object.entries(results)) outputs[name] = toTensorData(name, tensor);
      return outputs;
    },
    release: () => session.release(),
  };
}

function describeValue(value: InferenceSession.ValueMetadata): SessionValue {
  return value.isTensor ? { name: value.name, dtype: value.type, shape: [...value.shape] } : { name: value.name, dtype: null, shape: null };
}

function isTensorDtype(type: string): type is TensorDtype {
  return (TENSOR_DTYPES as readonly string[]).includes(type);
}

/** An onnxruntime output as the plain typed array the rest of the engine (and the host's messages) use. */
export function toTensorData(name: string, tensor: Tensor): TensorData {
  const dims = [...tensor.dims];
  if (!isTensorDtype(tensor.type)) throw new Error(`The model’s output ${name} is ${tensor.type}, which Reelsmith cannot read.`);
  switch (tensor.type) {
    case 'float32':
      return { type: 'float32', data: tensor.data as Float32Array, dims };
    case 'int64':
      return { type: 'int64', data: tensor.data as BigInt64Array, dims };
    case 'int32':
      return { type: 'int32', data: tensor.data as Int32Array, dims };
    case 'uint8':
      return { type: 'uint8', data: tensor.data as Uint8Array, dims };
  }
}
