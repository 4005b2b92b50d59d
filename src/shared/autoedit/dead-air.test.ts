import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEAD_AIR_PRESETS,
  DeadAirParamsSchema,
  deadAirParams,
  keptSourceRanges,
  mergeRanges,
  planDeadAir,
  silenceRangesToSpeech,
  type DeadAirParams,
  type DeadAirPlan,
  type SourceRange,
} from './dead-air';

const NORMAL = deadAirParams('normal', 'vad');
/** Fixed parameters for the plan's mechanics, so those tests do not move when a preset is retuned. */
const PADDED: DeadAirParams = { minPauseSeconds: 0.5, targetGapSeconds: 0.1, marginSeconds: 0.1, mode: 'vad' };
const total = (ranges: readonly SourceRange[]) => ranges.reduce((sum, r) => sum + r.end - r.start, 0);

/** Seconds of `ranges` inside `within`. */
function overlap(ranges: readonly SourceRange[], within: readonly SourceRange[]): number {
  let sum = 0;
  for (const a of mergeRanges(ranges)) {
    for (const b of mergeRanges(within)) sum += Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  }
  return sum;
}

/** Ranges with their times rounded to a nanosecond, for comparing with literal seconds. */
function rounded<R extends SourceRange>(ranges: readonly R[]): R[] {
  return ranges.map((r) => ({ ...r, start: Math.round(r.start * 1e9) / 1e9, end: Math.round(r.end * 1e9) / 1e9 }));
}

/** Every kept and removed range, in order; they must tile the media. */
function pieces(plan: DeadAirPlan): SourceRange[] {
  return [...plan.kept, ...plan.removed].sort((a, b) => a.start - b.start);
}

describe('planDeadAir', () => {
  it('keeps short pauses whole, shortens long ones around a middle cut, and trims the ends to the margin', () => {
    const params: DeadAirParams = { minPauseSeconds: 0.5, targetGapSeconds: 0.2, marginSeconds: 0.1, mode: 'vad' };
    const plan = planDeadAir(
      [
        { start: 2, end: 4 },
        { start: 4.5, end: 6 }, // a 0.3 s pause once padded: kept
        { start: 9, end: 10 }, // a 2.8 s pause once padded: cut to 0.2 s
      ],
      12,
      params,
    );
    expect(rounded(plan.removed)).toEqual([
      { start: 0, end: 1.9 },
      { start: 6.2, end: 8.8 },
      { start: 10.1, end: 12 },
    ]);
    expect(rounded(plan.kept)).toEqual([
      { start: 1.9, end: 4.1, reason: 'speech' },
      { start: 4.1, end: 4.4, reason: 'pause' },
      { start: 4.4, end: 6.2, reason: 'speech' },
      { start: 8.8, end: 10.1, reason: 'speech' },
    ]);
    expect(rounded(keptSourceRanges(plan))).toEqual([
      { start: 1.9, end: 6.2 },
      { start: 8.8, end: 10.1 },
    ]);
  });

  it('joins speech segments that meet once padded', () => {
    const plan = planDeadAir([{ start: 1, end: 2 }, { start: 2.15, end: 3 }], 3, PADDED);
    expect(plan.kept).toEqual([{ start: 0.9, end: 3, reason: 'speech' }]);
  });

  it('removes all of media without speech, unless it is too short to be worth a cut', () => {
    expect(planDeadAir([], 5, PADDED)).toMatchObject({ kept: [], removed: [{ start: 0, end: 5 }] });
    expect(planDeadAir([], 0.3, PADDED)).toMatchObject({ kept: [{ start: 0, end: 0.3, reason: 'pause' }], removed: [] });
  });

  it('keeps a lead-in too short to be worth a cut', () => {
    const plan = planDeadAir([{ start: 0.3, end: 1 }], 1, PADDED);
    expect(rounded(plan.kept)).toEqual([
      { start: 0, end: 0.2, reason: 'pause' },
      { start: 0.2, end: 1, reason: 'speech' },
    ]);
    expect(plan.removed).toEqual([]);
  });

  it('refuses a target gap longer than the minimum pause', () => {
    expect(DeadAirParamsSchema.safeParse({ minPauseSeconds: 0.3, targetGapSeconds: 0.5, marginSeconds: 0.1, mode: 'vad' }).success).toBe(false);
    for (const preset of DEAD_AIR_PRESETS) expect(() => deadAirParams(preset, 'threshold')).not.toThrow();
  });

  const planInput = fc
    .record({
      duration: fc.double({ min: 0.5, max: 600, noNaN: true }),
      segments: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 20, noNaN: true })), { maxLength: 40 }),
      minPause: fc.double({ min: 0, max: 3, noNaN: true }),
      gapShare: fc.double({ min: 0, max: 1, noNaN: true }),
      margin: fc.double({ min: 0, max: 0.5, noNaN: true }),
    })
    .map(({ duration, segments, minPause, gapShare, margin }) => ({
      duration,
      speech: segments.map(([at, length]) => ({ start: at * duration, end: Math.min(duration, at * duration + length) })),
      params: { minPauseSeconds: minPause, targetGapSeconds: minPause * gapShare, marginSeconds: margin, mode: 'vad' as const },
    }));

  it('tiles the media with kept and removed ranges, sorted, disjoint and never empty', () => {
    fc.assert(
      fc.property(planInput, ({ duration, speech, params }) => {
        const plan = planDeadAir(speech, duration, params);
        const all = pieces(plan);
        expect(all[0]!.start).toBe(0);
        expect(all.at(-1)!.end).toBe(duration);
        all.forEach((piece, i) => {
          expect(piece.end).toBeGreaterThan(piece.start);
          if (i > 0) expect(piece.start).toBe(all[i - 1]!.end);
        });
        plan.removed.forEach((r, i) => i > 0 && expect(r.start).toBeGreaterThan(plan.removed[i - 1]!.end));
      }),
    );
  });

  it('keeps every speech segment with its margins, and cuts nothing shorter than minPause − targetGap', () => {
    fc.assert(
      fc.property(planInput, ({ duration, speech, params }) => {
        const plan = planDeadAir(speech, duration, params);
        const kept = mergeRanges(plan.kept);
        for (const s of speech) {
          const start = Math.max(0, s.start - params.marginSeconds);
          const end = Math.min(duration, s.end + params.marginSeconds);
          if (end <= start) continue;
          expect(kept.some((k) => k.start <= start && end <= k.end)).toBe(true);
        }
        for (const r of plan.removed) {
          expect(r.end - r.start).toBeGreaterThanOrEqual(params.minPauseSeconds - params.targetGapSeconds - 1e-9);
        }
      }),
    );
  });
});

