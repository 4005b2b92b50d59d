import { describe, expect, it } from 'vitest';
import { formatEta, formatPercent, jobStatusLine, kindLabel, progressPercent, stateLabel, stateTone } from './job-format';
import { job } from './fixtures';

describe('progressPercent', () => {
  it('turns 0..1 into whole percent, rounding down so 100% means done', () => {
    expect(progressPercent(0)).toBe(0);
    expect(progressPercent(0.426)).toBe(42);
    expect(progressPercent(0.999)).toBe(99);
    expect(progressPercent(1)).toBe(100);
    expect(progressPercent(0.97, 'succeeded')).toBe(100);
  });

  it('is null when the total is unknown and clamps nonsense', () => {
    expect(progressPercent(null)).toBeNull();
    expect(progressPercent(Number.NaN)).toBeNull();
    expect(progressPercent(-0.2)).toBe(0);
    expect(progressPercent(1.7)).toBe(100);
    expect(formatPercent(0.5)).toBe('50%');
    expect(formatPercent(null)).toBe('');
  });
});

describe('formatEta', () => {
  it('says how long is left, or nothing without an estimate', () => {
    expect(formatEta(75.4)).toBe('1:15 left');
    expect(formatEta(3725)).toBe('1:02:05 left');
    expect(formatEta(0)).toBe('0:00 left');
    expect(formatEta(null)).toBe('');
    expect(formatEta(Number.POSITIVE_INFINITY)).toBe('');
  });
});

describe('labels', () => {
  it('names every state and gives it a tone', () => {
    expect(stateLabel('queued')).toBe('Waiting');
    expect(stateLabel('running')).toBe('Running');
    expect(stateLabel('succeeded')).toBe('Done');
    expect(stateLabel('failed')).toBe('Failed');
    expect(stateLabel('cancelled')).toBe('Cancelled');
    expect(stateTone('running')).toBe('accent');
    expect(stateTone('failed')).toBe('danger');
    expect(stateTone('succeeded')).toBe('success');
    expect(stateTone('cancelled')).toBe('neutral');
  });

  it('describes what a job is doing in words', () => {
    expect(jobStatusLine(job('a'))).toBe('Waiting for a free slot');
    expect(jobStatusLine(job('a', { state: 'running', stage: 'Encoding' }))).toBe('Encoding');
    expect(jobStatusLine(job('a', { state: 'running' }))).toBe('Starting');
    expect(jobStatusLine(job('a', { state: 'succeeded', result: 'clip.mov' }))).toBe('clip.mov');
    expect(jobStatusLine(job('a', { state: 'failed', error: { message: 'ffmpeg could not read the file.' } }))).toBe(
      'ffmpeg could not read the file.',
    );
  });

  it('makes job kinds readable', () => {
    expect(kindLabel('export')).toBe('Export');
    expect(kindLabel('media.proxy')).toBe('Media proxy');
    expect(kindLabel('')).toBe('Job');
  });
});
