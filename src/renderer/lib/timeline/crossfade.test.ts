import { describe, expect, it } from 'vitest';
import { applyTimelineCommand } from '../../../shared/timeline/commands';
import { newTimeline, type Timeline, type VideoClip } from '../../../shared/timeline/timeline';
import { crossfadeAction, crossfadeSpans, defaultCrossfadeFrames } from './crossfade';

const clip = (id: string, start: number, duration: number, sourceIn = 50): VideoClip => ({
  kind: 'video',
  id,
  assetId: 'a1b2c3d4-0000-4000-8000-000000000001',
  start,
  duration,
  sourceIn,
  volume: 1,
});

function timelineWith(...clips: VideoClip[]): Timeline {
  const timeline = newTimeline();
  timeline.videoTracks[0]!.clips = clips;
  return timeline;
}

describe('crossfades in the editor', () => {
  it('offers a crossfade only into a clip that touches the selected one', () => {
    const timeline = timelineWith(clip('a', 0, 60), clip('b', 60, 60), clip('c', 150, 60));
    expect(crossfadeAction(timeline, 'a')).toEqual({ kind: 'add', afterClipId: 'a' });
    expect(crossfadeAction(timeline, 'b')).toBeNull();
    expect(crossfadeAction(timeline, 'c')).toBeNull();
    expect(crossfadeAction(timeline, 'nope')).toBeNull();
  });

  it('offers removal once added, and draws it over the overlap of the two clips', () => {
    const sources = new Map([['a1b2c3d4-0000-4000-8000-000000000001', { kind: 'video' as const, frames: 1000, hasSound: true }]]);
    const faded = applyTimelineCommand(timelineWith(clip('a', 0, 60), clip('b', 60, 60)), { type: 'transition.add', afterClipId: 'a', duration: 10 }, sources).timeline;
    expect(crossfadeAction(faded, 'a')).toEqual({ kind: 'remove', afterClipId: 'a' });
    const [span] = crossfadeSpans(faded.videoTracks[0]!);
    const b = faded.videoTracks[0]!.clips[1]!;
    expect(span).toEqual({ afterClipId: 'a', start: b.start, duration: 10 });
  });

  it('defaults to half a second', () => {
    expect(defaultCrossfadeFrames({ num: 30000, den: 1001 })).toBe(15);
    expect(defaultCrossfadeFrames({ num: 25, den: 1 })).toBe(13);
  });
});
