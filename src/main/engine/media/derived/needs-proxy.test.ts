import { describe, expect, it } from 'vitest';
import type { AudioStreamInfo, MediaInfo, VideoInfo } from '../../../../shared/media';
import { needsProxy } from './needs-proxy';

const MP4 = 'mov,mp4,m4a,3gp,3g2,mj2';
const MKV = 'matroska,webm';

function video(codec: string, pixelFormat = 'yuv420p', bitDepth = 8): VideoInfo {
  return {
    index: 0, codec, width: 1920, height: 1080, displayWidth: 1920, displayHeight: 1080, sar: { num: 1, den: 1 },
    dar: { num: 16, den: 9 }, rotation: 0, frameRate: { num: 30, den: 1 }, variableFrameRate: false, pixelFormat, bitDepth, hasAlpha: false, hdr: null,
  };
}
const audio = (codec: string): AudioStreamInfo => ({ index: 1, codec, channels: 2, channelLayout: 'stereo', sampleRate: 48_000, language: null });

function media(container: string, picture: VideoInfo | null, sound: AudioStreamInfo[] = [], kind: MediaInfo['kind'] = picture ? 'video' : 'audio'): MediaInfo {
  return { kind, container, duration: kind === 'image' ? null : 10, sizeBytes: 1, bitRate: null, creationTime: null, video: picture, audio: sound, subtitles: [], attachedPicture: null };
}

describe('needsProxy', () => {
  it('plays H.264 and AAC in MP4 or MOV, and WebM, as they are', () => {
    expect(needsProxy(media(MP4, video('h264'), [audio('aac')]))).toEqual({ needed: false, reason: null });
    expect(needsProxy(media(MP4, video('h264', 'yuvj420p')))).toEqual({ needed: false, reason: null });
    expect(needsProxy(media(MKV, video('vp9'), [audio('opus')])).needed).toBe(false);
    expect(needsProxy(media(MKV, video('av1', 'yuv420p10le', 10), [audio('vorbis')])).needed).toBe(false);
  });

  it('converts codecs Chromium cannot decode everywhere', () => {
    expect(needsProxy(media(MP4, video('hevc'), [audio('aac')])).reason).toBe('HEVC video plays only after conversion');
    expect(needsProxy(media(MP4, video('prores', 'yuv422p10le', 10))).reason).toBe('ProRes video plays only after conversion');
    expect(needsProxy(media('mpeg', video('mpeg2video'), [audio('mp2')])).reason).toBe('MPEG-2 video plays only after conversion');
    expect(needsProxy(media('avi', video('mpeg4'), [audio('mp3')])).reason).toBe('MPEG-4 Part 2 video plays only after conversion');
  });

  it('converts H.264 beyond 8-bit 4:2:0', () => {
    expect(needsProxy(media(MP4, video('h264', 'yuv420p10le', 10))).reason).toBe('10-bit video plays only after conversion');
    expect(needsProxy(media(MP4, video('h264', 'yuv422p'))).reason).toBe('4:2:2 video plays only after conversion');
    expect(needsProxy(media(MP4, video('h264', 'yuv444p'))).reason).toBe('4:4:4 video plays only after conversion');
    expect(needsProxy(media(MP4, video('vp9', 'yuv420p10le', 10))).reason).toBe('10-bit video plays only after conversion');
    expect(needsProxy(media(MP4, video('h264', 'gray'))).reason).toBe('Video in the gray pixel format plays only after conversion');
  });

  it('previews HDR from a tone-mapped copy, even in a codec Chromium plays', () => {
    expect(needsProxy(media(MKV, { ...video('av1', 'yuv420p10le', 10), hdr: 'hlg' }))).toEqual({
      needed: true,
      reason: 'HDR (HLG) video is previewed from a tone-mapped copy',
    });
  });

  it('converts sound Chromium cannot play', () => {
    expect(needsProxy(media(MP4, null, [audio('alac')])).reason).toBe('Apple Lossless (ALAC) audio plays only after conversion');
    expect(needsProxy(media(MP4, video('h264'), [audio('ac3')])).reason).toBe('Dolby Digital (AC-3) audio plays only after conversion');
    expect(needsProxy(media(MP4, video('h264'), [audio('pcm_s16le')])).reason).toBe('Uncompressed (PCM) audio in MP4 and MOV files plays only after conversion');
    expect(needsProxy(media('aiff', null, [audio('pcm_s16be')])).reason).toBe('Uncompressed (PCM) audio plays only after conversion');
  });

  it('plays the common audio files as they are', () => {
    for (const [container, codec] of [['mp3', 'mp3'], ['wav', 'pcm_s16le'], ['wav', 'pcm_f32le'], ['wav', 'pcm_u8'], ['flac', 'flac'], ['ogg', 'opus'], ['ogg', 'vorbis'], [MP4, 'aac'], ['aac', 'aac']]) {
      expect(needsProxy(media(container!, null, [audio(codec!)])), `${codec} in ${container}`).toEqual({ needed: false, reason: null });
    }
  });

  it('converts containers Chromium cannot open, even with playable codecs inside', () => {
    expect(needsProxy(media(MKV, video('h264'), [audio('aac')])).reason).toMatch(/^MKV files play only after conversion/);
    expect(needsProxy(media(MKV, video('vp9'), [audio('aac')])).needed).toBe(true);
    expect(needsProxy(media('avi', video('h264'), [audio('mp3')])).reason).toBe('AVI files play only after conversion');
    expect(needsProxy(media('mpegts', video('h264'), [audio('aac')])).reason).toBe('MPEG transport stream (MTS, M2TS, TS) files play only after conversion');
    expect(needsProxy(media(MP4, video('vp8'))).reason).toBe('VP8 video in MP4 and MOV files plays only after conversion');
    expect(needsProxy(media('mp3', null, [audio('aac')])).needed).toBe(true);
  });

  it('only judges the first sound track, the one a player plays', () => {
    expect(needsProxy(media(MP4, video('h264'), [audio('aac'), audio('ac3')])).needed).toBe(false);
  });

  it('shows the images browsers show, and names those they cannot', () => {
    expect(needsProxy(media('png_pipe', video('png', 'rgba'), [], 'image'))).toEqual({ needed: false, reason: null });
    expect(needsProxy(media('jpeg_pipe', video('mjpeg', 'yuvj444p'), [], 'image')).needed).toBe(false);
    expect(needsProxy(media('tiff_pipe', video('tiff', 'rgb24'), [], 'image'))).toEqual({ needed: true, reason: 'TIFF images show only after conversion' });
  });
});
