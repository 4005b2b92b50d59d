import path from 'node:path';
import { z } from 'zod';
import type { CallResult } from '../../shared/wire';
import type { Engine } from '../engine';

/** The most items one drop may carry; the same bound as `assets.import`. */
export const MAX_DROPPED_PATHS = 10_000;

/**
 * What arrives on the import-dropped channel: the paths the preload read from dropped Files. Checked again here,
 * because a compromised renderer could send anything on it.
 */
export const DroppedPathsSchema = z
  .array(
    z
      .string()
      .min(1, 'A dropped path cannot be empty')
      .max(4096, 'A dropped path is at most 4096 characters')
      .refine((p) => !p.includes('\0'), 'A dropped path cannot contain NUL characters')
      .refine((p) => path.isAbsolute(p), 'A dropped path must be absolute'),
  )
  .min(1, 'Nothing was dropped')
  .max(MAX_DROPPED_PATHS, `At most ${MAX_DROPPED_PATHS} items can be dropped at once`);

/**
 * Imports what was dropped on the window. `assets.import` reads paths, so the renderer may not call it; this channel
 * may, as the local caller, because its paths come from the preload's `webUtils.getPathForFile`, not from the page.
 */
export async function importDroppedPaths(engine: Pick<Engine, 'call'>, paths: unknown): Promise<CallResult> {
  const parsed = DroppedPathsSchema.safeParse(paths);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'The dropped items are not paths';
    return { ok: false, error: { code: 'INVALID_PARAMS', message: `Reelsmith cannot import the drop: ${message}.` } };
  }
  return engine.call('assets.import', { paths: parsed.data }, { caller: 'local' });
}
