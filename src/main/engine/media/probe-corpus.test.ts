import { describe, expect, it } from 'vitest';
import type { MediaInfo } from '../../../shared/media';
import { ensureTestMedia, type GoodTestMedia } from '../../../../test/media/corpus';
import { locateTool } from '../ffmpeg/locate';
import { probeFile, ProbeError } from './probe';

const corpus = await ensureTestMedia();
const ffprobe = locateTool('ffprobe').path;

/** Containers pad or trim a little (codec priming, the last frame's length): allow one frame, and never under 50 ms. */
function durationTolerance(media: GoodTestMedia): number {
  const rate = media.video?.frameRate;
  return Math.max(0.05, rate ? rate.den / rate.num : 0);
}

/** The probe's answer in the shape of the ground truth, leaving out what is compared with a tolerance. */
function asTruth(info: MediaInfo) {
  const video = info.video;
  return {
    kind: info.kind,
    container: info.container,
    video: video && {
      codec: video.codec,
      width: video.width,
      height: video.height,
      displayWidth: video.displayWidth,
      displayHeight: video.displayHeight,
      rotation: video.rotation,
      sar: video.sar,
      vfr: video.variableFrameRate,
      pixelFormat: video.pixelFormat,
      bitDepth: video.bitDepth,
      hasAlpha: video.hasAlpha,
    },
    audio: info.audio.map(({ codec, channels, sampleRate }) => ({ codec, channels, sampleRate })),
    hasAttachedPicture: info.attachedPicture !== null,
    subtitles: info.subtitles.map(({ codec, language }) => ({ codec, language })),
    creationTime: info.creationTime,
  };
}

function expectedOf(media: GoodTestMedia) {
  return {
    kind: media.kind,
    container: media.container,
    // toEqual passes over undefined properties.
    video: media.video && { ...media.video, frameRate: undefined },
    audio: media.audio ? [media.audio] : [],
    hasAttachedPicture: media.hasAttachedPicture,
    subtitles: media.subtitles,
    creationTime: media.creationTime,
  };
}

describe('probeFile on the generated test media', () => {
  it.each(Object.values(corpus.good))('reads $name as it was made', async (media) => {
    const info = await probeFile(ffprobe, media.path);
    expect(asTruth(info)).toEqual(expectedOf(media));

    if (media.durationSeconds === null) expect(info.duration).toBeNull();
    else expect(Math.abs((info.duration ?? Number.NaN) - media.durationSeconds)).toBeLessThanOrEqual(durationTolerance(media));

    const expectedRate = media.video?.frameRate ?? null;
    if (expectedRate === null || !media.video?.vfr) {
      expect(info.video?.frameRate ?? null).toEqual(expectedRate);
    } else {
      // A variable rate's average depends on how long the muxer makes the last frame.
      const rate = info.video?.frameRate;
      expect(rate && rate.num / rate.den).toBeCloseTo(expectedRate.num / expectedRate.den, 0);
    }
  });

  it('keeps cover art out of the video', async () => {
    const info = await probeFile(ffprobe, corpus.good['tone.mp3'].path);
    expect(info).toMatchObject({ kind: 'audio', video: null, attachedPicture: { codec: 'mjpeg', width: 64, height: 64 } });
  });

  it('turns an upright phone clip clockwise and swaps its display size', async () => {
    const info = await probeFile(ffprobe, corpus.good['phone-rotated.mp4'].path);
    expect(info.video).toMatchObject({ width: 320, height: 180, rotation: 90, displayWidth: 180, displayHeight: 320 });
  });

  it.each(Object.values(corpus.bad))('explains why $name cannot be used', async (media) => {
    const failure = await probeFile(ffprobe, media.path).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ProbeError);
    expect((failure as ProbeError).message).toContain(media.path);
    expect((failure as ProbeError).message).toMatch(media.reasonPattern);
    expect((failure as ProbeError).reason).toBe('not-media');
  });
});
