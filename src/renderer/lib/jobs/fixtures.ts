import type { Job } from '../../../shared/jobs';

/** A job for tests, with the fields a test cares about overridden. */
export function job(id: string, overrides: Partial<Job> = {}): Job {
  return {
    id,
    kind: 'export',
    title: `Job ${id}`,
    resource: 'cpu',
    priority: 0,
    state: 'queued',
    stage: null,
    progress: null,
    eta: null,
    createdAt: '2026-01-01T10:00:00.000Z',
    startedAt: null,
    finishedAt: null,
    error: null,
    result: null,
    retriedAs: null,
    transient: false,
    ...overrides,
  };
}
