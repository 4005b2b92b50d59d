import { describe, expect, it } from 'vitest';
import { VideoInfoSchema, type VideoInfo } from '../media';
import { sequenceShapeOf } from './sequence-shape';

const PROJECT = { frameRate: { num: 30, den: 1 }, frameSize: { width: 1920, height: 1080 } };

function video(overrides: Partial<VideoInfo>): VideoInfo {
  return VideoInfoSchema.parse({
    index: 0, codec: 'h264', width: 1280, height: 720, displayWidth: 1280, displayHeight: 720, sar: { num: 1, den: 1 },
    dar: { num: 16, den: 9 }, rotation: 0, frameRate: { num: 25, den: 1 }, variableFrameRate: false, pixelFormat: 'yuv420p',
    bitDepth: 8, hasAlpha: false, hdr: null, ...overrides,
  });
}

describe('the frame of a sequence made from a video', () => {
  it('takes the video’s own rate and size', () => {
    expect(sequenceShapeOf(video({}), PROJECT)).toEqual({ frameRate: { num: 25, den: 1 }, frameSize: { width: 1280, height: 720 } });
    expect(sequenceShapeOf(video({ frameRate: { num: 30_000, den: 1001 } }), PROJECT).frameRate).toEqual({ num: 30_000, den: 1001 });
  });

  it('takes a phone video’s upright shape, with even sides', () => {
    const phone = video({ width: 1920, height: 1080, displayWidth: 1079, displayHeight: 1920, rotation: 90 });
    expect(sequenceShapeOf(phone, PROJECT).frameSize).toEqual({ width: 1078, height: 1920 });
  });

  it('keeps the project’s rate when the video’s is unknown or a timestamp clock, and the project’s frame for sound', () => {
    expect(sequenceShapeOf(video({ frameRate: null }), PROJECT).frameRate).toEqual(PROJECT.frameRate);
    expect(sequenceShapeOf(video({ frameRate: { num: 90_000, den: 1 } }), PROJECT).frameRate).toEqual(PROJECT.frameRate);
    expect(sequenceShapeOf(null, PROJECT)).toBe(PROJECT);
  });
});
