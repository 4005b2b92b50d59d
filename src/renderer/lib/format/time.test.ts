import { describe, expect, it } from 'vitest';
import { formatDuration, timeAgo } from './time';

const now = Date.parse('2025-06-15T12:00:00.000Z');
const ago = (ms: number) => new Date(now - ms).toISOString();

describe('timeAgo', () => {
  it('says how long ago something happened in plain words', () => {
    expect(timeAgo(ago(10_000), now)).toBe('just now');
    expect(timeAgo(ago(60_000), now)).toBe('1 minute ago');
    expect(timeAgo(ago(5 * 60_000), now)).toBe('5 minutes ago');
    expect(timeAgo(ago(3 * 3_600_000), now)).toBe('3 hours ago');
    expect(timeAgo(ago(30 * 3_600_000), now)).toBe('yesterday');
    expect(timeAgo(ago(4 * 86_400_000), now)).toBe('4 days ago');
  });

  it('falls back to a date for anything older than a week', () => {
    expect(timeAgo('2025-01-02T12:00:00.000Z', now)).toBe('Jan 2, 2025');
  });

  it('treats a clock slightly ahead as just now, and nonsense as unknown', () => {
    expect(timeAgo(ago(-5_000), now)).toBe('just now');
    expect(timeAgo('not a date', now)).toBe('unknown time');
  });
});

describe('formatDuration', () => {
  it('reads like a clock, with hours only when needed', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(7.9)).toBe('0:07');
    expect(formatDuration(750)).toBe('12:30');
    expect(formatDuration(3723)).toBe('1:02:03');
  });

  it('shows tenths for clips shorter than a second instead of 0:00', () => {
    expect(formatDuration(0.42)).toBe('0.4s');
  });

  it('is empty when the duration is unknown', () => {
    expect(formatDuration(null)).toBe('');
    expect(formatDuration(Number.NaN)).toBe('');
  });
});
