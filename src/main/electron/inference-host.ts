import { utilityProcess } from 'electron';
import type { HostProcess, LaunchHost } from '../engine/inference/host-client';

/** Keeps the end of the host's stderr, to tell why it stopped. */
const STDERR_TAIL_BYTES = 2000;

/**
 * The inference host as an Electron utility process (out/main/inference-host.js): Electron's own way to run Node
 * code beside the app, with structured-clone messages, so tensors cross as binary and the engine never imports
 * electron.
 */
export function utilityHostLauncher(entryFile: string): LaunchHost {
  return () => {
    const child = utilityProcess.fork(entryFile, [], { serviceName: 'Reelsmith AI', stdio: ['ignore', 'ignore', 'pipe'] });
    let stderrTail = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderrTail = (stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_BYTES)));
    const host: HostProcess = {
      send: (request) => child.postMessage(request),
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) =>
        child.once('exit', (code) => {
          const last = stderrTail.trim().split('\n').at(-1)?.trim();
          listener(`exit code ${code}${last ? `: ${last.slice(0, 300)}` : ''}`);
        }),
      kill: () => void child.kill(),
    };
    return host;
  };
}
