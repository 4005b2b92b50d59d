import type { KeyLike } from '../keyboard/shortcuts';

/**
 * Playback keys as editors know them: space plays and pauses; L plays forward and each press doubles the speed, J
 * the same backwards, K stops; arrows step a frame (Shift: a second); Home and End go to the ends; I and O set the
 * In and Out points, Alt+I, Alt+O and Alt+X clear them.
 */
export type TransportAction =
  | { type: 'toggle' }
  | { type: 'shuttle'; key: 'j' | 'k' | 'l' }
  | { type: 'step'; frames: number; seconds: boolean }
  | { type: 'go'; to: 'start' | 'end' }
  | { type: 'mark'; point: 'in' | 'out' }
  | { type: 'clear'; point: 'in' | 'out' | 'both' };

export const MAX_SHUTTLE_SPEED = 8;

/** `code` names the physical key, which Alt changes into another character on macOS. */
export function transportKeyAction(event: KeyLike & { code?: string }): TransportAction | null {
  if (event.ctrlKey || event.metaKey) return null;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (event.altKey) {
    if (key === 'i' || event.code === 'KeyI') return { type: 'clear', point: 'in' };
    if (key === 'o' || event.code === 'KeyO') return { type: 'clear', point: 'out' };
    if (key === 'x' || event.code === 'KeyX') return { type: 'clear', point: 'both' };
    return null;
  }
  switch (key) {
    case ' ':
      return { type: 'toggle' };
    case 'j':
    case 'k':
    case 'l':
      return event.shiftKey ? null : { type: 'shuttle', key };
    case 'ArrowLeft':
      return { type: 'step', frames: -1, seconds: event.shiftKey };
    case 'ArrowRight':
      return { type: 'step', frames: 1, seconds: event.shiftKey };
    case 'Home':
      return { type: 'go', to: 'start' };
    case 'End':
      return { type: 'go', to: 'end' };
    case 'i':
      return event.shiftKey ? null : { type: 'mark', point: 'in' };
    case 'o':
      return event.shiftKey ? null : { type: 'mark', point: 'out' };
    default:
      return null;
  }
}

/** The playback speed after a J, K or L press (negative plays backwards, 0 is stopped). */
export function shuttleSpeed(current: number, key: 'j' | 'k' | 'l'): number {
  if (key === 'k') return 0;
  const direction = key === 'l' ? 1 : -1;
  if (Math.sign(current) !== direction) return direction;
  return direction * Math.min(MAX_SHUTTLE_SPEED, Math.abs(current) * 2);
}
