#!/usr/bin/env node
/**
 * Writes resources/models/models.json from the model descriptions below and the files beside it: bytes and sha256
 * are computed, never typed, so the manifest always matches the committed files. Each description's input and output
 * names and element types are checked against the model itself with onnxruntime-node, so a manifest that would make
 * a wrong call is never written. The zod schema (src/shared/models/manifest.ts) is checked by the unit tests.
 *
 * Usage: node scripts/models/build-manifest.mjs [modelsDir]
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATIVE_MODELS } from '../generative/manifest-entries.mjs';
import { modelPackageDir } from './model-packages.mjs';

const require = createRequire(import.meta.url);
const ort = require('onnxruntime-node');

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const modelsDir = resolve(process.argv[2] ?? join(repoRoot, 'resources/models'));

function packageVersion(pkg) {
  return JSON.parse(readFileSync(join(modelPackageDir(pkg), 'package.json'), 'utf8')).version;
}

const sileroVad = {
  id: 'silero-vad-v5',
  name: 'Silero VAD v5',
  task: 'audio-frame-classifier',
  file: 'silero-vad-v5.onnx',
  license: 'MIT',
  source:
    `Silero VAD v5 (github.com/snakers4/silero-vad, MIT), file dist/silero_vad_v5.onnx of npm ` +
    `@ricky0123/vad-web@${packageVersion('@ricky0123/vad-web')}, weights unchanged, rewritten by scripts/models/extract-silero-vad.mjs ` +
    `to run a sequence of frames per call (same outputs to 1e-6, about twice as fast on onnxruntime's CPU)`,
  sampleRate: 16000,
  frameSamples: 512,
  contextSamples: 64,
  // The same weights run at 8 kHz on frames half as long (same 32 ms), for about half the compute.
  otherRates: [{ sampleRate: 8000, frameSamples: 256, contextSamples: 32 }],
  inputs: [
    // [rows, steps, window]: each frame is the 64 samples before it followed by its own 512.
    { name: 'input', dtype: 'float32', shape: [1, 1, 576], range: [-1, 1] },
    { name: 'state', dtype: 'float32', shape: [2, 1, 128] },
    { name: 'sr', dtype: 'int64', shape: [] },
  ],
  outputs: [
    // [rows, steps]: each frame's speech probability; stateN is the state after each row's last step.
    { name: 'output', dtype: 'float32', shape: [1, 1], range: [0, 1] },
    { name: 'stateN', dtype: 'float32', shape: [2, 1, 128] },
  ],
};

/** The RDN upscalers converted by convert-rdn.mjs; the package's own patch size is 128, so tiles are too. */
function rdn(size, scale) {
  const pkg = `@upscalerjs/esrgan-${size}`;
  return {
    id: `rdn-${size}-x${scale}`,
    name: `RDN ${size} ×${scale} super-resolution`,
    task: 'image-to-image',
    file: `rdn-${size}-x${scale}.onnx`,
    license: 'MIT',
    source:
      `UpscalerJS ESRGAN ${size} x${scale} (RDN, DIV2K; github.com/thekevinscott/UpscalerJS, MIT), files ` +
      `models/x${scale}/model.json + group1-shard1of1.bin of npm ${pkg}@${packageVersion(pkg)}, ` +
      `converted by scripts/models/convert-rdn.mjs`,
    layout: 'nhwc',
    scale,
    tileSize: 128,
    tileOverlap: 16,
    inputs: [{ name: 'image', dtype: 'float32', shape: ['batch', 'height', 'width', 3], range: [0, 255] }],
    outputs: [
      { name: 'upscaled', dtype: 'float32', shape: ['batch', 'upscaled_height', 'upscaled_width', 3], range: [0, 255] },
    ],
  };
}

// The emoji GAN and VAE trained by scripts/generative (their ONNX files are the artefacts; no training here).
const MODELS = [sileroVad, rdn('slim', 2), rdn('slim', 4), rdn('medium', 2), rdn('medium', 4), ...GENERATIVE_MODELS];

async function checkTensorNames(entry) {
  const session = await ort.InferenceSession.create(join(modelsDir, entry.file));
  try {
    for (const [declared, actual] of [
      [entry.inputs, session.inputMetadata],
      [entry.outputs, session.outputMetadata],
    ]) {
      const describe = (specs) => specs.map((spec) => `${spec.name}:${spec.dtype ?? spec.type}`).join(', ');
      if (describe(declared) !== describe(actual)) {
        throw new Error(`${entry.file}: manifest says ${describe(declared)}, the model has ${describe(actual)}`);
      }
    }
  } finally {
    await session.release();
  }
}

const models = [];
for (const entry of MODELS) {
  await checkTensorNames(entry);
  const bytes = readFileSync(join(modelsDir, entry.file));
  const { id, name, task, file, license, source, inputs, outputs, ...taskFields } = entry;
  models.push({
    id,
    name,
    task,
    file,
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    license,
    source,
    inputs,
    outputs,
    ...taskFields,
  });
}
writeFileSync(join(modelsDir, 'models.json'), `${JSON.stringify({ version: 1, models }, null, 2)}\n`);
console.log(`models.json: ${models.length} models`);
