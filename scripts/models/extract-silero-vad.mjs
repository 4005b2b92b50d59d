#!/usr/bin/env node
/**
 * Takes Silero VAD v5 (MIT, snakers4/silero-vad) out of the npm package @ricky0123/vad-web, which redistributes the
 * upstream ONNX file unchanged, and writes it to resources/models/silero-vad-v5.onnx rewritten to run a sequence of
 * frames per call (silero-sequence.py: same weights, about twice as fast on onnxruntime's CPU). The rewrite is then
 * checked against the upstream file run frame by frame, at both rates, and the script fails if they disagree. The
 * source's sha256 is pinned so that a new package version with different weights is noticed here, not in a test.
 *
 * Needs Debian's python3-onnx (PYTHON overrides /usr/bin/python3).
 * Usage: node scripts/models/extract-silero-vad.mjs [outputDir]
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ort from 'onnxruntime-node';
import { modelPackageDir } from './model-packages.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outputDir = resolve(process.argv[2] ?? join(repoRoot, 'resources/models'));

const SOURCE = join(modelPackageDir('@ricky0123/vad-web'), 'dist/silero_vad_v5.onnx');
const SHA256 = '2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f';
const TARGET = 'silero-vad-v5.onnx';
/** Largest difference in speech probability allowed between the rewrite and upstream (float rounding only). */
const TOLERANCE = 1e-4;

const actual = createHash('sha256').update(readFileSync(SOURCE)).digest('hex');
if (actual !== SHA256) {
  throw new Error(`${SOURCE} has sha256 ${actual}, expected ${SHA256}: check the package version before updating`);
}
mkdirSync(outputDir, { recursive: true });
const python = process.env.PYTHON ?? '/usr/bin/python3';
execFileSync(python, [join(repoRoot, 'scripts/models/silero-sequence.py'), SOURCE, join(outputDir, TARGET)], { stdio: 'inherit' });
for (const rate of [{ sampleRate: 8000, window: 288 }, { sampleRate: 16000, window: 576 }]) {
  const { difference, low, high } = await compareWithUpstream(join(outputDir, TARGET), rate);
  if (!(difference <= TOLERANCE)) throw new Error(`${TARGET} differs from upstream by ${difference} at ${rate.sampleRate} Hz`);
  // A check on outputs that never move would prove nothing.
  if (high - low < 0.5) throw new Error(`the check's signal moved upstream's output only from ${low} to ${high}; make it speech-like again`);
  console.log(`${TARGET}: agrees with upstream at ${rate.sampleRate} Hz (largest difference ${difference.toExponential(1)}, outputs ${low.toFixed(2)}–${high.toFixed(2)})`);
}
console.log(`${TARGET}: from @ricky0123/vad-web dist/silero_vad_v5.onnx`);

/**
 * Runs 3 rows of 150 frames (noise with tone bursts, so the model's output moves) through upstream one frame per
 * call, and through the rewrite 50 steps per call, each carrying its state: the largest difference in probability, and
 * the range of upstream's outputs.
 */
async function compareWithUpstream(rewritten, { sampleRate, window }) {
  const rows = 3;
  const frames = 150;
  const steps = 50;
  const frame = (row, index) => {
    const samples = new Float32Array(window);
    for (let i = 0; i < window; i++) {
      const t = (row * 7919 + index) * window + i;
      const noise = Math.sin(t * 12.9898) * 43758.5453;
      const burst = Math.floor(index / 20) % 2 === row % 2 ? 0.3 * Math.sin((2 * Math.PI * (220 + 110 * row) * t) / sampleRate) : 0;
      samples[i] = 0.02 * (noise - Math.floor(noise) - 0.5) + burst;
    }
    return samples;
  };
  const sr = new ort.Tensor('int64', BigInt64Array.of(BigInt(sampleRate)), []);
  const upstream = await ort.InferenceSession.create(SOURCE);
  const sequence = await ort.InferenceSession.create(rewritten);
  try {
    const expected = new Float32Array(rows * frames);
    let state = new Float32Array(2 * rows * 128);
    for (let index = 0; index < frames; index++) {
      const input = new Float32Array(rows * window);
      for (let row = 0; row < rows; row++) input.set(frame(row, index), row * window);
      const out = await upstream.run({ input: new ort.Tensor('float32', input, [rows, window]), state: new ort.Tensor('float32', state, [2, rows, 128]), sr });
      for (let row = 0; row < rows; row++) expected[row * frames + index] = out.output.data[row];
      state = out.stateN.data;
    }
    let largest = 0;
    state = new Float32Array(2 * rows * 128);
    for (let first = 0; first < frames; first += steps) {
      const input = new Float32Array(rows * steps * window);
      for (let row = 0; row < rows; row++) for (let step = 0; step < steps; step++) input.set(frame(row, first + step), (row * steps + step) * window);
      const out = await sequence.run({ input: new ort.Tensor('float32', input, [rows, steps, window]), state: new ort.Tensor('float32', state, [2, rows, 128]), sr });
      for (let row = 0; row < rows; row++) {
        for (let step = 0; step < steps; step++) largest = Math.max(largest, Math.abs(out.output.data[row * steps + step] - expected[row * frames + first + step]));
      }
      state = out.stateN.data;
    }
    return { difference: largest, low: Math.min(...expected), high: Math.max(...expected) };
  } finally {
    await upstream.release();
    await sequence.release();
  }
}
