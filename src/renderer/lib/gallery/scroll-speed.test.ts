import { describe, expect, it } from 'vitest';
import { isFling } from './scroll-speed';

describe('isFling', () => {
  it('is not a fling without an earlier position', () => {
    expect(isFling(null, { top: 5000, time: 10 })).toBe(false);
  });

  it('tells a steady scroll from a fling by speed', () => {
    expect(isFling({ top: 0, time: 0 }, { top: 40, time: 16 })).toBe(false);
    expect(isFling({ top: 0, time: 0 }, { top: 200, time: 16 })).toBe(true);
    expect(isFling({ top: 4000, time: 0 }, { top: 3800, time: 16 })).toBe(true);
  });

  it('counts a jump within the same moment as a fling', () => {
    expect(isFling({ top: 0, time: 5 }, { top: 90_000, time: 5 })).toBe(true);
    expect(isFling({ top: 10, time: 5 }, { top: 10, time: 5 })).toBe(false);
  });
});
