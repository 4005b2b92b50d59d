import { describe, expect, it } from 'vitest';
import { newTimeline } from '../../../shared/timeline/timeline';
import { clipsToSplit, timelineKeyAction } from './edit-keys';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('timelineKeyAction', () => {
  it('maps the single-key edits', () => {
    expect(timelineKeyAction(key('s'))).toBe('split');
    expect(timelineKeyAction(key('m'))).toBe('marker');
    expect(timelineKeyAction(key('Delete'))).toBe('delete');
    expect(timelineKeyAction(key('Backspace'))).toBe('delete');
    expect(timelineKeyAction(key('Delete', { shiftKey: true }))).toBe('ripple-delete');
    expect(timelineKeyAction(key('Escape'))).toBe('deselect');
  });

  it('leaves modified keys to the app shortcuts', () => {
    expect(timelineKeyAction(key('s', { ctrlKey: true }))).toBeNull();
    expect(timelineKeyAction(key('s', { metaKey: true }))).toBeNull();
    expect(timelineKeyAction(key('x'))).toBeNull();
  });
});

describe('clipsToSplit', () => {
  const timeline = newTimeline();
  timeline.videoTracks[0]!.clips.push({ kind: 'video', id: 'v', assetId: 'a', start: 0, duration: 100, sourceIn: 0, volume: 1 });
  timeline.audioTracks[0]!.clips.push({ kind: 'audio', id: 'a', assetId: 'a', start: 50, duration: 100, sourceIn: 0, volume: 1 });

  it('splits the selected clips under the playhead', () => {
    expect(clipsToSplit(timeline, new Set(['a']), 60)).toEqual(['a']);
  });

  it('splits everything under the playhead when no selected clip is there', () => {
    expect(clipsToSplit(timeline, new Set(), 60)).toEqual(['v', 'a']);
    expect(clipsToSplit(timeline, new Set(['v']), 120)).toEqual(['a']);
  });

  it('skips a clip starting at the playhead', () => {
    expect(clipsToSplit(timeline, new Set(), 50)).toEqual(['v']);
  });
});
