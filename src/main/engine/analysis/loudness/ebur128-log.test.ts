import { describe, expect, it } from 'vitest';
import { Ebur128LogParser } from './ebur128-log';

const LOG = `frame:0    pts:0       pts_time:0
lavfi.r128.M=-inf
lavfi.r128.S=nan
lavfi.r128.I=-70.000
lavfi.r128.LRA=0.000
lavfi.r128.true_peaks_ch0=0.000
lavfi.r128.true_peaks_ch1=0.000
frame:1    pts:4800    pts_time:0.1
lavfi.r128.M=-24.100
lavfi.r128.S=-25.300
lavfi.r128.I=-24.500
lavfi.r128.LRA=3.250
lavfi.r128.true_peaks_ch0=0.500
lavfi.r128.true_peaks_ch1=0.843
frame:2    pts:9600    pts_time:0.2
lavfi.r128.S=-23.000
lavfi.r128.I=-23.400
lavfi.r128.LRA=4.100
lavfi.r128.true_peaks_ch0=0.700
lavfi.r128.true_peaks_ch1=0.843
`;

describe('Ebur128LogParser', () => {
  it('takes the last integrated loudness and range, the largest true peak and every short-term value', () => {
    const parser = new Ebur128LogParser();
    // Chunks end anywhere, even inside a line.
    for (let at = 0; at < LOG.length; at += 37) parser.push(LOG.slice(at, at + 37));
    expect(parser.latestTime).toBe(0.2);
    const summary = parser.finish();
    expect(summary.integratedLufs).toBe(-23.4);
    expect(summary.loudnessRangeLu).toBe(4.1);
    expect(summary.truePeakDbtp).toBeCloseTo(20 * Math.log10(0.843), 6);
    expect(summary.shortTermLufs).toEqual([null, -25.3, -23]);
  });

  it('reports digital silence as having no loudness and no peak', () => {
    const parser = new Ebur128LogParser();
    parser.push(LOG.split('frame:1')[0]!);
    expect(parser.finish()).toEqual({ integratedLufs: null, loudnessRangeLu: 0, truePeakDbtp: null, shortTermLufs: [null] });
  });
});
