import { describe, expect, it } from 'vitest';
import { seekTimeAt, seekTimeForKey } from './seek-strip';

describe('seek strip', () => {
  it('maps a pointer position to a time, clamped to the clip', () => {
    expect(seekTimeAt(150, 100, 200, 10)).toBe(2.5);
    expect(seekTimeAt(50, 100, 200, 10)).toBe(0);
    expect(seekTimeAt(400, 100, 200, 10)).toBe(10);
    expect(seekTimeAt(150, 100, 0, 10)).toBe(0);
  });

  it('steps five seconds with the arrow keys and ignores other keys', () => {
    expect(seekTimeForKey('ArrowRight', 3, 60)).toBe(8);
    expect(seekTimeForKey('ArrowLeft', 3, 60)).toBe(0);
    expect(seekTimeForKey('ArrowRight', 58, 60)).toBe(60);
    expect(seekTimeForKey('Enter', 3, 60)).toBeNull();
  });
});
