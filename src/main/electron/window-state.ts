import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The main window's size, position and maximized state, remembered across runs in the config folder. Only a
 * placement whose title bar lands on a connected display is restored, so a window never reopens out of reach.
 */

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 800 } as const;
export const MIN_WINDOW_SIZE = { width: 960, height: 600 } as const;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const Coordinate = z.number().int().min(-100_000).max(100_000);
const Length = z.number().int().min(1).max(100_000);

export const WindowStateSchema = z.object({
  bounds: z.object({ x: Coordinate, y: Coordinate, width: Length, height: Length }),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

/** Where to open the window: `x`/`y` are absent when Electron should center it. */
export interface WindowPlacement {
  bounds: { width: number; height: number; x?: number; y?: number };
  maximized: boolean;
}

/** The part of the title bar that must be on screen (wide enough to grab, tall enough to see). */
const TITLE_BAR = { height: 32, minVisibleWidth: 120, minVisibleHeight: 16 };

export function parseWindowState(text: string): WindowState | null {
  try {
    const parsed = WindowStateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The saved placement when its title bar is visible on one of `workAreas` (the displays' usable areas, primary
 * first), with its size clamped to that display; otherwise the default size, centered. Maximized is kept either way.
 */
export function placeWindow(saved: WindowState | null, workAreas: readonly Rect[]): WindowPlacement {
  const primary = workAreas[0];
  const fallback: WindowPlacement = {
    bounds: primary ? fitSize(DEFAULT_WINDOW_SIZE, primary) : { ...DEFAULT_WINDOW_SIZE },
    maximized: saved?.maximized ?? false,
  };
  if (!saved) return fallback;
  const display = workAreas.find((area) => isTitleBarVisible(saved.bounds, area));
  if (!display) return fallback;
  const { x, y } = saved.bounds;
  return { bounds: { x, y, ...fitSize(saved.bounds, display) }, maximized: saved.maximized };
}

export function isTitleBarVisible(bounds: Rect, area: Rect): boolean {
  const overlap = intersect({ ...bounds, height: Math.min(bounds.height, TITLE_BAR.height) }, area);
  return (
    overlap !== null &&
    overlap.width >= Math.min(TITLE_BAR.minVisibleWidth, bounds.width) &&
    overlap.height >= Math.min(TITLE_BAR.minVisibleHeight, bounds.height)
  );
}

/** Missing, unreadable or malformed state reads as "no state": the window opens with the defaults. */
export function readWindowState(configDir: string): WindowState | null {
  try {
    return parseWindowState(fs.readFileSync(path.join(configDir, WINDOW_STATE_FILE), 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Written synchronously, through a temporary file and a rename: it runs while the window closes, which on quit is
 * the last moment before the process exits.
 */
export function writeWindowState(configDir: string, state: WindowState): void {
  const file = path.join(configDir, WINDOW_STATE_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  fs.mkdirSync(configDir, { recursive: true });
  fs.writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`);
  fs.renameSync(temp, file);
}

function fitSize(size: { width: number; height: number }, area: Rect): { width: number; height: number } {
  return {
    width: Math.max(Math.min(size.width, area.width), Math.min(MIN_WINDOW_SIZE.width, area.width)),
    height: Math.max(Math.min(size.height, area.height), Math.min(MIN_WINDOW_SIZE.height, area.height)),
  };
}

function intersect(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}
