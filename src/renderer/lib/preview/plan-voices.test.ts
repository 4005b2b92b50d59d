import { describe, expect, it } from 'vitest';
import type { RenderPlanInput } from '../../../shared/render/render-plan';
import { previewFrame } from './plan-voices';

const plan: RenderPlanInput = {
  frameRate: { num: 25, den: 1 },
  frameSize: { width: 640, height: 360 },
  duration: 200,
  video: [
    {
      segments: [
        { source: 'a', sourceStart: 50, timelineStart: 0, duration: 100 },
        { source: 'b', sourceStart: 0, timelineStart: 90, duration: 60, transitionIn: { kind: 'crossfade', frames: 10 } },
        { source: 'a', sourceStart: 300, timelineStart: 170, duration: 30 },
      ],
    },
  ],
  audio: [
    {
      segments: [
        { source: 'a', sourceStart: 50, timelineStart: 0, duration: 100, volume: 0.5 },
        { source: 'b', sourceStart: 0, timelineStart: 90, duration: 60, transitionIn: { kind: 'crossfade', frames: 10 } },
      ],
      volume: 2,
    },
    { segments: [{ source: 'm', sourceStart: 0, timelineStart: 0, duration: 200 }], muted: true },
  ],
  overlays: [{ kind: 'title', text: 'Hello', start: 20, duration: 10, x: 0.5, y: 0.8, size: 0.1, color: '#ffffff' }],
};

describe('previewFrame', () => {
  it('plays the segment under the frame at the matching source time', () => {
    const frame = previewFrame(plan, 20, 0);
    expect(frame.voices.filter((v) => v.kind === 'picture')).toEqual([
      { key: 'picture-0-0', kind: 'picture', lane: 0, source: 'a', sourceSeconds: 70 / 25, state: 'active', level: 1 },
    ]);
    expect(frame.overlays.map((o) => o.kind)).toEqual(['title']);
  });

  it('plays both voices of a lane through a crossfade, the incoming picture fading in over the outgoing one', () => {
    const voices = previewFrame(plan, 95, 0).voices.filter((v) => v.kind === 'picture');
    expect(voices.map((v) => [v.key, v.source, v.level])).toEqual([
      ['picture-0-0', 'a', 1],
      ['picture-0-1', 'b', 0.55],
    ]);
    const sounds = previewFrame(plan, 95, 0).voices.filter((v) => v.lane === 0 && v.kind === 'sound');
    expect(sounds.map((v) => v.source)).toEqual(['a', 'b']);
    expect(sounds[0]!.level).toBeCloseTo(0.45 * 0.5 * 2, 9);
    expect(sounds[1]!.level).toBeCloseTo(0.55 * 2, 9);
  });

  it('cues the next segment on the idle voice, and silences muted tracks', () => {
    const voices = previewFrame(plan, 160, 20).voices;
    expect(voices.find((v) => v.key === 'picture-0-0')).toMatchObject({ source: 'a', state: 'cued', sourceSeconds: 300 / 25 });
    expect(voices.find((v) => v.lane === 1 && v.kind === 'sound')).toMatchObject({ state: 'active', level: 0 });
    expect(previewFrame(plan, 160, 5).voices.some((v) => v.state === 'cued' && v.kind === 'picture')).toBe(false);
  });

  it('shows nothing in a gap and after the end', () => {
    expect(previewFrame(plan, 155, 0).voices.filter((v) => v.kind === 'picture')).toEqual([]);
    expect(previewFrame(plan, 250, 0).voices.filter((v) => v.state === 'active' && v.kind === 'picture')).toEqual([]);
  });
});
