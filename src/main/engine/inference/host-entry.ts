import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HostProcess, LaunchHost } from './host-client';

/** How to start the inference host: the built entry, or the TypeScript source through tsx (vitest, `npm run cli`). */
export interface HostEntry {
  file: string;
  execArgv: string[];
}

/**
 * Built, the engine sits in out/main or out/main/chunks and the host is out/main/inference-host.js; from sources,
 * this file sits beside host-main.ts.
 */
export function resolveHostEntry(moduleDir: string, exists: (file: string) => boolean = fs.existsSync): HostEntry {
  for (const built of [path.join(moduleDir, 'inference-host.js'), path.join(moduleDir, '..', 'inference-host.js')]) {
    if (exists(built)) return { file: path.resolve(built), execArgv: [] };
  }
  const source = path.join(moduleDir, 'host-main.ts');
  if (exists(source)) return { file: source, execArgv: ['--import', 'tsx'] };
  throw new Error(`The inference host was not found beside ${moduleDir}; run npm run build.`);
}

export function defaultHostEntry(): HostEntry {
  return resolveHostEntry(path.dirname(fileURLToPath(import.meta.url)));
}

/** Keeps the end of the host's stderr, to tell why it stopped. */
const STDERR_TAIL_BYTES = 2000;

/** child_process.fork with structured clone (advanced serialization), so typed arrays cross as binary. */
export function forkHostLauncher(findEntry: () => HostEntry = defaultHostEntry): LaunchHost {
  return () => {
    const entry = findEntry();
    const child = fork(entry.file, [], {
      execArgv: entry.execArgv,
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderrTail = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => (stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL_BYTES)));
    const host: HostProcess = {
      send: (request) => {
        if (child.connected) child.send(request);
      },
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => {
        child.once('error', (error) => listener(`it could not start: ${error.message}`));
        child.once('exit', (code, signal) =>
          listener(signal ? `killed by ${signal}` : `exit code ${code ?? 'unknown'}${lastLine(stderrTail)}`),
        );
      },
      kill: () => void child.kill(),
    };
    return host;
  };
}

function lastLine(text: string): string {
  const line = text.trim().split('\n').at(-1)?.trim();
  return line ? `: ${line.slice(0, 300)}` : '';
}
