import { describe, expect, it } from 'vitest';
import type { MediaInfo } from '../../../shared/media';
import { newTimeline, type Timeline } from '../../../shared/timeline/timeline';
import { appendAssets, clipForAsset, type ClipAsset } from './asset-clips';

const rate = { num: 30, den: 1 };

function media(kind: MediaInfo['kind'], duration: number | null, sound: boolean): MediaInfo {
  return {
    kind,
    container: null,
    duration,
    sizeBytes: null,
    bitRate: null,
    creationTime: null,
    video: null,
    audio: sound ? [{ index: 1, codec: 'aac', channels: 2, channelLayout: null, sampleRate: 48000, language: null }] : [],
    subtitles: [],
    attachedPicture: null,
  };
}

const video: ClipAsset = { id: 'v', name: 'v.mp4', kind: 'video', media: media('video', 2.5, true) };
const mute: ClipAsset = { id: 'm', name: 'm.mp4', kind: 'video', media: media('video', 1, false) };
const audio: ClipAsset = { id: 'a', name: 'a.wav', kind: 'audio', media: media('audio', 1.01, true) };
const image: ClipAsset = { id: 'i', name: 'i.png', kind: 'image', media: media('image', null, false) };

describe('clipForAsset', () => {
  it('makes a clip of the whole media on a track that takes it', () => {
    expect(clipForAsset(video, 'video', 10, rate, 'c1')).toEqual({
      clip: { kind: 'video', id: 'c1', assetId: 'v', start: 10, duration: 75, sourceIn: 0, volume: 1 },
    });
    expect(clipForAsset(video, 'audio', 0, rate, 'c2')).toMatchObject({ clip: { kind: 'audio', duration: 75 } });
    expect(clipForAsset(audio, 'audio', 0, rate, 'c3')).toMatchObject({ clip: { kind: 'audio', duration: 30 } });
    expect(clipForAsset(image, 'overlay', 0, rate, 'c4')).toMatchObject({ clip: { kind: 'image', duration: 150 } });
  });

  it('makes a clip of a stretch of the media, such as a scene dragged from the gallery', () => {
    expect(clipForAsset(video, 'video', 0, rate, 'c5', { from: 0.5, to: 1.2 })).toMatchObject({ clip: { sourceIn: 15, duration: 21 } });
    // A stretch past the end is cut to the media; one inside a single frame is refused.
    expect(clipForAsset(video, 'video', 0, rate, 'c6', { from: 2, to: 9 })).toMatchObject({ clip: { sourceIn: 60, duration: 15 } });
    expect(clipForAsset(video, 'video', 0, rate, 'c7', { from: 1, to: 1.01 })).toHaveProperty('refusal');
  });

  it('says why a track cannot take an asset', () => {
    expect(clipForAsset(audio, 'video', 0, rate, 'x')).toHaveProperty('refusal');
    expect(clipForAsset(mute, 'audio', 0, rate, 'x')).toHaveProperty('refusal');
    expect(clipForAsset(video, 'overlay', 0, rate, 'x')).toHaveProperty('refusal');
    expect(clipForAsset(image, 'audio', 0, rate, 'x')).toHaveProperty('refusal');
    expect(clipForAsset({ ...video, media: media('video', null, true) }, 'video', 0, rate, 'x')).toHaveProperty('refusal');
  });
});

describe('appendAssets', () => {
  it('appends video and images to V1 and audio to A1, one after another', () => {
    const timeline: Timeline = newTimeline();
    timeline.videoTracks[0]!.clips.push({ kind: 'image', id: 'old', assetId: 'i', start: 0, duration: 40 });
    let n = 0;
    const plan = appendAssets(timeline, [video, audio, image, audio], rate, () => `n${++n}`);
    expect(plan.refusals).toEqual([]);
    expect(plan.commands.map((c) => (c.type === 'clip.add' ? [c.trackId, c.clip.start, c.clip.id] : null))).toEqual([
      ['video-1', 40, 'n1'],
      ['audio-1', 0, 'n2'],
      ['video-1', 115, 'n3'],
      ['audio-1', 30, 'n4'],
    ]);
  });

  it('reports assets it cannot add', () => {
    const timeline = { ...newTimeline(), audioTracks: [] };
    const plan = appendAssets(timeline, [audio, { ...video, media: media('video', null, true) }], rate, () => 'x');
    expect(plan.commands).toEqual([]);
    expect(plan.refusals).toHaveLength(2);
  });
});
