import { spawn } from 'node:child_process';
import { describeFfmpegFailure, formatCommandLine } from '../../ffmpeg/failure';
import { FfmpegCancelled, FfmpegError } from '../../ffmpeg/run-ffmpeg';
import { StderrTail } from '../../ffmpeg/stderr-tail';

export interface PipedFfmpegOptions {
  program: string;
  /** Arguments after the program name; `pipe:0` reads `input`, `pipe:1` goes to `onOutput`. */
  args: readonly string[];
  /** Bytes fed to ffmpeg's stdin, which is then closed. Without it ffmpeg is told not to read stdin. */
  input?: Uint8Array;
  /** Each chunk ffmpeg writes to stdout, as it comes; a throw stops ffmpeg and rejects with that error. */
  onOutput?: (chunk: Buffer) => void;
  signal?: AbortSignal;
}

const STDERR_TAIL_LINES = 40;

/**
 * Runs ffmpeg with its data on stdin and stdout instead of files (runFfmpeg keeps stdout for progress). Cancelling
 * kills the process at once: nothing it writes to a pipe needs finishing. Fails with FfmpegError or FfmpegCancelled
 * like runFfmpeg, and settles only once the process is gone.
 */
export function runPipedFfmpeg(options: PipedFfmpegOptions): Promise<void> {
  const args = ['-hide_banner', '-nostats', '-loglevel', 'error', ...(options.input ? [] : ['-nostdin']), ...options.args];
  const commandLine = formatCommandLine(options.program, args);
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new FfmpegCancelled(commandLine));
      return;
    }
    const child = spawn(options.program, args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    const tail = new StderrTail(STDERR_TAIL_LINES);
    let cancelled = false;
    let outputError: unknown = null;

    child.stdout.on('data', (chunk: Buffer) => {
      if (outputError !== null) return;
      try {
        options.onOutput?.(chunk);
      } catch (error) {
        outputError = error;
        child.kill('SIGKILL');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      tail.push(chunk);
    });
    // ffmpeg may exit before reading all of its input; a write to the closed pipe must not crash us.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input);

    const onAbort = () => {
      cancelled = true;
      child.kill('SIGKILL');
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });

    child.once('error', (error) => {
      options.signal?.removeEventListener('abort', onAbort);
      reject(new FfmpegError(`ffmpeg could not be started: ${error.message}`, commandLine, '', null));
    });
    child.once('close', (code) => {
      options.signal?.removeEventListener('abort', onAbort);
      const stderrTail = tail.text();
      if (cancelled) reject(new FfmpegCancelled(commandLine));
      else if (outputError !== null) reject(outputError);
      else if (code === 0) resolve();
      else reject(new FfmpegError(describeFfmpegFailure(stderrTail, code), commandLine, stderrTail, code));
    });
  });
}
