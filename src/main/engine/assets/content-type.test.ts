import { describe, expect, it } from 'vitest';
import { contentTypeFor } from './content-type';

describe('contentTypeFor', () => {
  it('reads the extension case-insensitively', () => {
    expect(contentTypeFor('/m/Clip.MP4', 'video')).toBe('video/mp4');
    expect(contentTypeFor('/m/song.flac', 'audio')).toBe('audio/flac');
    expect(contentTypeFor('/cache/poster.jpg', null)).toBe('image/jpeg');
  });

  it('falls back on the probed kind, then on bytes', () => {
    expect(contentTypeFor('/m/recording.dat', 'audio')).toBe('audio/mpeg');
    expect(contentTypeFor('/m/capture', 'video')).toBe('video/mp4');
    expect(contentTypeFor('/cache/waveform.peaks', null)).toBe('application/octet-stream');
  });
});
