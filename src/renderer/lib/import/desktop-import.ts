import { ImportReportSchema, type ImportReport } from '../../../shared/assets';
import type { ReelsmithBridge } from '../../../shared/bridge';
import { ApiError } from '../../../shared/errors';

/**
 * Electron imports dropped or picked files by path: the preload turns each File into its path and imports them, so
 * paths never pass through the page.
 */
export type PathImporter = (files: File[]) => Promise<ImportReport>;

/** Electron's import by path, or null in the web shell (no bridge: files are uploaded instead). */
export function desktopPathImporter(bridge: ReelsmithBridge | undefined): PathImporter | null {
  if (!bridge) return null;
  return async (files) => {
    const result = await bridge.importDropped(files);
    if (!result.ok) throw ApiError.fromData(result.error);
    const parsed = ImportReportSchema.safeParse(result.value);
    if (!parsed.success) {
      const message = 'Reelsmith answered the import with a report this window does not understand. Reload the window.';
      throw new ApiError('INTERNAL', message);
    }
    return parsed.data;
  };
}
