import { describe, expect, it } from 'vitest';
import {
  TimelineCommandRejected,
  applyTimelineCommand,
  describeTimelineCommand,
  type TimelineCommand,
} from './commands';
import { SOURCES, audioClip, deepFreeze, imageClip, timelineWith, titleClip, videoClip } from './fixtures';
import { validateTimeline } from './invariants';
import { newTimeline, type RemovedRegion, type Timeline } from './timeline';

const apply = (timeline: Timeline, command: TimelineCommand) => {
  const { timeline: next, inverse } = applyTimelineCommand(deepFreeze(timeline), command, SOURCES);
  expect(validateTimeline(next, SOURCES)).toEqual([]);
  expect(applyTimelineCommand(next, inverse, SOURCES).timeline).toEqual(timeline);
  return next;
};
const rejects = (timeline: Timeline, command: TimelineCommand, message: string | RegExp) => {
  expect(() => applyTimelineCommand(timeline, command, SOURCES)).toThrow(TimelineCommandRejected);
  expect(() => applyTimelineCommand(timeline, command, SOURCES)).toThrow(message);
};
const v1 = (timeline: Timeline) => timeline.videoTracks[0]!;
const layout = (timeline: Timeline) =>
  v1(timeline).clips.map((c) => `${c.id}@${c.start}+${c.duration}${'sourceIn' in c ? `<${c.sourceIn}` : ''}`);

describe('adding clips', () => {
  it('places a clip in a gap and refuses one on top of another', () => {
    const timeline = timelineWith({ video: [videoClip('a', 0, 30), videoClip('b', 60, 30)] });
    const next = apply(timeline, { type: 'clip.add', trackId: 'video-1', clip: videoClip('c', 30, 30, 100), ripple: false });
    expect(layout(next)).toEqual(['a@0+30<0', 'c@30+30<100', 'b@60+30<0']);
    rejects(
      timeline,
      { type: 'clip.add', trackId: 'video-1', clip: videoClip('c', 50, 20), ripple: false },
      'Clips would overlap on V1 at frame 60; only a crossfade may overlap two clips',
    );
  });

  it('inserts with ripple: later clips and the removed parts after them move later', () => {
    const region: RemovedRegion = { id: 'r', trackId: 'video-1', frame: 40, kind: 'video', assetId: 'talk', sourceIn: 500, duration: 5 };
    const timeline = timelineWith({ video: [videoClip('a', 0, 30), videoClip('b', 40, 30)], removedRegions: [region] });
    const next = apply(timeline, { type: 'clip.add', trackId: 'video-1', clip: videoClip('c', 30, 10), ripple: true });
    expect(layout(next)).toEqual(['a@0+30<0', 'c@30+10<0', 'b@50+30<0']);
    expect(next.removedRegions).toEqual([{ ...region, frame: 50 }]);
    rejects(
      timeline,
      { type: 'clip.add', trackId: 'video-1', clip: videoClip('c', 10, 10), ripple: true },
      'A clip on V1 covers frame 10; split it there or insert at a cut',
    );
  });

  it('refuses a clip on the wrong track, past its media, or with an id already used', () => {
    const timeline = timelineWith({ video: [videoClip('a', 0, 30)] });
    rejects(timeline, { type: 'clip.add', trackId: 'audio-1', clip: audioClip('b', 0, 10, 0, 'broll'), ripple: false }, 'A clip on A1 needs media with sound');
    rejects(timeline, { type: 'clip.add', trackId: 'overlay', clip: videoClip('b', 0, 10), ripple: false }, 'A video clip cannot go on Overlay');
    rejects(timeline, { type: 'clip.add', trackId: 'video-1', clip: videoClip('b', 100, 10, 295, 'broll'), ripple: false }, 'runs past the end of its media (to frame 305 of 300)');
    rejects(timeline, { type: 'clip.add', trackId: 'audio-1', clip: audioClip('a', 0, 10), ripple: false }, 'A clip with id a already exists');
    rejects(timeline, { type: 'clip.add', trackId: 'nowhere', clip: audioClip('b', 0, 10), ripple: false }, 'There is no track with id nowhere');
  });
});

