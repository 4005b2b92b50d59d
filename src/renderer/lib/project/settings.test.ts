import { describe, expect, it } from 'vitest';
import { DEFAULT_PROJECT_SETTINGS } from '../../../shared/project/document';
import { FRAME_RATE_PRESETS, frameRateLabel, sameFrameRate, settingsSummary } from './settings';

describe('frame rates', () => {
  it('keeps NTSC rates as exact fractions', () => {
    const labels = Object.fromEntries(FRAME_RATE_PRESETS.map((p) => [p.label, `${p.rate.num}/${p.rate.den}`]));
    expect(labels).toEqual({
      '23.976': '24000/1001',
      '24': '24/1',
      '25': '25/1',
      '29.97': '30000/1001',
      '30': '30/1',
      '50': '50/1',
      '59.94': '60000/1001',
      '60': '60/1',
    });
  });

  it('compares rates by value, not by how the fraction is written', () => {
    expect(sameFrameRate({ num: 60, den: 2 }, { num: 30, den: 1 })).toBe(true);
    expect(sameFrameRate({ num: 30000, den: 1001 }, { num: 30, den: 1 })).toBe(false);
  });

  it('names rates the way editors say them', () => {
    expect(frameRateLabel({ num: 30000, den: 1001 })).toBe('29.97');
    expect(frameRateLabel({ num: 120, den: 4 })).toBe('30');
    expect(frameRateLabel({ num: 48, den: 1 })).toBe('48');
    expect(frameRateLabel({ num: 120000, den: 1001 })).toBe('119.88');
  });
});

describe('settingsSummary', () => {
  it('sums up the project defaults in one line', () => {
    expect(settingsSummary(DEFAULT_PROJECT_SETTINGS)).toBe('1920 × 1080 · 30 fps · 48 kHz');
    expect(settingsSummary({ ...DEFAULT_PROJECT_SETTINGS, sampleRate: 44100 })).toBe('1920 × 1080 · 30 fps · 44.1 kHz');
  });
});
