import { describe, expect, it } from 'vitest';
import {
  bitRateLabel,
  channelsLabel,
  containerLabel,
  frameRateLabel,
  ratioLabel,
  relinkLabel,
  resolutionLabel,
  sampleRateLabel,
  shortFingerprint,
} from './media-labels';

const shown = (displayWidth: number, displayHeight: number) => ({ displayWidth, displayHeight });

describe('resolutionLabel', () => {
  it('names the common sizes', () => {
    expect(resolutionLabel(shown(3840, 2160))).toBe('4K');
    expect(resolutionLabel(shown(4096, 2160))).toBe('4K');
    expect(resolutionLabel(shown(1920, 1080))).toBe('1080p');
    expect(resolutionLabel(shown(2560, 1440))).toBe('1440p');
    expect(resolutionLabel(shown(1280, 720))).toBe('720p');
    expect(resolutionLabel(shown(7680, 4320))).toBe('8K');
  });

  it('names a portrait clip by its long side', () => {
    expect(resolutionLabel(shown(1080, 1920))).toBe('1080p');
  });

  it('counts a widescreen crop in its class', () => {
    expect(resolutionLabel(shown(1920, 800))).toBe('1080p');
  });

  it('gives width × height for small, square and strip-shaped pictures', () => {
    expect(resolutionLabel(shown(640, 480))).toBe('640×480');
    expect(resolutionLabel(shown(1080, 1080))).toBe('1080×1080');
    expect(resolutionLabel(shown(1920, 200))).toBe('1920×200');
  });
});

describe('media labels', () => {
  it('writes frame rates with the decimals that matter', () => {
    expect(frameRateLabel({ num: 30000, den: 1001 })).toBe('29.97 fps');
    expect(frameRateLabel({ num: 24000, den: 1001 })).toBe('23.976 fps');
    expect(frameRateLabel({ num: 25, den: 1 })).toBe('25 fps');
  });

  it('reduces ratios', () => {
    expect(ratioLabel({ num: 1920, den: 1080 })).toBe('16:9');
    expect(ratioLabel({ num: 1, den: 1 })).toBe('1:1');
  });

  it('names channels by layout when known', () => {
    expect(channelsLabel(6, '5.1(side)')).toBe('5.1(side)');
    expect(channelsLabel(1, null)).toBe('mono');
    expect(channelsLabel(2, null)).toBe('stereo');
    expect(channelsLabel(4, null)).toBe('4 channels');
  });

  it('writes sample rates in kHz', () => {
    expect(sampleRateLabel(48000)).toBe('48 kHz');
    expect(sampleRateLabel(44100)).toBe('44.1 kHz');
  });

  it('picks the container name matching the file', () => {
    expect(containerLabel('mov,mp4,m4a,3gp,3g2,mj2', 'clip.MP4')).toBe('MP4');
    expect(containerLabel('mov,mp4,m4a,3gp,3g2,mj2', 'clip.mov')).toBe('MOV');
    expect(containerLabel('matroska,webm', 'clip.mkv')).toBe('MATROSKA');
    expect(containerLabel('wav', 'take')).toBe('WAV');
  });

  it('names still images by their extension rather than ffprobe’s image reader', () => {
    expect(containerLabel('image2', 'photo.jpg')).toBe('JPG');
    expect(containerLabel('png_pipe', 'logo.png')).toBe('PNG');
    expect(containerLabel('png_pipe', 'logo')).toBe('PNG_PIPE');
  });

  it('shortens a fingerprint to the start of its hash', () => {
    expect(shortFingerprint(`v1:1234:abcdef0123456789${'0'.repeat(48)}`)).toBe('abcdef012345');
  });
});

describe('bitRateLabel', () => {
  it('writes megabits for video rates and kilobits for audio rates', () => {
    expect(bitRateLabel(8_200_000)).toBe('8.2 Mb/s');
    expect(bitRateLabel(320_000)).toBe('320 kb/s');
  });
});

describe('relinkLabel', () => {
  it('says how many were found and how many are still missing', () => {
    expect(relinkLabel({ relinked: 3, missing: 1 })).toBe('3 relinked, 1 still missing');
    expect(relinkLabel({ relinked: 2, missing: 0 })).toBe('2 relinked, none missing any more');
    expect(relinkLabel({ relinked: 0, missing: 4 })).toBe('None found in that folder, 4 still missing');
    expect(relinkLabel({ relinked: 0, missing: 0 })).toBe('No asset was missing.');
  });
});
