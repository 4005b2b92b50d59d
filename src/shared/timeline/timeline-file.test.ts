import { describe, expect, it } from 'vitest';
import { audioClip, imageClip, timelineWith, titleClip, videoClip } from './fixtures';
import { replaceAssetIds, type Timeline } from './timeline';
import { TimelineFileError, parseTimelineFile, timelineFileFromSequence } from './timeline-file';

const timeline: Timeline = {
  ...timelineWith({
    video: [
      { ...videoClip('a', 0, 30, 100), reason: { kind: 'speech', text: 'Welcome, everyone' } },
      videoClip('b', 20, 40, 300),
      imageClip('still', 80, 24, 'logo'),
    ],
    videoTransitions: [{ afterClipId: 'a', duration: 10 }],
    audio: [{ ...audioClip('m', 0, 120), volume: 0.4 }],
    overlay: [titleClip('t', 0, 48, 'Episode 12')],
    removedRegions: [
      { id: 'r', trackId: 'video-1', frame: 60, kind: 'video', assetId: 'talk', sourceIn: 340, duration: 15, reason: { kind: 'pause', text: 'Silence' } },
    ],
  }),
  markers: [{ id: 'm', frame: 48, label: 'Chorus', colour: 'purple' }],
};
const sequence = { name: 'Main cut', frameRate: { num: 30000, den: 1001 }, frameSize: { width: 1920, height: 1080 }, timeline };
const paths = new Map([
  ['talk', 'media/talk.mp4'],
  ['music', '/music/bed.mp3'],
  ['logo', 'logo.png'],
]);

/** A small valid file, as a script would write it. */
function scriptFile() {
  return {
    format: 'reelsmith-timeline',
    version: 1,
    frameRate: { num: 30, den: 1 },
    frameSize: { width: 1280, height: 720 },
    sampleRate: 48000,
    tracks: {
      video: [
        {
          clips: [
            { kind: 'video', media: 'a.mp4', start: 0, duration: 60 },
            { kind: 'video', media: 'b.mp4', start: 50, duration: 60, sourceIn: 30, crossfadeIn: 10 },
          ],
        },
      ],
      audio: [{ clips: [{ kind: 'audio', media: 'a.mp4', start: 0, duration: 100, volume: 0.5 }] }],
    },
  };
}

/** The small file as JSON text, after `change` has spoilt it. */
function file(change: (f: ReturnType<typeof scriptFile>) => void = () => undefined): string {
  const value = scriptFile();
  change(value);
  return JSON.stringify(value);
}

const problems = (text: string) => {
  try {
    parseTimelineFile(text);
  } catch (error) {
    if (error instanceof TimelineFileError) return error.problems;
    throw error;
  }
  throw new Error('expected the file to be refused');
};

