import { describe, expect, it } from 'vitest';
import { RenderPlanSchema } from '../render/render-plan';
import { audioClip, imageClip, timelineWith, titleClip, videoClip } from './fixtures';
import { sequenceRenderPlan, UnrenderableSequence, type PlanMedia } from './render-plan';
import { newTimeline, type Timeline } from './timeline';

const MEDIA: Record<string, PlanMedia> = {
  talk: { path: '/m/talk.mp4', hasSound: true },
  broll: { path: '/m/broll.mp4', hasSound: false },
  music: { path: '/m/music.wav', hasSound: true },
  logo: { path: '/m/logo.png', hasSound: false },
};
const media = (id: string) => MEDIA[id] ?? null;
const sequence = (timeline: Timeline) => ({ frameRate: { num: 30, den: 1 }, frameSize: { width: 1920, height: 1080 }, timeline });

describe('sequenceRenderPlan', () => {
  it('turns clips into segments with their sound, crossfades into transitionIn, and validates as a plan', () => {
    const plan = sequenceRenderPlan(
      sequence(
        timelineWith({
          video: [videoClip('a', 0, 60, 10), videoClip('b', 50, 40, 200, 'broll')],
          videoTransitions: [{ afterClipId: 'a', duration: 10 }],
          audio: [audioClip('m', 0, 90, 0)],
          overlay: [titleClip('t', 5, 20, 'Hello')],
        }),
      ),
      48_000,
      media,
    );
    expect(RenderPlanSchema.safeParse(plan).success).toBe(true);
    expect(plan.duration).toBe(90);
    expect(plan.video).toEqual([
      {
        segments: [
          { source: '/m/talk.mp4', sourceStart: 10, timelineStart: 0, duration: 60 },
          { source: '/m/broll.mp4', sourceStart: 200, timelineStart: 50, duration: 40, transitionIn: { kind: 'crossfade', frames: 10 } },
        ],
      },
    ]);
    // The talk's own sound, then the music track; b-roll has none.
    expect(plan.audio.map((t) => t.segments.map((s) => [s.source, s.timelineStart, s.volume]))).toEqual([
      [['/m/talk.mp4', 0, 1]],
      [['/m/music.wav', 0, 1]],
    ]);
    expect(plan.overlays).toEqual([expect.objectContaining({ kind: 'title', text: 'Hello', start: 5, duration: 20 })]);
  });

  it('leaves hidden pictures out, keeps muted sound as muted, and shows a video track’s images as stills of its layer', () => {
    const base = timelineWith({ video: [videoClip('a', 0, 30), imageClip('i', 30, 30)], audio: [audioClip('m', 0, 60)] });
    const timeline: Timeline = {
      ...base,
      videoTracks: [{ ...base.videoTracks[0]!, hidden: true }],
      audioTracks: [{ ...base.audioTracks[0]!, muted: true }],
    };
    const plan = sequenceRenderPlan(sequence(timeline), 48_000, media);
    expect(plan.video).toEqual([]);
    expect(plan.overlays).toEqual([]);
    expect(plan.audio.map((t) => t.muted)).toEqual([false, true]);
    const shown = sequenceRenderPlan(sequence(base), 48_000, media);
    expect(shown.overlays).toEqual([]);
    expect(shown.video[0]!.segments.map((s) => [s.source, s.sourceStart, s.timelineStart, s.duration])).toEqual([
      ['/m/talk.mp4', 0, 0, 30],
      ['/m/logo.png', 0, 30, 30],
    ]);
  });

  it('crossfades from an image on a video track into the next clip, and the plan validates', () => {
    const base = timelineWith({ video: [imageClip('i', 0, 30), videoClip('b', 20, 40)] });
    const timeline: Timeline = { ...base, videoTracks: [{ ...base.videoTracks[0]!, transitions: [{ afterClipId: 'i', duration: 10 }] }] };
    const plan = sequenceRenderPlan(sequence(timeline), 48_000, media);
    expect(plan.video[0]!.segments[1]).toMatchObject({ timelineStart: 20, transitionIn: { kind: 'crossfade', frames: 10 } });
    // The image has no sound to cross-fade from: the talk's sound starts at its cut.
    expect(plan.audio[0]!.segments).toEqual([{ source: '/m/talk.mp4', sourceStart: 0, timelineStart: 20, duration: 40, volume: 1 }]);
    expect(RenderPlanSchema.safeParse(plan).success).toBe(true);
  });

  it('refuses an empty sequence and a clip whose media is gone, saying which', () => {
    expect(() => sequenceRenderPlan(sequence(newTimeline()), 48_000, media)).toThrow(UnrenderableSequence);
    expect(() => sequenceRenderPlan(sequence(timelineWith({ video: [videoClip('x', 0, 10, 0, 'gone')] })), 48_000, media)).toThrow(
      /Clip x uses media that is missing/,
    );
  });
});
