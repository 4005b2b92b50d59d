import fs from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { encodeOnnxModel, probeGraph } from '../../src/main/engine/inference/onnx-graph';
import type { UserModelManifest } from '../../src/shared/models/local-ai';
import type { ModelEntry } from '../../src/shared/models/manifest';

/** Tiny ONNX models for the inference tests, written by hand (see onnx-graph.ts), no download. */

/** `y = x * 2 + 1` over float32[n]. */
export const affineModel = probeGraph;

/** The manifest a user would write to import `affineModel` as their own. */
export const affineUserManifest: UserModelManifest = {
  id: 'my-affine',
  name: 'My affine model',
  task: 'image-to-image',
  layout: 'nhwc',
  scale: 1,
  tileSize: 16,
  tileOverlap: 0,
  license: 'CC0-1.0',
  source: 'Made for a test',
  inputs: [{ name: 'x', dtype: 'float32', shape: ['n'] }],
  outputs: [{ name: 'y', dtype: 'float32', shape: ['n'] }],
};

/** `y = x` over uint8[n]. */
export function identityModel(): Uint8Array {
  return encodeOnnxModel({
    inputs: [{ name: 'input', dtype: 'uint8', shape: ['n'] }],
    outputs: [{ name: 'output', dtype: 'uint8', shape: ['n'] }],
    nodes: [{ op: 'Identity', inputs: ['input'], outputs: ['output'] }],
  });
}

/**
 * A model that takes a while: `m` multiplied by itself `steps` times (float32[size, size]). About a second at the
 * defaults on one core, so a test can act while it runs.
 */
export function slowModel(steps = 60): Uint8Array {
  const nodes = Array.from({ length: steps }, (_, i) => ({
    op: 'MatMul',
    inputs: [i === 0 ? 'm' : `p${i}`, 'm'],
    outputs: [i === steps - 1 ? 'product' : `p${i + 1}`],
  }));
  return encodeOnnxModel({
    inputs: [{ name: 'm', dtype: 'float32', shape: ['size', 'size'] }],
    outputs: [{ name: 'product', dtype: 'float32', shape: ['size', 'size'] }],
    nodes,
  });
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Writes a model into `folder` and returns a manifest entry that matches it byte for byte. */
export async function writeTestModel(folder: string, id: string, bytes: Uint8Array): Promise<ModelEntry> {
  await fs.mkdir(folder, { recursive: true });
  const file = `${id}.onnx`;
  await fs.writeFile(path.join(folder, file), bytes);
  return {
    id,
    name: `Test model ${id}`,
    task: 'image-to-image',
    layout: 'nhwc',
    scale: 1,
    tileSize: 16,
    tileOverlap: 0,
    file,
    bytes: bytes.length,
    sha256: sha256(bytes),
    license: 'MIT',
    source: 'Written by test/inference/test-models.ts',
    inputs: [{ name: 'x', dtype: 'float32', shape: ['n'] }],
    outputs: [{ name: 'y', dtype: 'float32', shape: ['n'] }],
  };
}
