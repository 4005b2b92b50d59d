import { spawn } from 'node:child_process';
import { describeFfmpegFailure, formatCommandLine } from './failure';
import { ProgressParser, type FfmpegProgress } from './progress';
import { StderrTail } from './stderr-tail';

export interface RunFfmpegOptions {
  program: string;
  /** Arguments after the program name; never a shell string. */
  args: readonly string[];
  /** Output duration in seconds, for the progress fraction and ETA. */
  duration?: number | null;
  signal?: AbortSignal;
  onProgress?: (progress: FfmpegProgress) => void;
  /** How long a graceful stop ('q' on stdin) may take before the process is killed. */
  stopGraceMs?: number;
  cwd?: string;
}

export interface FfmpegResult {
  commandLine: string;
  stderrTail: string;
}

/** ffmpeg failed; `message` is for the user, the rest for "details". */
export class FfmpegError extends Error {
  constructor(
    message: string,
    readonly commandLine: string,
    readonly stderrTail: string,
    readonly exitCode: number | null,
  ) {
    super(message);
    this.name = 'FfmpegError';
  }
}

export class FfmpegCancelled extends Error {
  constructor(readonly commandLine: string) {
    super('Cancelled');
    this.name = 'FfmpegCancelled';
  }
}

const STDERR_TAIL_LINES = 60;

/**
 * Runs ffmpeg with progress on a pipe. Cancelling asks ffmpeg to stop ('q'), then kills it if it has not exited
 * within the grace period; the promise settles only once the process is gone.
 */
export function runFfmpeg(options: RunFfmpegOptions): Promise<FfmpegResult> {
  const args = ['-hide_banner', '-nostats', '-progress', 'pipe:1', ...options.args];
  const commandLine = formatCommandLine(options.program, args);
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new FfmpegCancelled(commandLine));
      return;
    }
    const child = spawn(options.program, args, {
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const tail = new StderrTail(STDERR_TAIL_LINES);
    let cancelled = false;
    let killTimer: NodeJS.Timeout | undefined;
    const parser = new ProgressParser(options.duration ?? null, (p) => options.onProgress?.(p));

    child.stdout.setEncoding('utf8').on('data', (chunk: string) => parser.push(chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      tail.push(chunk);
    });
    // ffmpeg may exit before reading stdin; a write to the closed pipe must not crash us.
    child.stdin.on('error', () => undefined);

    const onAbort = () => {
      cancelled = true;
      child.stdin.end('q');
      killTimer = setTimeout(() => child.kill('SIGKILL'), options.stopGraceMs ?? 3000);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });

    child.once('error', (error) => {
      options.signal?.removeEventListener('abort', onAbort);
      clearTimeout(killTimer);
      reject(new FfmpegError(`ffmpeg could not be started: ${error.message}`, commandLine, '', null));
    });
    child.once('close', (code) => {
      options.signal?.removeEventListener('abort', onAbort);
      clearTimeout(killTimer);
      const stderrTail = tail.text();
      if (cancelled) reject(new FfmpegCancelled(commandLine));
      else if (code === 0) resolve({ commandLine, stderrTail });
      else reject(new FfmpegError(describeFfmpegFailure(stderrTail, code), commandLine, stderrTail, code));
    });
  });
}
