#!/usr/bin/env node
// `npm start`: build, then open Reelsmith in Electron, or in the browser through the web shell where Electron cannot
// run (its binary is not installed and cannot be downloaded, or there is no display). Arguments after `--` go to
// whichever shell starts, e.g. `npm start -- --port 8080` for the web shell.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
/** Finding Electron may download it (about 100 MB) the first time; past this we give up and use the web shell. */
const ELECTRON_LOOKUP_TIMEOUT_MS = 5 * 60_000;

const buildCode = await run(process.execPath, [
  path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
  'build',
]);
if (buildCode !== 0) process.exit(buildCode);

const electron = findElectron();
if (electron.path) {
  process.exit(await run(electron.path, ['.', ...args], { forwardSignals: true, env: electronEnv() }));
} else {
  console.error(`Electron is not available here (${electron.reason}); starting the web shell instead.`);
  const webShell = path.join(root, 'out', 'main', 'web.js');
  process.exit(await run(process.execPath, [webShell, ...args], { forwardSignals: true }));
}

/** The Electron executable, or why it cannot be used. Runs `require('electron')` in a child: it may try to download. */
function findElectron() {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'no display: neither DISPLAY nor WAYLAND_DISPLAY is set' };
  }
  const lookup = spawnSync(process.execPath, ['-e', "process.stdout.write('\\n' + require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    timeout: ELECTRON_LOOKUP_TIMEOUT_MS,
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  if (lookup.error?.code === 'ETIMEDOUT') return { reason: 'downloading it took longer than 5 minutes' };
  if (lookup.error) return { reason: `looking for it failed: ${lookup.error.message}` };
  if (lookup.status !== 0) {
    return { reason: `the binary is not installed and could not be downloaded: ${firstError(lookup.stderr)}` };
  }
  const executable = lookup.stdout.trim().split(/\r?\n/).at(-1) ?? '';
  if (!executable || !fs.existsSync(executable)) {
    return { reason: `the binary is missing (${executable || 'no path given'})` };
  }
  return { path: executable };
}

/** The first "SomethingError: message" line of a stack dump, else its first line; short enough for one line. */
function firstError(stderr) {
  const lines = String(stderr ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const error = lines.find((line) => /^\w*Error: /.test(line)) ?? lines[0] ?? 'no details';
  const message = error.replace(/^\w*Error: /, '');
  return message.length > 120 ? `${message.slice(0, 119)}…` : message;
}

/** Electron must not inherit a request to behave as plain Node. */
function electronEnv() {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  return env;
}

/**
 * Runs a program with our terminal and resolves with its exit code. With forwardSignals, SIGINT/SIGTERM sent to this
 * script go to the child (so it can save and stop) and this script waits for it rather than dying first.
 */
function run(command, commandArgs, { forwardSignals = false, env = process.env } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env, shell: false, windowsHide: false });
    // On Windows the console delivers Ctrl+C to the child itself; we only keep waiting for it to finish.
    const windows = process.platform === 'win32';
    const signals = !forwardSignals ? [] : windows ? ['SIGINT'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];
    const forward = (signal) => {
      if (!windows && child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    for (const signal of signals) process.on(signal, forward);
    child.on('error', (error) => {
      console.error(`Could not start ${path.basename(command)}: ${error.message}`);
      resolve(1);
    });
    child.on('close', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      resolve(code ?? 128 + (os.constants.signals[signal] ?? 0));
    });
  });
}
