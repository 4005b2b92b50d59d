/**
 * The npm packages the bundled models come from, fetched as tarballs with `npm pack` into .cache/model-packages and
 * unpacked there. They are not dependencies of the app: their peer dependencies (tfjs, onnxruntime-web) alone weigh
 * over 400 MB, and only these scripts read them. Versions are pinned, so rebuilding the models is reproducible.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MODEL_PACKAGES = {
  '@ricky0123/vad-web': '0.0.31',
  '@upscalerjs/esrgan-slim': '1.0.0',
  '@upscalerjs/esrgan-medium': '1.0.0',
};

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cacheDir = join(repoRoot, '.cache/model-packages');

/** The unpacked folder of a model package (its `package/` contents), fetched on first use. */
export function modelPackageDir(name) {
  const version = MODEL_PACKAGES[name];
  if (!version) throw new Error(`${name} is not one of the model packages: ${Object.keys(MODEL_PACKAGES).join(', ')}`);
  const target = join(cacheDir, `${name.replace('/', '__')}@${version}`);
  if (existsSync(join(target, 'package.json'))) return target;
  const download = join(cacheDir, 'download');
  rmSync(download, { recursive: true, force: true });
  mkdirSync(download, { recursive: true });
  execFileSync('npm', ['pack', `${name}@${version}`, '--pack-destination', download, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(download).find((file) => file.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack ${name}@${version} made no tarball`);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', join(download, tarball), '-C', target, '--strip-components=1']);
  rmSync(download, { recursive: true, force: true });
  return target;
}

/** The pinned version of a model package, for the manifest's `source`. */
export function modelPackageVersion(name) {
  return MODEL_PACKAGES[name];
}
