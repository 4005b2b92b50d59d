import { isFinished, type Job } from '../../../shared/jobs';

/** Newest first: by creation time, then by id so jobs created in the same millisecond keep a stable order. */
export function compareNewestFirst(a: Job, b: Job): number {
  const byTime = Date.parse(b.createdAt) - Date.parse(a.createdAt);
  if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export function sortNewestFirst(jobs: readonly Job[]): Job[] {
  return [...jobs].sort(compareNewestFirst);
}

/**
 * The list with `job` added or replacing the job with the same id, newest first; a background job that succeeded
 * (a thumbnail, a proxy) leaves the list, as the engine forgets it too. Never mutates `jobs`.
 */
export function upsertJob(jobs: readonly Job[], job: Job): Job[] {
  const index = jobs.findIndex((j) => j.id === job.id);
  if (job.transient && job.state === 'succeeded') return index === -1 ? [...jobs] : jobs.filter((j) => j.id !== job.id);
  if (index === -1) return sortNewestFirst([...jobs, job]);
  const next = [...jobs];
  next[index] = job;
  // createdAt never changes for a job, so its place stays right; sorting again costs little and guards against it.
  return sortNewestFirst(next);
}

/** A fetched list with the events that arrived while it was in flight applied on top (they are newer). */
export function mergeFetched(fetched: readonly Job[], newer: readonly Job[]): Job[] {
  return newer.reduce<Job[]>((list, job) => upsertJob(list, job), sortNewestFirst(fetched));
}

export interface JobCounts {
  running: number;
  queued: number;
  finished: number;
}

export function countJobs(jobs: readonly Job[]): JobCounts {
  const counts: JobCounts = { running: 0, queued: 0, finished: 0 };
  for (const job of jobs) {
    if (job.state === 'running') counts.running += 1;
    else if (job.state === 'queued') counts.queued += 1;
    else if (isFinished(job.state)) counts.finished += 1;
  }
  return counts;
}

export function canCancel(job: Job): boolean {
  return job.state === 'queued' || job.state === 'running';
}

export function canRetry(job: Job): boolean {
  return job.state === 'failed' || job.state === 'cancelled';
}
