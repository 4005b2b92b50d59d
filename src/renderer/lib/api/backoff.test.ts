import { describe, expect, it } from 'vitest';
import { backoffDelay, RECONNECT_BACKOFF } from './backoff';

const noJitter = () => 0;

describe('backoffDelay', () => {
  it('starts quickly so a brief restart of the web shell is barely noticed', () => {
    expect(backoffDelay(0, RECONNECT_BACKOFF, noJitter)).toBe(250);
  });

  it('doubles each attempt and never waits longer than the cap', () => {
    const delays = [0, 1, 2, 3, 4, 5, 10, 100].map((n) => backoffDelay(n, RECONNECT_BACKOFF, noJitter));
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000, 5000]);
  });

  it('spreads retries by shortening them with jitter, never lengthening them', () => {
    expect(backoffDelay(2, RECONNECT_BACKOFF, () => 1)).toBe(800);
    expect(backoffDelay(2, RECONNECT_BACKOFF, () => 0.5)).toBe(900);
  });

  it('treats nonsense attempts as the first one', () => {
    expect(backoffDelay(-3, RECONNECT_BACKOFF, noJitter)).toBe(250);
  });
});