describe('moving clips', () => {
  it('moves a clip in time and to another track of the same kind only', () => {
    const base = timelineWith({ video: [videoClip('a', 0, 30)], audio: [audioClip('m', 0, 30)] });
    const twoTracks = apply(base, { type: 'track.add', kind: 'video', trackId: 'video-2', index: 1 });
    const next = apply(twoTracks, { type: 'clips.move', moves: [{ clipId: 'a', trackId: 'video-2', start: 12 }] });
    expect(v1(next).clips).toEqual([]);
    expect(next.videoTracks[1]!.clips).toEqual([videoClip('a', 12, 30)]);
    rejects(twoTracks, { type: 'clips.move', moves: [{ clipId: 'a', trackId: 'audio-1', start: 0 }] }, 'A clip on V1 can only move to a track of the same kind');
  });

  it('keeps a crossfade when both its clips move together, and drops it when one moves alone', () => {
    const timeline = timelineWith({
      video: [videoClip('a', 0, 30), videoClip('b', 20, 30, 100), videoClip('c', 100, 10)],
      videoTransitions: [{ afterClipId: 'a', duration: 10 }],
    });
    const together = apply(timeline, {
      type: 'clips.move',
      moves: [
        { clipId: 'a', trackId: 'video-1', start: 200 },
        { clipId: 'b', trackId: 'video-1', start: 220 },
      ],
    });
    expect(layout(together)).toEqual(['c@100+10<0', 'a@200+30<0', 'b@220+30<100']);
    expect(v1(together).transitions).toEqual([{ afterClipId: 'a', duration: 10 }]);
    const alone = apply(timeline, { type: 'clips.move', moves: [{ clipId: 'b', trackId: 'video-1', start: 40 }] });
    expect(v1(alone).transitions).toEqual([]);
    rejects(timeline, { type: 'clips.move', moves: [{ clipId: 'b', trackId: 'video-1', start: 25 }] }, 'Clips would overlap on V1 at frame 25');
  });
});

describe('trimming', () => {
  const timeline = timelineWith({
    video: [videoClip('a', 0, 30, 100), videoClip('b', 30, 30, 200), videoClip('c', 70, 30, 300)],
    removedRegions: [{ id: 'r', trackId: 'video-1', frame: 70, kind: 'video', assetId: 'talk', sourceIn: 0, duration: 5 }],
  });

  it('moves an edge, the in-point moving through the media with it', () => {
    expect(layout(apply(timeline, { type: 'clip.trim', clipId: 'b', edge: 'out', frame: 40, ripple: false }))).toEqual([
      'a@0+30<100',
      'b@30+10<200',
      'c@70+30<300',
    ]);
    expect(layout(apply(timeline, { type: 'clip.trim', clipId: 'c', edge: 'in', frame: 65, ripple: false }))).toEqual([
      'a@0+30<100',
      'b@30+30<200',
      'c@65+35<295',
    ]);
    const title = timelineWith({ overlay: [titleClip('t', 10, 10)] });
    const trimmed = apply(title, { type: 'clip.trim', clipId: 't', edge: 'in', frame: 0, ripple: false });
    expect(trimmed.overlayTrack.clips).toEqual([titleClip('t', 0, 20)]);
  });

  it('keeps a clip inside its media and at least a frame long', () => {
    const atStart = timelineWith({ video: [videoClip('a', 50, 30, 10)] });
    rejects(atStart, { type: 'clip.trim', clipId: 'a', edge: 'in', frame: 39, ripple: false }, 'A clip on V1 would start before the beginning of its media');
    rejects(atStart, { type: 'clip.trim', clipId: 'a', edge: 'out', frame: 50, ripple: false }, 'A clip on V1 would be shorter than one frame');
    rejects(atStart, { type: 'clip.trim', clipId: 'a', edge: 'out', frame: 1000, ripple: false }, 'runs past the end of its media (to frame 960 of 900)');
  });

  it('ripples: the clip keeps its start and what follows on the track moves by the change', () => {
    const longer = apply(timeline, { type: 'clip.trim', clipId: 'b', edge: 'out', frame: 75, ripple: true });
    expect(layout(longer)).toEqual(['a@0+30<100', 'b@30+45<200', 'c@85+30<300']);
    expect(longer.removedRegions[0]!.frame).toBe(85);
    const shorterHead = apply(timeline, { type: 'clip.trim', clipId: 'b', edge: 'in', frame: 40, ripple: true });
    expect(layout(shorterHead)).toEqual(['a@0+30<100', 'b@30+20<210', 'c@60+30<300']);
    expect(shorterHead.removedRegions[0]!.frame).toBe(60);
  });

  it('carries a crossfade along with the edge it sits on, and drops it once the clips no longer overlap', () => {
    const faded = timelineWith({
      video: [videoClip('a', 0, 30), videoClip('b', 20, 30, 100)],
      videoTransitions: [{ afterClipId: 'a', duration: 10 }],
    });
    const longer = apply(faded, { type: 'clip.trim', clipId: 'a', edge: 'out', frame: 35, ripple: false });
    expect(v1(longer).transitions).toEqual([{ afterClipId: 'a', duration: 15 }]);
    const apart = apply(faded, { type: 'clip.trim', clipId: 'b', edge: 'in', frame: 30, ripple: false });
    expect(v1(apart).transitions).toEqual([]);
    expect(layout(apart)).toEqual(['a@0+30<0', 'b@30+20<110']);
  });
});

