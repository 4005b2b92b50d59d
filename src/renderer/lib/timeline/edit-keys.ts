import { clipsAtFrame, type Timeline } from '../../../shared/timeline/timeline';
import type { KeyLike } from '../keyboard/shortcuts';

/** The timeline editor's single-key edits. Modified keys belong to the app's shortcuts (undo, save). */
export type TimelineKeyAction = 'split' | 'delete' | 'ripple-delete' | 'marker' | 'deselect';

export function timelineKeyAction(event: KeyLike): TimelineKeyAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  switch (event.key) {
    case 's':
    case 'S':
      return event.shiftKey ? null : 'split';
    case 'm':
    case 'M':
      return event.shiftKey ? null : 'marker';
    case 'Delete':
    case 'Backspace':
      return event.shiftKey ? 'ripple-delete' : 'delete';
    case 'Escape':
      return 'deselect';
    default:
      return null;
  }
}

/**
 * The clips S splits: the selected clips the playhead is inside, or when none of them is, every clip it is inside.
 * A clip is split only strictly inside it; the engine refuses its edges.
 */
export function clipsToSplit(timeline: Timeline, selected: ReadonlySet<string>, playhead: number): string[] {
  const inside = clipsAtFrame(timeline, playhead)
    .map(({ clip }) => clip)
    .filter((clip) => clip.start < playhead);
  const chosen = inside.filter((clip) => selected.has(clip.id));
  return (chosen.length > 0 ? chosen : inside).map((clip) => clip.id);
}
