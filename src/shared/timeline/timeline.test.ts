import { describe, expect, it } from 'vitest';
import { SOURCES, audioClip, imageClip, timelineWith, titleClip, videoClip } from './fixtures';
import { validateTimeline } from './invariants';
import {
  TimelineSchema,
  clipsAtFrame,
  newTimeline,
  replaceAssetIds,
  sourceOut,
  timelineDuration,
  trackLabel,
} from './timeline';

const timeline = timelineWith({
  video: [videoClip('a', 0, 30, 100), videoClip('b', 20, 40, 300)],
  videoTransitions: [{ afterClipId: 'a', duration: 10 }],
  audio: [audioClip('m', 5, 100)],
  overlay: [titleClip('t', 50, 10), imageClip('logo', 60, 5)],
});

describe('newTimeline', () => {
  it('is a valid, empty timeline with one video, one audio and the overlay track', () => {
    const empty = newTimeline();
    expect(TimelineSchema.parse(empty)).toEqual(empty);
    expect(validateTimeline(empty, SOURCES)).toEqual([]);
    expect([empty.videoTracks.length, empty.audioTracks.length, empty.overlayTrack.clips.length]).toEqual([1, 1, 0]);
    expect(timelineDuration(empty)).toBe(0);
  });
});

describe('timeline questions', () => {
  it('knows its length, the last frame any clip plays', () => {
    expect(timelineDuration(timeline)).toBe(105);
  });

  it('finds the clips at a frame, both clips inside a crossfade, bottom track first', () => {
    const at = (frame: number) => clipsAtFrame(timeline, frame).map(({ track, clip }) => `${trackLabel(timeline, track.id)}:${clip.id}`);
    expect(at(0)).toEqual(['V1:a']);
    expect(at(25)).toEqual(['V1:a', 'V1:b', 'A1:m']);
    expect(at(30)).toEqual(['V1:b', 'A1:m']);
    expect(at(55)).toEqual(['V1:b', 'Overlay:t', 'A1:m']);
    expect(at(105)).toEqual([]);
  });

  it('names tracks the way people read them', () => {
    expect(['video-1', 'audio-1', 'overlay', 'gone'].map((id) => trackLabel(timeline, id))).toEqual([
      'V1',
      'A1',
      'Overlay',
      'a track that is gone',
    ]);
  });

  it('plays a clip’s media from its in-point for its duration', () => {
    expect(sourceOut(videoClip('a', 500, 30, 100))).toBe(130);
  });

  it('swaps asset ids everywhere they appear', () => {
    const withRegion = {
      ...timeline,
      removedRegions: [{ id: 'r', trackId: 'video-1', frame: 0, kind: 'video' as const, assetId: 'talk', sourceIn: 0, duration: 2 }],
    };
    const swapped = replaceAssetIds(withRegion, (id) => `${id}-2`);
    expect(swapped.videoTracks[0]!.clips.map((c) => c.assetId)).toEqual(['talk-2', 'talk-2']);
    expect(swapped.overlayTrack.clips).toEqual([titleClip('t', 50, 10), imageClip('logo', 60, 5, 'logo-2')]);
    expect(swapped.removedRegions[0]!.assetId).toBe('talk-2');
  });
});
