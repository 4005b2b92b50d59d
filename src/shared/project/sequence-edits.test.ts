import { describe, expect, it } from 'vitest';
import type { Asset } from '../assets';
import { newTimeline } from '../timeline/timeline';
import { newProjectDocument, type ProjectDocument } from './document';
import { applyEdit, describeEdit, EditRejected, type Edit } from './edits';
import { EditHistory } from './history';

/** A ten-second video with sound. */
function talk(): Asset {
  return {
    id: 'talk',
    name: 'talk.mp4',
    kind: 'video',
    path: '/media/talk.mp4',
    stored: false,
    fingerprint: `v1:100:${'a'.repeat(64)}`,
    sizeBytes: 100,
    addedAt: '2026-01-01T00:00:00.000Z',
    media: {
      kind: 'video',
      container: 'mov,mp4,m4a,3gp,3g2,mj2',
      duration: 10,
      sizeBytes: 100,
      bitRate: null,
      creationTime: null,
      video: null,
      audio: [{ index: 1, codec: 'aac', channels: 2, channelLayout: 'stereo', sampleRate: 48000, language: null }],
      subtitles: [],
      attachedPicture: null,
    },
    tags: [],
    favourite: false,
  };
}

const doc: ProjectDocument = {
  ...newProjectDocument({ id: 'p1', name: 'Talk', now: '2026-01-01T00:00:00.000Z' }),
  assets: [talk()],
  sequences: [
    {
      id: 's1',
      name: 'Main cut',
      frameRate: { num: 25, den: 1 },
      frameSize: { width: 1920, height: 1080 },
      createdAt: '2026-01-01T00:00:00.000Z',
      timeline: newTimeline(),
    },
  ],
};

const addClip = (start: number, duration: number, sequenceId = 's1'): Edit => ({
  type: 'sequence.command',
  sequenceId,
  command: {
    type: 'clip.add',
    trackId: 'video-1',
    clip: { kind: 'video', id: 'c1', assetId: 'talk', start, duration, sourceIn: 0, volume: 1 },
    ripple: false,
  },
});

describe('sequence.command', () => {
  it('changes one sequence’s timeline and undoes with the command’s inverse', () => {
    const { document, inverse } = applyEdit(doc, addClip(0, 100));
    expect(document.sequences[0]!.timeline.videoTracks[0]!.clips).toHaveLength(1);
    expect(describeEdit(addClip(0, 100), doc)).toBe('Add clip');
    expect(applyEdit(document, inverse).document).toEqual(doc);
  });

  it('keeps clips inside their media, measured at the sequence’s frame rate', () => {
    expect(applyEdit(doc, addClip(0, 250)).document.sequences[0]!.timeline.videoTracks[0]!.clips[0]!.duration).toBe(250);
    expect(() => applyEdit(doc, addClip(0, 251))).toThrow(EditRejected);
    expect(() => applyEdit(doc, addClip(0, 251))).toThrow('A clip on V1 runs past the end of its media (to frame 251 of 250)');
  });

  it('refuses a command for a sequence that is not there', () => {
    expect(() => applyEdit(doc, addClip(0, 10, 'gone'))).toThrow('There is no sequence with id gone');
  });

  it('undoes and redoes edits to the timeline in the history, with their labels', () => {
    const history = new EditHistory(doc);
    history.apply(addClip(0, 100));
    history.apply({ type: 'sequence.command', sequenceId: 's1', command: { type: 'clip.split', clipId: 'c1', frame: 40, newClipId: 'c2' } });
    history.apply({ type: 'sequence.command', sequenceId: 's1', command: { type: 'clip.trim', clipId: 'c2', edge: 'out', frame: 80, ripple: false } });
    expect(history.state().undoLabel).toBe('Trim clip');
    history.undo();
    history.undo();
    expect(history.state()).toMatchObject({ undoLabel: 'Add clip', redoLabel: 'Split clip' });
    expect(history.document.sequences[0]!.timeline.videoTracks[0]!.clips.map((c) => c.id)).toEqual(['c1']);
    history.redo();
    expect(history.document.sequences[0]!.timeline.videoTracks[0]!.clips.map((c) => c.id)).toEqual(['c1', 'c2']);
    history.undo();
    history.undo();
    expect(history.document).toEqual(doc);
  });
});