describe('splitting', () => {
  it('cuts a clip in two that play on from where the first part stops', () => {
    const timeline = timelineWith({ video: [videoClip('a', 10, 60, 100)] });
    const next = apply(timeline, { type: 'clip.split', clipId: 'a', frame: 30, newClipId: 'a2' });
    expect(layout(next)).toEqual(['a@10+20<100', 'a2@30+40<120']);
    rejects(timeline, { type: 'clip.split', clipId: 'a', frame: 10, newClipId: 'a2' }, 'A clip can only be split at a frame inside it');
    rejects(timeline, { type: 'clip.split', clipId: 'a', frame: 30, newClipId: 'a' }, 'A clip with id a already exists');
  });

  it('splits the clips of several tracks at one frame as one change, or none of them', () => {
    const timeline = timelineWith({ video: [videoClip('a', 10, 60, 100)], audio: [audioClip('m', 0, 50)] });
    const next = apply(timeline, { type: 'clips.split', frame: 30, splits: [{ clipId: 'a', newClipId: 'a2' }, { clipId: 'm', newClipId: 'm2' }] });
    expect(layout(next)).toEqual(['a@10+20<100', 'a2@30+40<120']);
    expect(next.audioTracks[0]!.clips.map((c) => [c.id, c.start, c.duration])).toEqual([['m', 0, 30], ['m2', 30, 20]]);
    // The audio clip ends before frame 55: nothing is split.
    rejects(timeline, { type: 'clips.split', frame: 55, splits: [{ clipId: 'a', newClipId: 'a2' }, { clipId: 'm', newClipId: 'm2' }] }, 'A clip can only be split at a frame inside it');
    rejects(timeline, { type: 'clips.split', frame: 30, splits: [{ clipId: 'a', newClipId: 'x' }, { clipId: 'm', newClipId: 'x' }] }, 'A clip with id x already exists');
  });

  it('hands the crossfade out of the clip to its second part, and refuses to cut inside a crossfade', () => {
    const timeline = timelineWith({
      video: [videoClip('a', 0, 60), videoClip('b', 50, 30, 100)],
      videoTransitions: [{ afterClipId: 'a', duration: 10 }],
    });
    const next = apply(timeline, { type: 'clip.split', clipId: 'a', frame: 20, newClipId: 'a2' });
    expect(v1(next).transitions).toEqual([{ afterClipId: 'a2', duration: 10 }]);
    rejects(timeline, { type: 'clip.split', clipId: 'a', frame: 50, newClipId: 'a2' }, 'A clip cannot be split inside or at the edge of a crossfade');
    rejects(timeline, { type: 'clip.split', clipId: 'b', frame: 55, newClipId: 'b2' }, 'A clip cannot be split inside or at the edge of a crossfade');
  });
});

