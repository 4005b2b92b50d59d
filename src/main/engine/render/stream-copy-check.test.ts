import { describe, expect, it } from 'vitest';
import { RenderPlanSchema, type RenderPlanInput } from '../../../shared/render/render-plan';
import { canStreamCopy, type StreamCopySource } from './stream-copy-check';

const H264: StreamCopySource = {
  video: {
    codec: 'h264',
    profile: 'High',
    width: 1920,
    height: 1080,
    pixelFormat: 'yuv420p',
    sampleAspectRatio: '1:1',
    frameRate: { num: 25, den: 1 },
    constantFrameRate: true,
    extradataHash: 'md5:aaa',
    bFrames: false,
  },
  // A keyframe every second.
  keyframes: Array.from({ length: 60 }, (_, i) => i),
  decodeDelay: 0,
  frameCount: 1500,
};

function plan(parts: [source: string, sourceStart: number, duration: number][], extra: Partial<RenderPlanInput> = {}) {
  let timelineStart = 0;
  const segments = parts.map(([source, sourceStart, duration]) => {
    const segment = { source, sourceStart, timelineStart, duration };
    timelineStart += duration;
    return segment;
  });
  return RenderPlanSchema.parse({ frameRate: { num: 25, den: 1 }, frameSize: { width: 1920, height: 1080 }, duration: timelineStart, video: [{ segments }], audio: [], ...extra });
}

const check = (p: ReturnType<typeof plan>, sources: Record<string, StreamCopySource>, extension = '.mp4') =>
  canStreamCopy(p, new Map(Object.entries(sources)), extension);

describe('stream copy verdicts', () => {
  it('offers a copy when every cut starts on a keyframe, whatever the sound does', () => {
    const cuts = plan([['a.mp4', 50, 30], ['a.mp4', 125, 13], ['a.mp4', 0, 1]]);
    expect(check(cuts, { 'a.mp4': H264 })).toEqual({ ok: true });
    const mixed = { ...cuts, audio: [{ segments: [{ source: 'music.flac', sourceStart: 0, timelineStart: 0, duration: 44, volume: 0.3 }], volume: 1, muted: false }] };
    expect(check(mixed, { 'a.mp4': H264 })).toEqual({ ok: true });
  });

  it('joins identically coded files, and not differently coded ones', () => {
    const cuts = plan([['a.mp4', 50, 30], ['b.mp4', 0, 25]]);
    expect(check(cuts, { 'a.mp4': H264, 'b.mp4': H264 })).toEqual({ ok: true });
    const other = { ...H264, video: { ...H264.video!, extradataHash: 'md5:bbb' } };
    expect(check(cuts, { 'a.mp4': H264, 'b.mp4': other })).toEqual({
      ok: false,
      reason: 'a.mp4 and b.mp4 are coded differently; only identically coded files can be joined without re-encoding.',
    });
  });

  it('names the segment and the keyframes around an in-point between them', () => {
    expect(check(plan([['a.mp4', 0, 25], ['/media/a.mp4', 130, 20]]), { 'a.mp4': H264, '/media/a.mp4': H264 })).toEqual({
      ok: false,
      reason: 'Segment 2 (a.mp4) starts at 5.20 s of a.mp4, between keyframes at 5.00 s and 6.00 s; a lossless render can only cut in at a keyframe.',
    });
  });

  it('lets a cut end anywhere, unless the source stores frames out of order', () => {
    const cuts = plan([['a.mp4', 50, 33]]);
    expect(check(cuts, { 'a.mp4': H264 })).toEqual({ ok: true });
    const reordered = { ...H264, video: { ...H264.video!, bFrames: true } };
    const verdict = check(cuts, { 'a.mp4': reordered });
    expect(!verdict.ok && verdict.reason).toMatch(/ends at 3\.32 s of a\.mp4, between keyframes, .*B-frames/);
    expect(check(plan([['a.mp4', 50, 25], ['a.mp4', 1475, 25]]), { 'a.mp4': reordered })).toEqual({ ok: true });
  });

  it('refuses what only an encode can do', () => {
    const sources = { 'a.mp4': H264, 'logo.png': { ...H264, video: null } };
    const reason = (p: ReturnType<typeof plan>, extension = '.mp4', s: Record<string, StreamCopySource> = sources) => {
      const verdict = check(p, s, extension);
      return verdict.ok ? null : verdict.reason;
    };
    const cuts = plan([['a.mp4', 0, 25]]);
    expect(reason({ ...cuts, overlays: [{ kind: 'title', text: 'Hi', size: 0.1, color: '#ffffff', start: 0, duration: 5, x: 0.5, y: 0.5 }] })).toMatch(/Titles and images/);
    expect(reason({ ...cuts, video: [...cuts.video, ...cuts.video] })).toMatch(/stacks 2 video layers/);
    expect(reason({ ...cuts, video: [] })).toMatch(/no video/);
    expect(reason({ ...cuts, duration: 30 })).toMatch(/ends with a gap at 1\.00 s/);
    expect(reason({ ...cuts, video: [{ segments: [{ ...cuts.video[0]!.segments[0]!, timelineStart: 5 }] }], duration: 30 })).toMatch(/gap at 0\.00 s/);
    const faded = RenderPlanSchema.parse({
      frameRate: { num: 25, den: 1 },
      frameSize: { width: 1920, height: 1080 },
      duration: 40,
      video: [
        {
          segments: [
            { source: 'a.mp4', sourceStart: 0, timelineStart: 0, duration: 25 },
            { source: 'a.mp4', sourceStart: 50, timelineStart: 15, duration: 25, transitionIn: { kind: 'crossfade', frames: 10 } },
          ],
        },
      ],
      audio: [],
    });
    expect(reason(faded)).toMatch(/Segment 2 \(a\.mp4\) cross-fades/);
    expect(reason(plan([['logo.png', 0, 25]]))).toMatch(/no moving picture/);
    expect(reason({ ...cuts, frameSize: { width: 1280, height: 720 } })).toMatch(/1920×1080 and the sequence 1280×720/);
    expect(reason({ ...cuts, frameRate: { num: 30, den: 1 } })).toMatch(/25\.000 fps and the sequence at 30\.000 fps/);
    expect(reason(cuts, '.mp4', { 'a.mp4': { ...H264, video: { ...H264.video!, constantFrameRate: false } } })).toMatch(/variable frame rate/);
    expect(reason(cuts, '.mp4', { 'a.mp4': { ...H264, video: { ...H264.video!, codec: 'prores' } } })).toMatch(/prores, which a \.mp4 file cannot hold/);
    expect(reason(plan([['a.mp4', 1475, 50]]))).toMatch(/runs past the end of a\.mp4/);
  });
});
