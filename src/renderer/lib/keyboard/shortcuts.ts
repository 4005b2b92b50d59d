/** The app-wide shortcuts. Text fields keep their own undo; see `acceptsTyping`. */
export type ShortcutCommand = 'undo' | 'redo' | 'save';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Ctrl (Cmd on macOS) + Z undoes, + Shift + Z or + Y redoes, + S saves. */
export function shortcutFor(event: KeyLike, mac: boolean): ShortcutCommand | null {
  const primary = mac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
  if (!primary || event.altKey) return null;
  switch (event.key.toLowerCase()) {
    case 'z':
      return event.shiftKey ? 'redo' : 'undo';
    case 'y':
      return event.shiftKey ? null : 'redo';
    case 's':
      return event.shiftKey ? null : 'save';
    default:
      return null;
  }
}

/** "Ctrl+Shift+Z" or "⇧⌘Z", for tooltips. */
export function shortcutLabel(command: ShortcutCommand, mac: boolean): string {
  const key = command === 'save' ? 'S' : 'Z';
  const shift = command === 'redo';
  if (mac) return `${shift ? '⇧' : ''}⌘${key}`;
  return `Ctrl+${shift ? 'Shift+' : ''}${key}`;
}
