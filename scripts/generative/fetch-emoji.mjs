#!/usr/bin/env node
/**
 * Fetches the training images: the npm package emoji-datasource-google (pinned; Noto Emoji PNGs, Apache-2.0) as a
 * tarball with `npm pack`, unpacked into .cache/generative/package. Not a dependency of the app: only the training
 * scripts read it.
 *
 * Usage: node scripts/generative/fetch-emoji.mjs
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const EMOJI_PACKAGE = 'emoji-datasource-google';
export const EMOJI_VERSION = '16.0.0';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cacheDir = join(repoRoot, '.cache/generative');
const target = join(cacheDir, 'package');

function installedVersion() {
  try {
    return JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

if (installedVersion() !== EMOJI_VERSION) {
  const download = join(cacheDir, 'download');
  rmSync(download, { recursive: true, force: true });
  mkdirSync(download, { recursive: true });
  execFileSync('npm', ['pack', `${EMOJI_PACKAGE}@${EMOJI_VERSION}`, '--pack-destination', download, '--silent'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const tarball = readdirSync(download).find((file) => file.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack ${EMOJI_PACKAGE}@${EMOJI_VERSION} made no tarball`);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', join(download, tarball), '-C', target, '--strip-components=1']);
  rmSync(download, { recursive: true, force: true });
}
if (!existsSync(join(target, 'emoji.json'))) throw new Error(`${target} has no emoji.json`);
console.log(`${EMOJI_PACKAGE}@${EMOJI_VERSION} in ${target}`);
