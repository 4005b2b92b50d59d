import { describe, expect, it } from 'vitest';
import { framesToSeconds, RenderPlanSchema, type RenderPlanInput } from './render-plan';

const base = (video: RenderPlanInput['video'], extra: Partial<RenderPlanInput> = {}): RenderPlanInput => ({
  frameRate: { num: 25, den: 1 },
  frameSize: { width: 1920, height: 1080 },
  duration: 100,
  video,
  audio: [],
  ...extra,
});

const segment = (timelineStart: number, duration: number, transitionFrames?: number) => ({
  source: '/media/a.mp4',
  sourceStart: 0,
  timelineStart,
  duration,
  ...(transitionFrames === undefined ? {} : { transitionIn: { kind: 'crossfade' as const, frames: transitionFrames } }),
});

const messages = (input: RenderPlanInput) => {
  const result = RenderPlanSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('render plans', () => {
  it('accepts hard cuts, gaps and crossfades, filling in defaults', () => {
    const plan = RenderPlanSchema.parse(
      base([{ segments: [segment(0, 40), segment(30, 40, 10), segment(80, 20)] }], {
        audio: [{ segments: [{ ...segment(0, 50), volume: 0.5 }] }],
      }),
    );
    expect(plan).toMatchObject({ sampleRate: 48_000, fit: 'letterbox', overlays: [] });
    expect(plan.audio[0]).toMatchObject({ volume: 1, muted: false });
  });

  it('refuses overlapping segments, misplaced crossfades and anything past the end', () => {
    expect(messages(base([{ segments: [segment(0, 40), segment(39, 10)] }]))).toEqual([
      'video.0.segments.1: starts at frame 39, before the previous segment ends (40)',
    ]);
    expect(messages(base([{ segments: [segment(0, 40), segment(35, 10, 10)] }]))).toEqual([
      'video.0.segments.1: a 10-frame crossfade must start at frame 30',
    ]);
    expect(messages(base([{ segments: [segment(0, 40, 5)] }]))).toEqual(['video.0.segments.0.transitionIn: the first segment has nothing to cross-fade from']);
    expect(messages(base([{ segments: [segment(90, 20)] }]))).toEqual(["video.0.segments.0: ends at frame 110, after the plan's 100 frames"]);
  });

  it('refuses a crossfade longer than a segment it joins, or than ffmpeg can mix', () => {
    // 10 frames of fade in + 35 of fade out do not fit in a 40-frame segment.
    expect(messages(base([{ segments: [segment(0, 20), segment(10, 40, 10), segment(15, 40, 35)] }]))).toEqual([
      'video.0.segments.2.transitionIn: a 35-frame crossfade is longer than a segment it joins',
    ]);
    const long = base([{ segments: [segment(0, 2000), segment(400, 2000, 1600)] }], { duration: 2400 });
    expect(messages(long)).toEqual(['video.0.segments.1.transitionIn: a crossfade lasts at most 60 seconds']);
  });

  it('refuses odd frame sizes, bad colours and overlays past the end', () => {
    expect(messages(base([], { frameSize: { width: 1921, height: 1080 } })).length).toBe(1);
    expect(RenderPlanSchema.safeParse({ ...base([]), sampleRate: 22_050 }).success).toBe(false);
    const title = { kind: 'title' as const, text: 'Hi', size: 0.1, color: 'red', start: 0, duration: 10, x: 0.5, y: 0.5 };
    expect(messages(base([], { overlays: [title] }))).toEqual(['overlays.0.color: A colour is #RRGGBB']);
    expect(messages(base([], { overlays: [{ ...title, color: '#ff0000', start: 95 }] }))).toEqual([
      "overlays.0: ends at frame 105, after the plan's 100 frames",
    ]);
  });

  it('converts frames to seconds at rational rates', () => {
    expect(framesToSeconds(30_000, { num: 30_000, den: 1001 })).toBe(1001);
  });
});
