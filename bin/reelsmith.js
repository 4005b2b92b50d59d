#!/usr/bin/env node
// The `reelsmith` command: runs the built CLI, or the sources through tsx in a checkout that was not built yet.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/main/cli/main.ts', import.meta.url).href);
}