describe('deleting', () => {
  const timeline = timelineWith({
    video: [videoClip('a', 0, 30), videoClip('b', 20, 40, 100), videoClip('c', 55, 30, 200), videoClip('d', 100, 10)],
    videoTransitions: [
      { afterClipId: 'a', duration: 10 },
      { afterClipId: 'b', duration: 5 },
    ],
    removedRegions: [{ id: 'r', trackId: 'video-1', frame: 100, kind: 'video', assetId: 'talk', sourceIn: 0, duration: 5 }],
  });

  it('leaves a gap and takes the clip’s crossfades with it', () => {
    const next = apply(timeline, { type: 'clips.delete', clipIds: ['b'], ripple: false });
    expect(layout(next)).toEqual(['a@0+30<0', 'c@55+30<200', 'd@100+10<0']);
    expect(v1(next).transitions).toEqual([]);
  });

  it('with ripple, closes the space so the clips either side touch', () => {
    const next = apply(timeline, { type: 'clips.delete', clipIds: ['b'], ripple: true });
    // b covered frames 30..55 alone (its ends were inside crossfades), so what follows moves 25 earlier.
    expect(layout(next)).toEqual(['a@0+30<0', 'c@30+30<200', 'd@75+10<0']);
    expect(next.removedRegions[0]!.frame).toBe(75);
    const two = apply(timeline, { type: 'clips.delete', clipIds: ['c', 'b'], ripple: true });
    // b's tail under the crossfade into c stays b's until b goes too; the 15-frame gap before d stays.
    expect(layout(two)).toEqual(['a@0+30<0', 'd@45+10<0']);
  });
});

describe('crossfades', () => {
  const touching = timelineWith({ video: [videoClip('a', 0, 30, 100), videoClip('b', 30, 30, 400)] });

  it('overlap the clips around the cut, half the media from each side', () => {
    const next = apply(touching, { type: 'transition.add', afterClipId: 'a', duration: 11 });
    expect(layout(next)).toEqual(['a@0+36<100', 'b@25+35<395']);
    expect(v1(next).transitions).toEqual([{ afterClipId: 'a', duration: 11 }]);
    const removed = apply(next, { type: 'transition.remove', afterClipId: 'a' });
    expect(layout(removed)).toEqual(['a@0+30<100', 'b@30+30<400']);
  });

  it('take more from one side when the other has no media to spare, and refuse when neither has enough', () => {
    const noHead = timelineWith({ video: [videoClip('a', 0, 30, 100), videoClip('b', 30, 30, 2)] });
    expect(layout(apply(noHead, { type: 'transition.add', afterClipId: 'a', duration: 10 }))).toEqual([
      'a@0+38<100',
      'b@28+32<0',
    ]);
    const noMedia = timelineWith({ video: [videoClip('a', 0, 30, 270, 'broll'), videoClip('b', 30, 30, 2)] });
    rejects(noMedia, { type: 'transition.add', afterClipId: 'a', duration: 10 }, 'There is not enough media beyond the cut for a 10-frame crossfade');
    const titles = timelineWith({ overlay: [titleClip('t', 0, 30), imageClip('i', 30, 30)] });
    expect(apply(titles, { type: 'transition.add', afterClipId: 't', duration: 20 }).overlayTrack.clips).toEqual([
      titleClip('t', 0, 40),
      imageClip('i', 20, 40),
    ]);
  });

  it('join only clips that touch, once', () => {
    const gap = timelineWith({ video: [videoClip('a', 0, 30), videoClip('b', 31, 30)] });
    rejects(gap, { type: 'transition.add', afterClipId: 'a', duration: 4 }, 'A crossfade joins clips that touch; close the gap between them first');
    rejects(gap, { type: 'transition.add', afterClipId: 'b', duration: 4 }, 'There is no clip after this one on V1 to crossfade into');
    const once = apply(touching, { type: 'transition.add', afterClipId: 'a', duration: 4 });
    rejects(once, { type: 'transition.add', afterClipId: 'a', duration: 4 }, 'These clips already crossfade');
    rejects(touching, { type: 'transition.remove', afterClipId: 'a' }, 'There is no crossfade after this clip');
    rejects(touching, { type: 'transition.add', afterClipId: 'a', duration: 200 }, 'A 200-frame crossfade on V1 must be shorter than both clips it joins');
  });
});

