import { describe, expect, it } from 'vitest';
import { adaptiveRatios, detectCuts, enforceMinSceneLength, findDissolves, findFades, findHardCuts, type DetectorSettings, type FoundCut } from './detectors';
import type { FrameFeatures } from './frame-features';

const SETTINGS: DetectorSettings = {
  cutThreshold: 20,
  adaptiveRatio: 3,
  adaptiveWindow: 4,
  maxFlashFrames: 2,
  fadeLumaLevel: 24,
  minDissolveFrames: 8,
  minSceneFrames: 10,
};

/**
 * Features of a made-up clip: `pictures[k]` names the picture frame k shows; frames showing the same picture differ
 * by `noise`, different pictures by 80. Luma is 120 unless given.
 */
function featuresOf(pictures: string[], options: { noise?: number; luma?: number[] } = {}): FrameFeatures {
  const noise = options.noise ?? 1;
  const distance = (a: number, b: number) => (pictures[a] === pictures[b] ? noise : 80);
  const count = pictures.length;
  const column = (value: (k: number) => number) => Float32Array.from({ length: count }, (_, k) => value(k));
  return {
    count,
    content: column((k) => (k === 0 ? 0 : distance(k, k - 1))),
    lookBack: [2, 3].map((back) => column((k) => (k >= back ? distance(k, k - back) : 0))),
    luma: column((k) => options.luma?.[k] ?? 120),
    blend: column(() => 0.5),
    blendChange: column(() => 0),
    blendSpan: 3,
  };
}

const shots = (...parts: [string, number][]) => parts.flatMap(([picture, frames]) => Array<string>(frames).fill(picture));

describe('hard cuts', () => {
  it('finds a change of picture that stands out of its neighbours', () => {
    const features = featuresOf(shots(['a', 30], ['b', 30]));
    const cuts = findHardCuts(features, adaptiveRatios(features.content, 4), SETTINGS);
    expect(cuts.map((c) => c.frame)).toEqual([30]);
  });

  it('does not cut on a flash of one or two frames: the picture after it matches the one before', () => {
    for (const flash of [1, 2]) {
      const features = featuresOf(shots(['a', 20], ['white', flash], ['a', 20]));
      expect(findHardCuts(features, adaptiveRatios(features.content, 4), SETTINGS), `${flash}-frame flash`).toEqual([]);
    }
  });

  it('cuts on a three-frame "flash" when flashes are at most two frames', () => {
    const features = featuresOf(shots(['a', 20], ['b', 3], ['a', 20]));
    expect(findHardCuts(features, adaptiveRatios(features.content, 4), SETTINGS).map((c) => c.frame)).toEqual([20, 23]);
  });

  it('ignores camera motion: every frame changes about as much, none stands out', () => {
    const features = featuresOf(shots(['a', 30]), { noise: 30 });
    expect(findHardCuts(features, adaptiveRatios(features.content, 4), SETTINGS)).toEqual([]);
  });
});

describe('adaptive ratio', () => {
  it('is a frame’s change over the mean change of its neighbours', () => {
    const ratios = adaptiveRatios(Float32Array.from([0, 2, 2, 20, 2, 2]), 2);
    expect(ratios[3]).toBeCloseTo(10);
    // Frame 0 has no change by definition and is left out of every average.
    expect(ratios[1]).toBeCloseTo(2 / 11);
  });
});

describe('fades', () => {
  const ramp = (from: number, to: number, frames: number) => Array.from({ length: frames }, (_, i) => from + ((to - from) * (i + 1)) / frames);

  it('finds a fade through black between two shots, at its middle', () => {
    const luma = [...Array<number>(20).fill(120), ...ramp(120, 0, 10), ...Array<number>(3).fill(0), ...ramp(0, 100, 10), ...Array<number>(20).fill(100)];
    const fades = findFades(Float32Array.from(luma), 24);
    expect(fades).toHaveLength(1);
    expect(fades[0]).toMatchObject({ type: 'fade', start: 19 });
    expect(Math.abs(fades[0]!.frame - 31)).toBeLessThanOrEqual(1);
  });

  it('finds a fade through white', () => {
    const luma = [...Array<number>(20).fill(100), ...ramp(100, 250, 8), ...ramp(250, 90, 8), ...Array<number>(20).fill(90)];
    expect(findFades(Float32Array.from(luma), 24).map((f) => f.type)).toEqual(['fade']);
  });

  it('takes neither a white flash nor black at the very start for a fade', () => {
    const luma = [...Array<number>(5).fill(0), ...ramp(0, 120, 10), ...Array<number>(10).fill(120), 250, ...Array<number>(10).fill(120)];
    expect(findFades(Float32Array.from(luma), 24)).toEqual([]);
  });
});

describe('dissolves', () => {
  it('finds a run of frames that are mixes of their neighbours, changing the picture a lot', () => {
    const features = featuresOf(shots(['a', 20], ['mix', 25], ['b', 20]), { noise: 3 });
    for (let k = 22; k < 43; k += 1) {
      features.blend[k] = 0.05;
      features.blendChange[k] = 20;
    }
    const dissolves = findDissolves(features, SETTINGS);
    expect(dissolves).toHaveLength(1);
    expect(dissolves[0]).toMatchObject({ type: 'dissolve', start: 20, end: 45, frame: 32 });
  });

  it('needs the neighbours to differ: a still or slowly drifting shot is no dissolve', () => {
    const features = featuresOf(shots(['a', 60]), { noise: 0.5 });
    for (let k = 3; k < 57; k += 1) {
      features.blend[k] = 0.05;
      features.blendChange[k] = 3;
    }
    expect(findDissolves(features, SETTINGS)).toEqual([]);
  });
});

describe('putting the detectors together', () => {
  it('keeps a fade over the cuts inside it', () => {
    const luma = [...Array<number>(20).fill(120), 90, 60, 30, 10, 0, 10, 30, 60, 90, ...Array<number>(20).fill(120)];
    const pictures = shots(['a', 22], ['dark', 5], ['b', 22]);
    const found = detectCuts(featuresOf(pictures, { luma }), SETTINGS);
    expect(found.map((t) => t.type)).toEqual(['fade']);
  });

  it('drops a transition closer than the shortest scene to the one before, keeping the stronger cut', () => {
    const cut = (frame: number, score: number): FoundCut => ({ type: 'cut', frame, start: frame, end: frame + 1, score });
    const kept = enforceMinSceneLength([cut(10, 50), cut(14, 90), cut(40, 30), { ...cut(45, 10), type: 'dissolve' }], 10);
    expect(kept.map((t) => t.frame)).toEqual([14, 45]);
  });
});
