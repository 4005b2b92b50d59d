import { detectCudaMissing } from './cuda-libraries';
import { detectGpuMissing } from './gpu-devices';
import { HostService } from './host-service';
import { loadOrtRuntime } from './ort-runtime';
import type { HostReply } from './protocol';

/**
 * The inference host process: built to out/main/inference-host.js, started by Electron's utilityProcess.fork in the
 * desktop app and by child_process.fork (advanced serialization) in the web shell, the CLI and tests.
 */

/** Electron gives a utility process a message port instead of process.send. */
interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;

const send = (reply: HostReply) => {
  if (parentPort) parentPort.postMessage(reply);
  else process.send?.(reply);
};

const service = new HostService({
  runtime: loadOrtRuntime(),
  platform: process.platform,
  cudaMissing: (runtime) => detectCudaMissing(runtime.bindingDir),
  gpuMissing: detectGpuMissing,
  send,
  pid: process.pid,
});

if (parentPort) {
  parentPort.on('message', (event) => service.receive(event.data));
} else {
  process.on('message', (message) => service.receive(message));
  // The engine went away: nothing is left to answer to.
  process.on('disconnect', () => process.exit(0));
}
