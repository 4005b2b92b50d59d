import { formatDuration } from '../../../shared/format/duration';
import type { Job, JobState } from '../../../shared/jobs';

const STATE_LABELS: Record<JobState, string> = {
  queued: 'Waiting',
  running: 'Running',
  succeeded: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** The word on a job's state badge. */
export function stateLabel(state: JobState): string {
  return STATE_LABELS[state];
}

/** The badge tone for a state, matching the global `.badge` modifiers. */
export function stateTone(state: JobState): 'accent' | 'success' | 'danger' | 'neutral' {
  switch (state) {
    case 'running':
      return 'accent';
    case 'succeeded':
      return 'success';
    case 'failed':
      return 'danger';
    default:
      return 'neutral';
  }
}

/** 0..1 → whole percent 0..100; null when the total is unknown. Never shows 100 % before the job is done. */
export function progressPercent(progress: number | null, state?: JobState): number | null {
  if (progress === null || Number.isNaN(progress)) return null;
  const clamped = Math.min(1, Math.max(0, progress));
  const percent = Math.floor(clamped * 100);
  if (state === 'succeeded') return 100;
  return percent;
}

export function formatPercent(progress: number | null, state?: JobState): string {
  const percent = progressPercent(progress, state);
  return percent === null ? '' : `${percent}%`;
}

/** "1:15 left"; empty when no estimate is available. */
export function formatEta(eta: number | null): string {
  if (eta === null || !Number.isFinite(eta) || eta < 0) return '';
  return `${formatDuration(eta)} left`;
}

/** The secondary line under a job's title: what it is doing now, in words. */
export function jobStatusLine(job: Job): string {
  switch (job.state) {
    case 'queued':
      return 'Waiting for a free slot';
    case 'running':
      return job.stage ?? 'Starting';
    case 'succeeded':
      return job.result ?? 'Finished';
    case 'failed':
      return job.error?.message ?? 'The job failed.';
    case 'cancelled':
      return 'Cancelled before it finished';
  }
}

/** A readable kind: "export.file" → "Export file", "proxy" → "Proxy". */
export function kindLabel(kind: string): string {
  const words = kind.replace(/[._-]+/g, ' ').trim();
  if (!words) return 'Job';
  return words.charAt(0).toUpperCase() + words.slice(1);
}