describe('volume, markers and tracks', () => {
  it('sets the volume of clips with sound only', () => {
    const timeline = timelineWith({ video: [videoClip('a', 0, 30)], audio: [audioClip('m', 0, 30)], overlay: [titleClip('t', 0, 5)] });
    const next = apply(timeline, { type: 'clips.setVolume', clipIds: ['a', 'm'], volume: 0.5 });
    expect([v1(next).clips[0], next.audioTracks[0]!.clips[0]].map((c) => c && 'volume' in c && c.volume)).toEqual([0.5, 0.5]);
    rejects(timeline, { type: 'clips.setVolume', clipIds: ['t'], volume: 0.5 }, 'Images and titles have no sound to change');
  });

  it('keeps markers in order of frame as they are added, moved, edited and removed', () => {
    let timeline = newTimeline();
    timeline = apply(timeline, { type: 'marker.add', marker: { id: 'x', frame: 50, label: 'Chorus', colour: 'red' } });
    timeline = apply(timeline, { type: 'marker.add', marker: { id: 'y', frame: 10, label: 'Intro', colour: 'blue' } });
    expect(timeline.markers.map((m) => m.id)).toEqual(['y', 'x']);
    timeline = apply(timeline, { type: 'marker.move', markerId: 'y', frame: 90 });
    timeline = apply(timeline, { type: 'marker.update', markerId: 'y', label: 'Outro' });
    expect(timeline.markers).toEqual([
      { id: 'x', frame: 50, label: 'Chorus', colour: 'red' },
      { id: 'y', frame: 90, label: 'Outro', colour: 'blue' },
    ]);
    timeline = apply(timeline, { type: 'marker.remove', markerId: 'x' });
    expect(timeline.markers.map((m) => m.id)).toEqual(['y']);
    rejects(timeline, { type: 'marker.add', marker: { id: 'y', frame: 1, label: '', colour: 'red' } }, 'A marker with id y already exists');
  });

  it('adds and removes video and audio tracks, never the overlay, and mutes and hides what has sound or picture', () => {
    let timeline = timelineWith({
      audio: [audioClip('m', 0, 30)],
      removedRegions: [{ id: 'r', trackId: 'audio-1', frame: 0, kind: 'audio', assetId: 'music', sourceIn: 0, duration: 5 }],
    });
    timeline = apply(timeline, { type: 'track.add', kind: 'audio', trackId: 'audio-0', index: 0 });
    expect(timeline.audioTracks.map((t) => t.id)).toEqual(['audio-0', 'audio-1']);
    timeline = apply(timeline, { type: 'track.remove', trackId: 'audio-1' });
    expect(timeline.removedRegions).toEqual([]);
    timeline = apply(timeline, { type: 'track.setMuted', trackId: 'audio-0', muted: true });
    timeline = apply(timeline, { type: 'track.setHidden', trackId: 'overlay', hidden: true });
    expect([timeline.audioTracks[0]!.muted, timeline.overlayTrack.hidden]).toEqual([true, true]);
    rejects(timeline, { type: 'track.remove', trackId: 'overlay' }, 'The overlay track cannot be removed');
    rejects(timeline, { type: 'track.setMuted', trackId: 'overlay', muted: true }, 'The overlay track has no sound to mute');
    rejects(timeline, { type: 'track.setHidden', trackId: 'audio-0', hidden: true }, 'An audio track has no picture to hide');
    rejects(timeline, { type: 'track.add', kind: 'video', trackId: 'overlay', index: 0 }, 'A track with id overlay already exists');
  });
});

describe('removed parts', () => {
  it('go back as a clip with their reason, moving what follows on the track later', () => {
    const pause: RemovedRegion = {
      id: 'pause',
      trackId: 'video-1',
      frame: 30,
      kind: 'video',
      assetId: 'talk',
      sourceIn: 130,
      duration: 20,
      reason: { kind: 'pause', text: 'Silence, 0.7 s' },
    };
    const filler: RemovedRegion = { ...pause, id: 'um', sourceIn: 150, duration: 6, reason: { kind: 'manual', text: 'Um' } };
    const timeline = timelineWith({
      video: [videoClip('a', 0, 30, 100), videoClip('b', 30, 30, 156)],
      removedRegions: [pause, filler],
    });
    const next = apply(timeline, { type: 'region.restore', regionId: 'pause', clipId: 'p' });
    expect(layout(next)).toEqual(['a@0+30<100', 'p@30+20<130', 'b@50+30<156']);
    expect(v1(next).clips[1]).toMatchObject({ reason: pause.reason, volume: 1 });
    // The filler came after the pause in the media, so it now sits after the restored pause.
    expect(next.removedRegions).toEqual([{ ...filler, frame: 50 }]);
    const blocked = timelineWith({ video: [videoClip('a', 0, 60)], removedRegions: [pause] });
    rejects(blocked, { type: 'region.restore', regionId: 'pause', clipId: 'p' }, 'A clip on V1 covers frame 30');
  });
});