describe('on talks like issue 7’s (pauses of 0.25–3.5 s)', () => {
  /** Sentences of 2–5 s with pauses uniform in 0.25–3.5 s and a second of silence at each end, as test/media/talks.ts lays them out. */
  function talk(seed: number, seconds: number): { speech: SourceRange[]; duration: number } {
    let state = seed;
    const random = () => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const speech: SourceRange[] = [];
    let at = 1;
    while (at < seconds) {
      const end = at + 2 + random() * 3;
      speech.push({ start: at, end });
      at = end + 0.25 + random() * 3.25;
    }
    return { speech, duration: speech.at(-1)!.end + 1 };
  }

  /** Issue 7's measure: the share of pause time farther than 0.25 s from any speech that is removed. */
  function farPausesRemoved(plan: DeadAirPlan, speech: readonly SourceRange[]): number {
    const near = mergeRanges(speech.map((s) => ({ start: Math.max(0, s.start - 0.25), end: Math.min(plan.duration, s.end + 0.25) })));
    const far = silenceRangesToSpeech(near, plan.duration);
    return overlap(plan.removed, far) / total(far);
  }

  it.each([1, 2, 3])('with the normal preset removes ≥ 0.95 of the pause time beyond 0.25 s of speech and no speech (seed %i)', (seed) => {
    const { speech, duration } = talk(seed, 1800);
    // Voice detection pads its segments by 0.1 s (issue 7's default), so the plan sees speech a little wider than it is.
    const detected = speech.map((s) => ({ start: s.start - 0.1, end: s.end + 0.1 }));
    for (const input of [speech, detected]) {
      const plan = planDeadAir(input, duration, NORMAL);
      expect(overlap(plan.removed, speech)).toBe(0);
      expect(farPausesRemoved(plan, speech)).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('removes more with each preset from gentle to tight', () => {
    const { speech, duration } = talk(7, 600);
    const removed = DEAD_AIR_PRESETS.map((preset) => total(planDeadAir(speech, duration, deadAirParams(preset, 'vad')).removed));
    expect(removed[0]).toBeLessThan(removed[1]!);
    expect(removed[1]).toBeLessThan(removed[2]!);
  });
});

describe('silenceRangesToSpeech', () => {
  it('turns silent ranges into the speech between them', () => {
    expect(silenceRangesToSpeech([{ start: 0, end: 1 }, { start: 3, end: 4.5 }, { start: 4, end: 5 }], 6)).toEqual([
      { start: 1, end: 3, confidence: 1 },
      { start: 5, end: 6, confidence: 1 },
    ]);
    expect(silenceRangesToSpeech([], 2)).toEqual([{ start: 0, end: 2, confidence: 1 }]);
  });
});
