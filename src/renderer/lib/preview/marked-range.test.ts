import { describe, expect, it } from 'vitest';
import { markedRange } from './marked-range';

describe('markedRange', () => {
  it('runs from In to Out, and to either end of the sequence when one point is unset', () => {
    expect(markedRange(10, 50, 100)).toEqual({ from: 10, to: 50 });
    expect(markedRange(10, null, 100)).toEqual({ from: 10, to: 100 });
    expect(markedRange(null, 50, 100)).toEqual({ from: 0, to: 50 });
  });

  it('is null when nothing is marked or the marks lie past the end of a shortened sequence', () => {
    expect(markedRange(null, null, 100)).toBeNull();
    expect(markedRange(120, 150, 100)).toBeNull();
    expect(markedRange(80, 150, 100)).toEqual({ from: 80, to: 100 });
  });
});
