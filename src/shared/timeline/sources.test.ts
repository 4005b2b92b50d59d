import { describe, expect, it } from 'vitest';
import type { MediaInfo } from '../media';
import { sourcesFromAssets } from './sources';

function media(kind: MediaInfo['kind'], duration: number | null, audioStreams: number): MediaInfo {
  return {
    kind,
    container: null,
    duration,
    sizeBytes: null,
    bitRate: null,
    creationTime: null,
    video: null,
    audio: Array.from({ length: audioStreams }, (_, index) => ({
      index,
      codec: 'aac',
      channels: 2,
      channelLayout: null,
      sampleRate: 48000,
      language: null,
    })),
    subtitles: [],
    attachedPicture: null,
  };
}

describe('sourcesFromAssets', () => {
  it('measures media in whole frames of the sequence, rounding down so no clip asks past the end', () => {
    const sources = sourcesFromAssets(
      [
        { id: 'talk', kind: 'video', media: media('video', 10.01, 1) },
        { id: 'still', kind: 'image', media: media('image', null, 0) },
        { id: 'odd', kind: 'video', media: media('video', null, 0) },
        { id: 'song', kind: 'audio', media: media('audio', 9.999999999, 1) },
      ],
      { num: 30000, den: 1001 },
    );
    expect(sources.get('talk')).toEqual({ kind: 'video', frames: 300, hasSound: true });
    expect(sources.get('still')).toEqual({ kind: 'image', frames: null, hasSound: false });
    expect(sources.get('odd')).toEqual({ kind: 'video', frames: null, hasSound: false });
    expect(sources.get('song')?.frames).toBe(299);
    expect(sources.get('missing')).toBeUndefined();
  });
});
