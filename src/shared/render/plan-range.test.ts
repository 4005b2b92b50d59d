import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planInRange } from './plan-range';
import { RenderPlanSchema, type RenderPlanInput } from './render-plan';

const rate = { num: 30, den: 1 };
const size = { width: 640, height: 360 };

function plan(partial: Partial<RenderPlanInput>): RenderPlanInput {
  return { frameRate: rate, frameSize: size, duration: 300, video: [], audio: [], overlays: [], ...partial };
}

describe('planInRange', () => {
  it('cuts segments at the range edges and moves their source in-points by as much', () => {
    const sliced = planInRange(
      plan({
        video: [
          {
            segments: [
              { source: 'a', sourceStart: 100, timelineStart: 0, duration: 100 },
              { source: 'b', sourceStart: 0, timelineStart: 100, duration: 200 },
            ],
          },
        ],
      }),
      { from: 40, to: 150 },
    );
    expect(sliced.duration).toBe(110);
    expect(sliced.video[0]?.segments).toEqual([
      { source: 'a', sourceStart: 140, timelineStart: 0, duration: 60 },
      { source: 'b', sourceStart: 0, timelineStart: 60, duration: 50 },
    ]);
  });

  it('keeps the remaining part of a crossfade the range starts inside', () => {
    const sliced = planInRange(
      plan({
        audio: [
          {
            segments: [
              { source: 'a', sourceStart: 0, timelineStart: 0, duration: 100 },
              { source: 'b', sourceStart: 0, timelineStart: 80, duration: 100, transitionIn: { kind: 'crossfade', frames: 20 } },
            ],
          },
        ],
        duration: 180,
      }),
      { from: 90, to: 180 },
    );
    expect(sliced.audio[0]?.segments).toEqual([
      { source: 'a', sourceStart: 90, timelineStart: 0, duration: 10 },
      { source: 'b', sourceStart: 10, timelineStart: 0, duration: 90, transitionIn: { kind: 'crossfade', frames: 10 } },
    ]);
    expect(() => RenderPlanSchema.parse(sliced)).not.toThrow();
  });

  it('drops a crossfade that ends before the range and clips overlays', () => {
    const sliced = planInRange(
      plan({
        video: [
          {
            segments: [
              { source: 'a', sourceStart: 0, timelineStart: 0, duration: 100 },
              { source: 'b', sourceStart: 0, timelineStart: 80, duration: 100, transitionIn: { kind: 'crossfade', frames: 20 } },
            ],
          },
        ],
        overlays: [{ kind: 'title', text: 'Hi', start: 50, duration: 100, x: 0.5, y: 0.8, size: 0.1, color: '#ffffff' }],
        duration: 180,
      }),
      { from: 120, to: 170 },
    );
    expect(sliced.video[0]?.segments).toEqual([{ source: 'b', sourceStart: 40, timelineStart: 0, duration: 50 }]);
    expect(sliced.overlays).toEqual([expect.objectContaining({ start: 0, duration: 30 })]);
  });

  it('refuses a range outside the plan', () => {
    expect(() => planInRange(plan({}), { from: 300, to: 400 })).toThrow(RangeError);
    expect(() => planInRange(plan({}), { from: 50, to: 50 })).toThrow(RangeError);
  });

  it('keeps any valid plan valid, and every kept frame shows the same source frame as before', () => {
    const segmentsArb = fc
      .array(fc.record({ gap: fc.integer({ min: 0, max: 20 }), duration: fc.integer({ min: 4, max: 60 }), fade: fc.integer({ min: 0, max: 4 }), sourceStart: fc.integer({ min: 0, max: 500 }) }), { maxLength: 8 })
      .map((specs) => {
        let end = 0;
        let previousFade = 0;
        return specs.map((spec, index) => {
          const fade = index > 0 && spec.gap === 0 ? Math.min(spec.fade, Math.floor(spec.duration / 2)) : 0;
          const usable = index > 0 && fade > 0 && fade + previousFade <= specs[index - 1]!.duration ? fade : 0;
          const timelineStart = end + (usable > 0 ? -usable : spec.gap);
          end = timelineStart + spec.duration;
          previousFade = usable;
          return {
            source: `s${index}`,
            sourceStart: spec.sourceStart,
            timelineStart,
            duration: spec.duration,
            ...(usable > 0 ? { transitionIn: { kind: 'crossfade' as const, frames: usable } } : {}),
          };
        });
      });
    fc.assert(
      fc.property(segmentsArb, fc.integer({ min: 0, max: 600 }), fc.integer({ min: 1, max: 600 }), (segments, a, length) => {
        const duration = Math.max(1, ...segments.map((s) => s.timelineStart + s.duration));
        const whole = plan({ video: [{ segments }], duration });
        RenderPlanSchema.parse(whole);
        const from = a % duration;
        const to = Math.min(duration, from + length);
        const sliced = planInRange(whole, { from, to });
        RenderPlanSchema.parse(sliced);
        const shown = (p: RenderPlanInput, frame: number) =>
          (p.video[0]?.segments ?? [])
            .filter((s) => frame >= s.timelineStart && frame < s.timelineStart + s.duration)
            .map((s) => `${s.source}@${s.sourceStart + frame - s.timelineStart}`);
        for (let frame = from; frame < to; frame++) {
          expect(shown(sliced, frame - from)).toEqual(shown(whole, frame));
        }
      }),
      { numRuns: 300 },
    );
  });
});
