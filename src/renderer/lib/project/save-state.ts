import type { SaveState } from '../../../shared/api';

export type SaveTone = 'saved' | 'saving' | 'pending' | 'error';

/** What the status bar says about saving: the error wins, then an ongoing save, then unsaved edits. */
export function describeSaveState(save: SaveState): { text: string; tone: SaveTone } {
  if (save.error) return { text: save.error, tone: 'error' };
  if (save.saving) return { text: 'Saving…', tone: 'saving' };
  if (save.dirty) return { text: 'Edited — autosave pending', tone: 'pending' };
  return { text: 'All changes saved', tone: 'saved' };
}
