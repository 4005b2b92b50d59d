import { describe, expect, it } from 'vitest';
import type { Job } from '../../shared/jobs';
import { TaskbarProgressTracker } from './taskbar-progress';

const job = (id: string, state: Job['state'], progress: number | null): Job => ({
  id, kind: 'export', title: id, resource: 'cpu', priority: 0, state, stage: null, progress, eta: null,
  createdAt: '2026-01-01T00:00:00.000Z', startedAt: null, finishedAt: null, error: null, result: null, retriedAs: null,
  transient: false,
});

describe('TaskbarProgressTracker', () => {
  it('averages unfinished jobs and hides the bar when all are done', () => {
    const t = new TaskbarProgressTracker();
    expect(t.update(job('a', 'queued', null))).toEqual({ value: 2, mode: 'indeterminate' });
    expect(t.update(job('a', 'running', 0.5))).toEqual({ value: 0.5, mode: 'normal' });
    expect(t.update(job('b', 'queued', null))).toEqual({ value: 0.25, mode: 'normal' });
    expect(t.update(job('a', 'succeeded', 1))).toEqual({ value: 2, mode: 'indeterminate' });
    expect(t.update(job('b', 'cancelled', null))).toEqual({ value: -1, mode: 'none' });
  });

  it('shows a failure until the next job starts', () => {
    const t = new TaskbarProgressTracker();
    t.update(job('a', 'running', 0.3));
    expect(t.update(job('a', 'failed', 0.3))).toEqual({ value: 1, mode: 'error' });
    expect(t.update(job('b', 'running', 0.1))).toEqual({ value: 0.1, mode: 'normal' });
  });
});
