/**
 * Test support: a ModelRunner that runs the bundled models with onnxruntime-node in this process (CPU), and the
 * bundled manifest read from resources/models. The app runs models in the inference host process instead.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { ModelManifestSchema, type ModelEntry, type ModelManifest, type ModelTask } from '../../../../shared/models/manifest';
import { toTensorData } from '../ort-runtime';
import { resolveFeeds } from '../framed-file-feed';
import type { FeedMap, ModelRunner, TensorMap } from '../tensor';

export const BUNDLED_MODELS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../resources/models');

export function readBundledManifest(): ModelManifest {
  return ModelManifestSchema.parse(JSON.parse(readFileSync(path.join(BUNDLED_MODELS_DIR, 'models.json'), 'utf8')));
}

/** The bundled model `id`, which must be a model for `task`. */
export function bundledModel<T extends ModelTask>(id: string, task: T): Extract<ModelEntry, { task: T }> {
  const entry = readBundledManifest().models.find((model) => model.id === id);
  if (!entry || entry.task !== task) throw new Error(`no bundled ${task} model ${id}`);
  return entry as Extract<ModelEntry, { task: T }>;
}

// require, not import(): onnxruntime-node is CommonJS and its namespace object differs between Node, tsx and vitest.
const ort = createRequire(import.meta.url)('onnxruntime-node') as typeof import('onnxruntime-node');

export class OnnxDirectRunner implements ModelRunner {
  private readonly sessions = new Map<string, Promise<InferenceSession>>();

  constructor(
    private readonly manifest: ModelManifest,
    private readonly modelsDir: string = BUNDLED_MODELS_DIR,
  ) {}

  async run(modelId: string, feeds: FeedMap, signal?: AbortSignal): Promise<TensorMap> {
    signal?.throwIfAborted();
    const session = await this.session(modelId);
    const ortFeeds: Record<string, Tensor> = {};
    for (const [name, tensor] of Object.entries(resolveFeeds(feeds))) ortFeeds[name] = new ort.Tensor(tensor.type, tensor.data, tensor.dims);
    const results = await session.run(ortFeeds);
    const outputs: TensorMap = {};
    for (const [name, tensor] of Object.entries(results)) outputs[name] = toTensorData(name, tensor);
    return outputs;
  }

  async release(): Promise<void> {
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(sessions.map(async (session) => (await session).release()));
  }

  private session(modelId: string): Promise<InferenceSession> {
    let session = this.sessions.get(modelId);
    if (!session) {
      const entry = this.manifest.models.find((model) => model.id === modelId);
      if (!entry) throw new Error(`unknown model ${modelId}`);
      session = ort.InferenceSession.create(path.join(this.modelsDir, entry.file), { executionProviders: ['cpu'] });
      this.sessions.set(modelId, session);
    }
    return session;
  }
}
