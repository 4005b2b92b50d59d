import { describe, expect, it } from 'vitest';
import { describeSaveState } from './save-state';

const base = { dirty: false, saving: false, lastSavedAt: null, error: null };

describe('describeSaveState', () => {
  it('reassures when everything is on disk', () => {
    expect(describeSaveState(base)).toEqual({ text: 'All changes saved', tone: 'saved' });
  });

  it('says when edits wait for autosave and when a save is running', () => {
    expect(describeSaveState({ ...base, dirty: true })).toEqual({ text: 'Edited — autosave pending', tone: 'pending' });
    expect(describeSaveState({ ...base, dirty: true, saving: true })).toEqual({ text: 'Saving…', tone: 'saving' });
  });

  it('puts a failed save above everything else', () => {
    expect(describeSaveState({ ...base, dirty: true, saving: true, error: 'Saving failed: disk full' })).toEqual({
      text: 'Saving failed: disk full',
      tone: 'error',
    });
  });
});
