import type { Job } from '../../shared/jobs';
import { formatDuration } from '../../shared/format/duration';
import type { CommandContext } from './commands';

export class JobFailedError extends Error {
  constructor(readonly job: Job) {
    super(job.error?.message ?? 'The job failed.');
  }
}

/**
 * Waits for a job while showing its progress on stderr: a redrawn bar on a terminal, one JSON line per update with
 * --json, nothing otherwise. Ctrl+C cancels the job and waits for it to clean up.
 */
export async function followJob(ctx: CommandContext, submitted: Job): Promise<Job> {
  let lastLine = '';
  const unsubscribe = ctx.engine.subscribe((event) => {
    if (event.event !== 'job.changed' || event.payload.job.id !== submitted.id) return;
    const { job } = event.payload;
    if (ctx.json) {
      ctx.stderr(`${JSON.stringify({ type: 'progress', id: job.id, state: job.state, stage: job.stage, progress: job.progress, eta: job.eta })}\n`);
    } else if (ctx.stderrIsTTY) {
      const line = progressLine(job);
      if (line !== lastLine) ctx.stderr(`\r${line.padEnd(lastLine.length)}`);
      lastLine = line;
    }
  });
  const onInterrupt = () => void ctx.engine.call('jobs.cancel', { id: submitted.id }, { caller: 'local' });
  ctx.interrupted.addEventListener('abort', onInterrupt, { once: true });
  try {
    return await ctx.engine.whenJobSettled(submitted.id);
  } finally {
    ctx.interrupted.removeEventListener('abort', onInterrupt);
    unsubscribe();
    if (lastLine) ctx.stderr('\n');
  }
}

/** `[██████████░░░░░░░░░░]  52%  Encoding (libx264)  ETA 0:12` */
export function progressLine(job: Job, width = 24): string {
  const fraction = job.progress ?? 0;
  const filled = Math.round(fraction * width);
  const bar = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}]`;
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  const eta = job.eta !== null && job.state === 'running' ? `  ETA ${formatDuration(job.eta)}` : '';
  return `${bar} ${percent}  ${job.stage ?? job.state}${eta}`;
}
