import { isFinished, type Job } from '../../shared/jobs';

export interface TaskbarProgress {
  /** 0..1 for a bar, 2 for indeterminate (Electron's convention), -1 to hide it. */
  value: number;
  mode: 'normal' | 'indeterminate' | 'error' | 'none';
}

/**
 * One bar for the taskbar or dock from all unfinished jobs: the mean of their progress, indeterminate while none
 * reports a fraction yet, red after a failure until the next job starts.
 */
export class TaskbarProgressTracker {
  private readonly active = new Map<string, Job>();
  private failedSinceIdle = false;

  update(job: Job): TaskbarProgress {
    if (isFinished(job.state)) {
      this.active.delete(job.id);
      if (job.state === 'failed') this.failedSinceIdle = true;
    } else {
      if (this.active.size === 0) this.failedSinceIdle = false;
      this.active.set(job.id, job);
    }
    if (this.active.size === 0) return this.failedSinceIdle ? { value: 1, mode: 'error' } : { value: -1, mode: 'none' };
    const known = [...this.active.values()].filter((j) => j.state === 'running' && j.progress !== null);
    if (known.length === 0) return { value: 2, mode: 'indeterminate' };
    const total = [...this.active.values()].reduce((sum, j) => sum + (j.progress ?? 0), 0);
    return { value: total / this.active.size, mode: 'normal' };
  }
}
