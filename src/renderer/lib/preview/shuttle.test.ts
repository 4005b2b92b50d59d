import { describe, expect, it } from 'vitest';
import { shuttleSpeed, transportKeyAction } from './shuttle';

const key = (k: string, extra: Partial<{ shiftKey: boolean; altKey: boolean; ctrlKey: boolean; code: string }> = {}) => ({
  key: k,
  code: extra.code ?? '',
  shiftKey: extra.shiftKey ?? false,
  altKey: extra.altKey ?? false,
  ctrlKey: extra.ctrlKey ?? false,
  metaKey: false,
});

describe('shuttle keys', () => {
  it('doubles the speed on each L up to the limit, reverses with J and stops with K', () => {
    let speed = 0;
    const speeds = ['l', 'l', 'l', 'l', 'l', 'j', 'j', 'k'].map((k) => (speed = shuttleSpeed(speed, k as 'j' | 'k' | 'l')));
    expect(speeds).toEqual([1, 2, 4, 8, 8, -1, -2, 0]);
  });

  it('maps editing keys and leaves shortcuts with Ctrl or Cmd alone', () => {
    expect(transportKeyAction(key(' '))).toEqual({ type: 'toggle' });
    expect(transportKeyAction(key('L'))).toEqual({ type: 'shuttle', key: 'l' });
    expect(transportKeyAction(key('ArrowLeft', { shiftKey: true }))).toEqual({ type: 'step', frames: -1, seconds: true });
    expect(transportKeyAction(key('i'))).toEqual({ type: 'mark', point: 'in' });
    // On macOS Option+I types a character; the physical key still clears the In point.
    expect(transportKeyAction(key('ˆ', { altKey: true, code: 'KeyI' }))).toEqual({ type: 'clear', point: 'in' });
    expect(transportKeyAction(key('x', { altKey: true }))).toEqual({ type: 'clear', point: 'both' });
    expect(transportKeyAction(key('l', { ctrlKey: true }))).toBeNull();
    expect(transportKeyAction(key('s'))).toBeNull();
  });
});
