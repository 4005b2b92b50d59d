import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_WINDOW_SIZE,
  MIN_WINDOW_SIZE,
  parseWindowState,
  placeWindow,
  readWindowState,
  WINDOW_STATE_FILE,
  writeWindowState,
  type Rect,
} from './window-state';

const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1050 };
const rightMonitor: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('placeWindow', () => {
  it('opens at the default size, centered, the first time', () => {
    expect(placeWindow(null, [laptop])).toEqual({ bounds: { ...DEFAULT_WINDOW_SIZE }, maximized: false });
  });

  it('reopens where the user left it', () => {
    const saved = { bounds: { x: 2100, y: 80, width: 1600, height: 1000 }, maximized: false };
    expect(placeWindow(saved, [laptop, rightMonitor])).toEqual(saved);
  });

  it('reopens maximized when it was maximized', () => {
    const saved = { bounds: { x: 100, y: 100, width: 1200, height: 800 }, maximized: true };
    expect(placeWindow(saved, [laptop]).maximized).toBe(true);
  });

  it('falls back to the default placement when its display is gone, keeping maximized', () => {
    const saved = { bounds: { x: 2100, y: 80, width: 1600, height: 1000 }, maximized: true };
    expect(placeWindow(saved, [laptop])).toEqual({ bounds: { ...DEFAULT_WINDOW_SIZE }, maximized: true });
  });

  it('does not restore a window whose title bar is off screen, even if its body shows', () => {
    const saved = { bounds: { x: 200, y: -600, width: 1200, height: 900 }, maximized: false };
    expect(placeWindow(saved, [laptop]).bounds.x).toBeUndefined();
  });

  it('does not restore a window with only a sliver of title bar on screen', () => {
    const saved = { bounds: { x: 1860, y: 100, width: 1200, height: 900 }, maximized: false };
    expect(placeWindow(saved, [laptop]).bounds.x).toBeUndefined();
  });

  it('shrinks a window larger than its display, and never below the minimum size', () => {
    const big = placeWindow({ bounds: { x: 0, y: 0, width: 4000, height: 3000 }, maximized: false }, [laptop]);
    expect(big.bounds).toEqual({ x: 0, y: 0, width: 1920, height: 1050 });
    const tiny = placeWindow({ bounds: { x: 10, y: 10, width: 200, height: 100 }, maximized: false }, [laptop]);
    expect(tiny.bounds).toEqual({ x: 10, y: 10, ...MIN_WINDOW_SIZE });
  });

  it('fits the default size into a small primary display', () => {
    const small: Rect = { x: 0, y: 0, width: 1024, height: 700 };
    expect(placeWindow(null, [small]).bounds).toEqual({ width: 1024, height: 700 });
  });
});

describe('parseWindowState', () => {
  it('reads what was written', () => {
    const state = { bounds: { x: -1200, y: 40, width: 1100, height: 700 }, maximized: false };
    expect(parseWindowState(JSON.stringify(state))).toEqual(state);
  });

  it('treats malformed or implausible state as none', () => {
    for (const text of [
      '',
      '{',
      'null',
      '{"bounds":{"x":0,"y":0,"width":800},"maximized":false}',
      '{"bounds":{"x":0,"y":0,"width":0,"height":600},"maximized":false}',
      '{"bounds":{"x":0.5,"y":0,"width":800,"height":600},"maximized":false}',
      '{"bounds":{"x":1e9,"y":0,"width":800,"height":600},"maximized":false}',
      '{"bounds":{"x":0,"y":0,"width":800,"height":600},"maximized":"yes"}',
    ]) {
      expect(parseWindowState(text)).toBeNull();
    }
  });
});

describe('the window state file', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips through the config folder, creating it when needed', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-window-'));
    dirs.push(dir);
    const configDir = path.join(dir, 'config');
    expect(readWindowState(configDir)).toBeNull();
    const state = { bounds: { x: 10, y: 20, width: 1300, height: 820 }, maximized: true };
    writeWindowState(configDir, state);
    expect(readWindowState(configDir)).toEqual(state);
    expect(fs.readdirSync(configDir)).toEqual([WINDOW_STATE_FILE]);
  });
});
