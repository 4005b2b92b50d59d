import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const REPO = path.resolve(import.meta.dirname, '../..');

export interface Sandbox {
  root: string;
  env: NodeJS.ProcessEnv;
  remove(): Promise<void>;
}

/** Temporary config and projects folders, so tests never touch the user's recent list. */
export async function makeSandbox(): Promise<Sandbox> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-e2e-'));
  const env = {
    ...process.env,
    REELSMITH_CONFIG_DIR: path.join(root, 'config'),
    REELSMITH_PROJECTS_DIR: path.join(root, 'projects'),
  };
  return { root, env, remove: () => fs.rm(root, { recursive: true, force: true }) };
}

export interface RunningWebShell {
  url: string;
  port: number;
  token: string;
  process: ChildProcess;
  output: () => string;
  stop(): Promise<number | null>;
}

/** Starts the built web shell (out/main/web.js) and waits for the address it prints. */
export async function startBuiltWebShell(sandbox: Sandbox, args: string[] = []): Promise<RunningWebShell> {
  const child = spawn(process.execPath, [path.join(REPO, 'out/main/web.js'), ...args], {
    cwd: REPO,
    env: sandbox.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web shell did not start:\n${output}`)), 20_000);
    const check = () => {
      const match = /Reelsmith web shell: (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web shell exited with ${code}:\n${output}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    port: Number(parsed.port),
    token: parsed.searchParams.get('token')!,
    process: child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}