describe('timeline files', () => {
  it('write a sequence that reads back as the same timeline', () => {
    const written = JSON.stringify(timelineFileFromSequence(sequence, paths, 48000), null, 2);
    const read = parseTimelineFile(written);
    expect(read).toMatchObject({ name: 'Main cut', frameRate: sequence.frameRate, frameSize: sequence.frameSize, sampleRate: 48000 });
    expect(read.media).toEqual([
      { assetId: 'media-1', path: 'media/talk.mp4' },
      { assetId: 'media-2', path: 'logo.png' },
      { assetId: 'media-3', path: '/music/bed.mp3' },
    ]);
    const byKey = new Map(read.media.map((m) => [m.assetId, [...paths].find(([, p]) => p === m.path)![0]]));
    expect(replaceAssetIds(read.timeline, (key) => byKey.get(key)!)).toEqual(timeline);
  });

  it('read a script’s file, making up the ids it leaves out and turning crossfadeIn into a crossfade', () => {
    const read = parseTimelineFile(file());
    expect(read.name).toBeNull();
    expect(read.media).toEqual([
      { assetId: 'media-1', path: 'a.mp4' },
      { assetId: 'media-2', path: 'b.mp4' },
    ]);
    expect(read.timeline.videoTracks[0]).toEqual({
      kind: 'video',
      id: 'video-1',
      muted: false,
      hidden: false,
      clips: [
        { kind: 'video', id: 'clip-1', assetId: 'media-1', start: 0, duration: 60, sourceIn: 0, volume: 1 },
        { kind: 'video', id: 'clip-2', assetId: 'media-2', start: 50, duration: 60, sourceIn: 30, volume: 1 },
      ],
      transitions: [{ afterClipId: 'clip-1', duration: 10 }],
    });
    expect(read.timeline.overlayTrack).toEqual({ kind: 'overlay', id: 'overlay', hidden: false, clips: [], transitions: [] });
  });

  it('refuse other JSON and newer versions plainly', () => {
    expect(problems('{"format": "auto-editor"}')).toEqual([
      { path: 'format', message: 'It should be "reelsmith-timeline"; this is not a Reelsmith timeline file' },
    ]);
    expect(problems(file((f) => (f.version = 2)))).toEqual([
      { path: 'version', message: 'The file is version 2, newer than this Reelsmith reads (1); update Reelsmith' },
    ]);
    expect(problems('[1, 2')[0]!.message).toMatch(/^It is not JSON/);
  });

  it('say where each problem is and what is wrong with it', () => {
    expect(
      problems(
        file((f) => {
          f.tracks.video[0]!.clips[1]!.duration = 0;
          Object.assign(f.tracks.video[0]!.clips[0]!, { lenght: 5 });
          f.tracks.audio[0]!.clips[0]!.kind = 'video';
          Object.assign(f, { frameRate: { num: 30 } });
        }),
      ).map((p) => p.path),
    ).toEqual(['frameRate.den', 'tracks.video[0].clips[0]', 'tracks.video[0].clips[1].duration', 'tracks.audio[0].clips[0].kind']);
    expect(problems(file((f) => (f.tracks.video[0]!.clips[0]!.duration = 0)))).toEqual([
      { path: 'tracks.video[0].clips[0].duration', message: 'Too small: expected number to be >=1' },
    ]);
    expect(problems(file((f) => Object.assign(f.tracks.video[0]!.clips[0]!, { lenght: 5 })))).toEqual([
      { path: 'tracks.video[0].clips[0]', message: 'Unrecognized key: "lenght"' },
    ]);
  });

  it('explain clips that overlap without a crossfade, or whose crossfade does not fit', () => {
    expect(problems(file((f) => delete f.tracks.video[0]!.clips[1]!.crossfadeIn))).toEqual([
      {
        path: 'tracks.video[0].clips[1].start',
        message: 'This clip starts at frame 50, inside the clip before it (which ends at 60); start it later or give it "crossfadeIn": 10',
      },
    ]);
    expect(problems(file((f) => (f.tracks.video[0]!.clips[1]!.crossfadeIn = 12)))).toEqual([
      {
        path: 'tracks.video[0].clips[1].crossfadeIn',
        message: 'A 12-frame crossfade needs this clip to start at frame 48, 12 frames before the clip before it ends, not at 50',
      },
    ]);
    expect(problems(file((f) => (f.tracks.video[0]!.clips[0]!.crossfadeIn = 5)))).toEqual([
      { path: 'tracks.video[0].clips[0].crossfadeIn', message: 'There is no earlier clip on this track to crossfade from' },
    ]);
  });

  it('point at the clip behind a rule only the whole timeline can break', () => {
    const shared = file((f) => {
      Object.assign(f.tracks.video[0]!.clips[0]!, { id: 'x' });
      Object.assign(f.tracks.audio[0]!.clips[0]!, { id: 'x' });
    });
    expect(problems(shared)).toEqual([{ path: 'tracks.audio[0].clips[0]', message: 'Two clips share the id x' }]);
  });
});
