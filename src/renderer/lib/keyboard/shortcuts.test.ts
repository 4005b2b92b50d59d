import { describe, expect, it } from 'vitest';
import { shortcutFor, shortcutLabel, type KeyLike } from './shortcuts';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('shortcutFor', () => {
  it('maps Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y and Ctrl+S on Windows and Linux', () => {
    expect(shortcutFor(key('z', { ctrlKey: true }), false)).toBe('undo');
    expect(shortcutFor(key('Z', { ctrlKey: true, shiftKey: true }), false)).toBe('redo');
    expect(shortcutFor(key('y', { ctrlKey: true }), false)).toBe('redo');
    expect(shortcutFor(key('s', { ctrlKey: true }), false)).toBe('save');
  });

  it('uses Cmd instead of Ctrl on macOS', () => {
    expect(shortcutFor(key('z', { metaKey: true }), true)).toBe('undo');
    expect(shortcutFor(key('z', { metaKey: true, shiftKey: true }), true)).toBe('redo');
    expect(shortcutFor(key('z', { ctrlKey: true }), true)).toBeNull();
    expect(shortcutFor(key('z', { metaKey: true }), false)).toBeNull();
  });

  it('leaves other keys and chords alone', () => {
    expect(shortcutFor(key('z'), false)).toBeNull();
    expect(shortcutFor(key('z', { ctrlKey: true, altKey: true }), false)).toBeNull();
    expect(shortcutFor(key('a', { ctrlKey: true }), false)).toBeNull();
    expect(shortcutFor(key('s', { ctrlKey: true, shiftKey: true }), false)).toBeNull();
  });
});

describe('shortcutLabel', () => {
  it('writes shortcuts in each platform’s style', () => {
    expect(shortcutLabel('redo', false)).toBe('Ctrl+Shift+Z');
    expect(shortcutLabel('undo', true)).toBe('⌘Z');
    expect(shortcutLabel('redo', true)).toBe('⇧⌘Z');
  });
});
