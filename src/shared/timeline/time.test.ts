import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { framesToSeconds, framesToTimecode, isDropFrameRate, secondsToFrames, timecodeToFrames } from './time';

const NTSC = { num: 30000, den: 1001 };
const NTSC_60 = { num: 60000, den: 1001 };
const FILM = { num: 24000, den: 1001 };
const PAL = { num: 25, den: 1 };

describe('frames and seconds', () => {
  it('are exact at rational rates', () => {
    expect(framesToSeconds(30, NTSC)).toBe(1.001);
    expect(framesToSeconds(24000, FILM)).toBe(1001);
    expect(secondsToFrames(1.001, NTSC)).toBe(30);
    expect(secondsToFrames(10, NTSC, 'floor')).toBe(299);
    expect(secondsToFrames(10, NTSC, 'ceil')).toBe(300);
  });

  it('round-trip every frame at any rate and rounding', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.integer({ min: 1, max: 240_000 }),
        fc.constantFrom(1, 1001, 100),
        fc.constantFrom('nearest' as const, 'floor' as const, 'ceil' as const),
        (frames, num, den, rounding) => {
          const rate = { num, den };
          expect(secondsToFrames(framesToSeconds(frames, rate), rate, rounding)).toBe(frames);
        },
      ),
    );
  });

  it('take the frame showing at an instant with floor, and the next frame start with ceil', () => {
    expect(secondsToFrames(0.05, PAL, 'floor')).toBe(1);
    expect(secondsToFrames(0.05, PAL, 'ceil')).toBe(2);
    expect(secondsToFrames(0.06, PAL, 'nearest')).toBe(2);
  });
});

describe('timecode', () => {
  it('counts non-drop at whole rates and at 23.976', () => {
    expect(framesToTimecode(0, PAL)).toBe('00:00:00:00');
    expect(framesToTimecode(25 * 3661 + 7, PAL)).toBe('01:01:01:07');
    expect(framesToTimecode(24 * 60, FILM)).toBe('00:01:00:00');
    expect(framesToTimecode(-26, PAL)).toBe('-00:00:01:01');
  });

  it('drops frame labels at 29.97 and 59.94 so that ten minutes of timecode is ten minutes of clock', () => {
    expect(isDropFrameRate(NTSC)).toBe(true);
    expect(isDropFrameRate({ num: 60000, den: 1001 })).toBe(true);
    expect(isDropFrameRate(FILM)).toBe(false);
    expect(framesToTimecode(1799, NTSC)).toBe('00:00:59;29');
    expect(framesToTimecode(1800, NTSC)).toBe('00:01:00;02');
    expect(framesToTimecode(17982, NTSC)).toBe('00:10:00;00');
    expect(framesToTimecode(107892, NTSC)).toBe('01:00:00;00');
    expect(framesToTimecode(3600, NTSC_60)).toBe('00:01:00;04');
    expect(framesToTimecode(1800, NTSC, { dropFrame: false })).toBe('00:01:00:00');
  });

  it('reads back what it writes, and refuses labels that drop-frame skips', () => {
    for (const rate of [NTSC, NTSC_60, FILM, PAL, { num: 50, den: 1 }]) {
      fc.assert(
        fc.property(fc.integer({ min: -1_000_000, max: 10_000_000 }), (frames) => {
          expect(timecodeToFrames(framesToTimecode(frames, rate), rate)).toBe(frames);
        }),
      );
    }
    expect(timecodeToFrames('00:01:00;00', NTSC)).toBeNull();
    expect(timecodeToFrames('00:10:00;00', NTSC)).toBe(17982);
    expect(timecodeToFrames('00:00:01:25', PAL)).toBeNull();
    expect(timecodeToFrames('1:2:3', PAL)).toBeNull();
  });
});
