import fs from 'node:fs/promises';
import path from 'node:path';
import type { UserModelManifest } from '../../../shared/models/local-ai';
import { ModelEntrySchema, type ModelEntry, type TensorSpec } from '../../../shared/models/manifest';
import { hashFile } from './hash-cache';
import { USER_MANIFEST } from './model-registry';
import type { SessionValue } from './protocol';

/**
 * Brings a user's own .onnx into their data folder: the manifest they wrote is checked against what onnxruntime
 * reads from the file (input and output names, element types), then the file is copied beside a model.json holding
 * its size and sha256. Nothing is left in the folder when a step fails.
 */

export class ModelImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelImportError';
  }
}

export interface ModelImportRequest {
  source: string;
  manifest: UserModelManifest;
  userDir: string;
  /** Ids of every model already known; an import never replaces one. */
  takenIds: ReadonlySet<string>;
  /** Opens the file with onnxruntime (in the inference host) and reports its real inputs and outputs. */
  inspect: (file: string) => Promise<{ inputs: SessionValue[]; outputs: SessionValue[] }>;
}

export async function importUserModel(request: ModelImportRequest): Promise<ModelEntry> {
  const { source, manifest, userDir } = request;
  if (path.extname(source).toLowerCase() !== '.onnx') throw new ModelImportError(`${path.basename(source)} is not an .onnx file.`);
  const stat = await fs.stat(source).catch(() => null);
  if (!stat?.isFile()) throw new ModelImportError(`${source} does not exist or is not a file.`);
  if (request.takenIds.has(manifest.id)) throw new ModelImportError(`A model with the id ${manifest.id} exists already; choose another id.`);

  let real;
  try {
    real = await request.inspect(source);
  } catch (error) {
    throw new ModelImportError(`onnxruntime cannot open ${path.basename(source)}: ${(error as Error).message}`);
  }
  checkValues('inputs', manifest.inputs, real.inputs);
  checkValues('outputs', manifest.outputs, real.outputs);

  const file = `${manifest.id}.onnx`;
  const entry = ModelEntrySchema.parse({ ...manifest, file, bytes: stat.size, sha256: await hashFile(source) });
  const folder = path.join(userDir, manifest.id);
  const staging = path.join(userDir, `.${manifest.id}.importing`);
  try {
    await fs.rm(staging, { recursive: true, force: true });
    await fs.mkdir(staging, { recursive: true });
    await fs.copyFile(source, path.join(staging, file));
    await fs.writeFile(path.join(staging, USER_MANIFEST), `${JSON.stringify(entry, null, 2)}\n`);
    // The folder appears whole or not at all: the registry never sees a model.json without its model.
    await fs.rename(staging, folder);
  } catch (error) {
    await fs.rm(staging, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
  return entry;
}

function checkValues(kind: 'inputs' | 'outputs', declared: readonly TensorSpec[], real: readonly SessionValue[]): void {
  const names = (values: readonly { name: string }[]) => values.map((v) => v.name).sort().join(', ');
  if (names(declared) !== names(real)) {
    throw new ModelImportError(`The model’s ${kind} are ${names(real) || 'none'}, but the manifest names ${names(declared) || 'none'}.`);
  }
  for (const spec of declared) {
    const actual = real.find((v) => v.name === spec.name);
    if (actual?.dtype && actual.dtype !== spec.dtype) {
      throw new ModelImportError(`The model’s ${kind.slice(0, -1)} ${spec.name} is ${actual.dtype}, but the manifest says ${spec.dtype}.`);
    }
  }
}
