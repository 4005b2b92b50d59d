import { describe, expect, it } from 'vitest';
import { clipAnalysisOverlays } from './analysis-overlays';

const rate = { num: 25, den: 1 };

describe('clipAnalysisOverlays', () => {
  it('places speech and cuts of the source where the clip shows them, cut to the visible part', () => {
    // The clip shows source frames 50–150 (2 s to 6 s), 2 px a frame.
    const clip = { sourceIn: 50, duration: 100 };
    const found = {
      speech: [
        { start: 1, end: 2.5 },
        { start: 3, end: 4 },
        { start: 7, end: 8 },
      ],
      cuts: [
        { time: 1, type: 'cut' },
        { time: 5, type: 'dissolve' },
      ],
    };
    expect(clipAnalysisOverlays(clip, rate, 2, found, 0, 200)).toEqual({
      speech: [
        { x: 0, width: 25 },
        { x: 50, width: 50 },
      ],
      cuts: [{ x: 150, kind: 'dissolve' }],
    });
    expect(clipAnalysisOverlays(clip, rate, 2, found, 60, 120).speech).toEqual([{ x: 60, width: 40 }]);
  });

  it('draws nothing for an asset without results', () => {
    expect(clipAnalysisOverlays({ sourceIn: 0, duration: 10 }, rate, 1, { speech: null, cuts: null }, 0, 10)).toEqual({ speech: [], cuts: [] });
  });
});
