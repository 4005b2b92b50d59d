import { describe, expect, it } from 'vitest';
import { fitWithin } from './display-size';

describe('fitWithin', () => {
  it('shrinks the longer side to the limit and keeps the aspect', () => {
    expect(fitWithin({ width: 1920, height: 1080 }, 320)).toEqual({ width: 320, height: 180 });
    expect(fitWithin({ width: 1080, height: 1920 }, 320)).toEqual({ width: 180, height: 320 });
    expect(fitWithin({ width: 1440, height: 1080 }, 1280, true)).toEqual({ width: 1280, height: 960 });
  });

  it('never enlarges a small picture', () => {
    expect(fitWithin({ width: 85, height: 48 }, 320)).toEqual({ width: 85, height: 48 });
  });

  it('rounds to even sides for video, and never to nothing', () => {
    expect(fitWithin({ width: 85, height: 47 }, 1280, true)).toEqual({ width: 86, height: 48 });
    expect(fitWithin({ width: 4000, height: 3 }, 1280, true)).toEqual({ width: 1280, height: 2 });
    expect(fitWithin({ width: 4000, height: 3 }, 320)).toEqual({ width: 320, height: 1 });
  });
});
