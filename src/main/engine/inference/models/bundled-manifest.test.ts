import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelManifestSchema } from '../../../../shared/models/manifest';
import { BUNDLED_MODELS_DIR } from './onnx-direct-runner';

const ort = createRequire(import.meta.url)('onnxruntime-node') as typeof import('onnxruntime-node');
const raw: unknown = JSON.parse(readFileSync(path.join(BUNDLED_MODELS_DIR, 'models.json'), 'utf8'));

describe('resources/models/models.json', () => {
  const manifest = ModelManifestSchema.parse(raw);
  const byId = manifest.models.map((model) => [model.id, model] as const);

  it('parses with the manifest schema and lists every bundled .onnx file', () => {
    const files = readdirSync(BUNDLED_MODELS_DIR).filter((name) => name.endsWith('.onnx'));
    expect(manifest.models.map((model) => model.file).sort()).toEqual(files.sort());
  });

  it.each(byId)('%s: bytes and sha256 match the file', (_id, model) => {
    const bytes = readFileSync(path.join(BUNDLED_MODELS_DIR, model.file));
    expect(bytes.length).toBe(model.bytes);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(model.sha256);
  });

  it.each(byId)('%s: input and output names and types are the model’s', async (_id, model) => {
    const session = await ort.InferenceSession.create(path.join(BUNDLED_MODELS_DIR, model.file));
    try {
      const signature = (values: readonly { name: string; dtype?: string; type?: string }[]): string[] =>
        values.map((v) => `${v.name}:${v.dtype ?? v.type}`);
      const tensors = (values: readonly import('onnxruntime-node').InferenceSession.ValueMetadata[]) =>
        values.map((v) => (v.isTensor ? { name: v.name, type: v.type } : { name: v.name }));
      expect(signature(tensors(session.inputMetadata))).toEqual(signature(model.inputs));
      expect(signature(tensors(session.outputMetadata))).toEqual(signature(model.outputs));
    } finally {
      await session.release();
    }
  });

  it('names a licence, a source and a licence text for every model', () => {
    const licences = readFileSync(path.join(BUNDLED_MODELS_DIR, 'LICENSES.md'), 'utf8');
    for (const model of manifest.models) {
      expect(['MIT', 'Apache-2.0']).toContain(model.license);
      expect(model.source).toMatch(/npm .+@\d+\.\d+\.\d+/);
      expect(licences).toContain(model.file);
    }
  });
});
