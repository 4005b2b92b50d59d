import { describe, expect, it } from 'vitest';
import { fractionOf, sheetColumns } from './generate-plan';

describe('generate plan', () => {
  it('lays sheets out as square as possible', () => {
    expect([1, 2, 4, 5, 9, 16, 17, 64].map(sheetColumns)).toEqual([1, 2, 2, 3, 3, 4, 5, 8]);
  });

  it('maps a stage’s images onto its share of the job', () => {
    expect(fractionOf(0, 4, 0.2, 0.6)).toBeCloseTo(0.2);
    expect(fractionOf(2, 4, 0.2, 0.6)).toBeCloseTo(0.4);
    expect(fractionOf(4, 4, 0.2, 0.6)).toBeCloseTo(0.6);
    expect(fractionOf(0, 0, 0.2, 0.6)).toBeCloseTo(0.6);
  });
});