describe('replacing parts of a timeline', () => {
  it('accepts only parts that keep the timeline valid, checked against their media', () => {
    const timeline = newTimeline();
    const track = v1(timeline);
    rejects(
      timeline,
      { type: 'timeline.replace', timeline: { videoTracks: [{ ...track, clips: [videoClip('a', 0, 10, 895)] }] } },
      'A clip on V1 runs past the end of its media (to frame 905 of 900)',
    );
    rejects(
      timeline,
      { type: 'timeline.replace', timeline: { audioTracks: [{ ...timeline.audioTracks[0]!, id: 'video-1' }] } },
      'Two tracks share the id video-1',
    );
    const next = apply(timeline, { type: 'timeline.replace', timeline: { videoTracks: [{ ...track, clips: [videoClip('a', 0, 10)] }] } });
    expect(layout(next)).toEqual(['a@0+10<0']);
  });

  it('undoes even when a clip’s media has left the project since', () => {
    const orphaned = timelineWith({ video: [videoClip('a', 0, 10, 0, 'deleted-asset'), videoClip('b', 10, 10)] });
    const { timeline, inverse } = applyTimelineCommand(orphaned, { type: 'clips.delete', clipIds: ['a'], ripple: true }, SOURCES);
    expect(applyTimelineCommand(timeline, inverse, SOURCES).timeline).toEqual(orphaned);
    rejects(orphaned, { type: 'clip.trim', clipId: 'a', edge: 'out', frame: 5, ripple: false }, 'A clip on V1 uses media that is not in the project');
  });

  it('is what undoes every command, holding only the parts that changed', () => {
    const { inverse } = applyTimelineCommand(newTimeline(), { type: 'marker.add', marker: { id: 'm', frame: 1, label: '', colour: 'red' } }, SOURCES);
    expect(inverse).toEqual({ type: 'timeline.replace', timeline: { markers: [] } });
  });
});

describe('describeTimelineCommand', () => {
  it('names each command the way the Edit menu shows it', () => {
    expect(describeTimelineCommand({ type: 'clip.split', clipId: 'a', frame: 1, newClipId: 'b' })).toBe('Split clip');
    expect(describeTimelineCommand({ type: 'clips.split', frame: 1, splits: [{ clipId: 'a', newClipId: 'b' }, { clipId: 'c', newClipId: 'd' }] })).toBe('Split 2 clips');
    expect(describeTimelineCommand({ type: 'clip.trim', clipId: 'a', edge: 'in', frame: 1, ripple: true })).toBe('Ripple trim clip');
    expect(describeTimelineCommand({ type: 'clips.delete', clipIds: ['a', 'b'], ripple: true })).toBe('Ripple delete 2 clips');
    expect(describeTimelineCommand({ type: 'track.setMuted', trackId: 'a', muted: false })).toBe('Unmute track');
  });
});

describe('a long timeline', () => {
  it('takes 2,000 clips and edits among them without slowing to a crawl', () => {
    let timeline = newTimeline();
    for (let i = 0; i < 2000; i += 1) {
      const clip = i % 2 === 0 ? videoClip(`c${i}`, i * 20, 20, i % 800) : videoClip(`c${i}`, i * 20, 20, 0, 'broll');
      timeline = applyTimelineCommand(timeline, { type: 'clip.add', trackId: 'video-1', clip, ripple: false }, SOURCES).timeline;
    }
    const startOf = (id: string) => v1(timeline).clips.find((c) => c.id === id)!.start;
    for (let i = 0; i < 200; i += 1) {
      const id = `c${i * 9}`;
      const split: TimelineCommand = { type: 'clip.split', clipId: id, frame: startOf(id) + 10, newClipId: `s${i}` };
      timeline = applyTimelineCommand(timeline, split, SOURCES).timeline;
      const trim: TimelineCommand = { type: 'clip.trim', clipId: `s${i}`, edge: 'out', frame: startOf(`s${i}`) + 5, ripple: true };
      timeline = applyTimelineCommand(timeline, trim, SOURCES).timeline;
      const remove: TimelineCommand = { type: 'clips.delete', clipIds: [`c${i * 9 + 1}`], ripple: true };
      timeline = applyTimelineCommand(timeline, remove, SOURCES).timeline;
    }
    expect(v1(timeline).clips).toHaveLength(2000);
    expect(validateTimeline(timeline, SOURCES)).toEqual([]);
  });
});
