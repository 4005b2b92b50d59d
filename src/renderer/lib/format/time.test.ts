import { describe, expect, it } from 'vitest';
import { timeAgo } from './time';

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
