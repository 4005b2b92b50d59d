import { describe, expect, it } from 'vitest';
import type { Job } from '../../../shared/jobs';
import { job } from './fixtures';
import { canCancel, canRetry, countJobs, mergeFetched, sortNewestFirst, upsertJob } from './job-list';


const at = (minute: number) => `2026-01-01T10:${String(minute).padStart(2, '0')}:00.000Z`;

describe('sortNewestFirst', () => {
  it('orders by creation time, newest first, without changing the input', () => {
    const input = [job('a', { createdAt: at(1) }), job('b', { createdAt: at(3) }), job('c', { createdAt: at(2) })];
    expect(sortNewestFirst(input).map((j) => j.id)).toEqual(['b', 'c', 'a']);
    expect(input.map((j) => j.id)).toEqual(['a', 'b', 'c']);
  });

  it('keeps a stable order for jobs created at the same moment', () => {
    const input = [job('j1'), job('j3'), job('j2')];
    expect(sortNewestFirst(input).map((j) => j.id)).toEqual(['j3', 'j2', 'j1']);
  });
});

describe('upsertJob', () => {
  it('adds a new job in its place', () => {
    const list = [job('b', { createdAt: at(5) }), job('a', { createdAt: at(1) })];
    expect(upsertJob(list, job('c', { createdAt: at(3) })).map((j) => j.id)).toEqual(['b', 'c', 'a']);
    expect(upsertJob(list, job('d', { createdAt: at(9) })).map((j) => j.id)).toEqual(['d', 'b', 'a']);
  });

  it('drops a background job once it succeeded, and keeps it when it failed', () => {
    const list = [job('thumb', { createdAt: at(5), transient: true, state: 'running' }), job('a', { createdAt: at(1) })];
    expect(upsertJob(list, job('thumb', { createdAt: at(5), transient: true, state: 'succeeded' })).map((j) => j.id)).toEqual(['a']);
    expect(upsertJob(list, job('thumb', { createdAt: at(5), transient: true, state: 'failed' })).map((j) => j.id)).toEqual(['thumb', 'a']);
    expect(upsertJob(list, job('late', { transient: true, state: 'succeeded' })).map((j) => j.id)).toEqual(['thumb', 'a']);
  });

  it('replaces a known job by id, keeping its place', () => {
    const list = [job('b', { createdAt: at(5) }), job('a', { createdAt: at(1) })];
    const next = upsertJob(list, job('a', { createdAt: at(1), state: 'running', progress: 0.5 }));
    expect(next).toHaveLength(2);
    expect(next[1]).toMatchObject({ id: 'a', state: 'running', progress: 0.5 });
    expect(list[1]!.state).toBe('queued');
  });
});

describe('mergeFetched', () => {
  it('lets events that arrived during the fetch win over the fetched copy', () => {
    const fetched = [job('a', { state: 'running', progress: 0.1 })];
    const merged = mergeFetched(fetched, [job('a', { state: 'cancelled' }), job('b', { createdAt: at(7) })]);
    expect(merged.map((j) => [j.id, j.state])).toEqual([
      ['b', 'queued'],
      ['a', 'cancelled'],
    ]);
  });
});

describe('countJobs', () => {
  it('counts running, queued and finished jobs', () => {
    const list = [
      job('1', { state: 'running' }),
      job('2', { state: 'queued' }),
      job('3', { state: 'queued' }),
      job('4', { state: 'failed' }),
      job('5', { state: 'succeeded' }),
      job('6', { state: 'cancelled' }),
    ];
    expect(countJobs(list)).toEqual({ running: 1, queued: 2, finished: 3 });
    expect(countJobs([])).toEqual({ running: 0, queued: 0, finished: 0 });
  });
});

describe('actions', () => {
  it('offers cancel while a job can still stop, and retry once it failed or was cancelled', () => {
    expect(['queued', 'running', 'succeeded', 'failed', 'cancelled'].map((s) => canCancel(job('x', { state: s as Job['state'] })))).toEqual([true, true, false, false, false]);
    expect(['queued', 'running', 'succeeded', 'failed', 'cancelled'].map((s) => canRetry(job('x', { state: s as Job['state'] })))).toEqual([false, false, false, true, true]);
  });
});
