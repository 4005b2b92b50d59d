import { describe, expect, it } from 'vitest';
import { frameTimeBase, rateOption, sampleAtFrame, secondsOption, seekSample } from './timing';

const NTSC = { num: 30_000, den: 1001 };

describe('timing', () => {
  it('puts frames on exact samples when the rates divide', () => {
    expect(sampleAtFrame(25, { num: 25, den: 1 }, 48_000)).toBe(48_000);
    expect(sampleAtFrame(7, { num: 24, den: 1 }, 48_000)).toBe(14_000);
  });

  it('rounds to the nearest sample at 29.97 fps, so pieces add up exactly', () => {
    // 1601.6 samples per frame.
    expect(sampleAtFrame(1, NTSC, 48_000)).toBe(1602);
    expect(sampleAtFrame(2, NTSC, 48_000)).toBe(3203);
    const cuts = [0, 1, 2, 3, 10, 11, 29_999, 30_000];
    const lengths = cuts.slice(1).map((end, i) => sampleAtFrame(end, NTSC, 48_000) - sampleAtFrame(cuts[i]!, NTSC, 48_000));
    expect(lengths.reduce((a, b) => a + b, 0)).toBe(48_048_000);
  });

  it('stays exact on very long plans', () => {
    expect(sampleAtFrame(10 * 3600 * 60, { num: 60_000, den: 1001 }, 192_000)).toBe(Math.round((10 * 3600 * 60 * 1001 * 192_000) / 60_000));
  });

  it('finds the sample a seek lands on from the microseconds of its -ss option', () => {
    expect(seekSample(0, NTSC, 44_100)).toBe(0);
    expect(seekSample(75, { num: 30, den: 1 }, 48_000)).toBe(sampleAtFrame(75, { num: 30, den: 1 }, 48_000));
    // 350 frames are 515,014.5 samples, rounded up; "11.678333" s is 515,014.49 samples.
    expect(sampleAtFrame(350, NTSC, 44_100)).toBe(515_015);
    expect(seekSample(350, NTSC, 44_100)).toBe(515_014);
  });

  it('writes times and rates as ffmpeg reads them', () => {
    expect(secondsOption(30, NTSC)).toBe('1.001000');
    expect(rateOption(NTSC)).toBe('30000/1001');
    expect(rateOption({ num: 25, den: 1 })).toBe('25');
    expect(frameTimeBase(NTSC)).toBe('1001/30000');
  });
});
