#!/usr/bin/env node
/**
 * Takes Silero VAD v5 (MIT, snakers4/silero-vad) out of the npm package @ricky0123/vad-web, which redistributes the
 * upstream ONNX file unchanged, and writes it to resources/models/silero-vad-v5.onnx with its 1-D convolutions
 * written as 2-D ones (silero-2d-convs.py: same weights and outputs, about twice as fast on onnxruntime's CPU). The
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
import { modelPackageDir } from './model-packages.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outputDir = resolve(process.argv[2] ?? join(repoRoot, 'resources/models'));

const SOURCE = join(modelPackageDir('@ricky0123/vad-web'), 'dist/silero_vad_v5.onnx');
const SHA256 = '2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f';
const TARGET = 'silero-vad-v5.onnx';

const actual = createHash('sha256').update(readFileSync(SOURCE)).digest('hex');
if (actual !== SHA256) {
  throw new Error(`${SOURCE} has sha256 ${actual}, expected ${SHA256}: check the package version before updating`);
}
mkdirSync(outputDir, { recursive: true });
const python = process.env.PYTHON ?? '/usr/bin/python3';
execFileSync(python, [join(repoRoot, 'scripts/models/silero-2d-convs.py'), SOURCE, join(outputDir, TARGET)], { stdio: 'inherit' });
console.log(`${TARGET}: from @ricky0123/vad-web dist/silero_vad_v5.onnx`);
