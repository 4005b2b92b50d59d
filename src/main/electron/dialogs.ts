import { dialog, type BrowserWindow } from 'electron';
import type { CallResult } from '../../shared/wire';

export type FailedCall = Extract<CallResult, { ok: false }>;

/** Native folder picker for the engine's `dialog.pickFolder`. */
export async function pickFolder(parent: BrowserWindow | null, title: string | undefined): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
    ...(title === undefined ? {} : { title }),
  };
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/** What the import dialog lists first; the engine decides by probing, so "All files" can pick anything else. */
const MEDIA_EXTENSIONS = [
  ...['mp4', 'm4v', 'mov', 'webm', 'mkv', 'avi', 'mts', 'm2ts', 'ts', 'mxf', 'mpg', 'mpeg', 'wmv', 'flv', '3gp', 'ogv'],
  ...['mp3', 'm4a', 'aac', 'wav', 'flac', 'ogg', 'opus', 'aif', 'aiff', 'wma'],
  ...['png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'bmp', 'tif', 'tiff', 'heic'],
];

/**
 * Native multi-select dialog for the engine's `assets.importFromDialog`; an empty list when cancelled. Only macOS
 * lets one dialog pick files and folders alike; elsewhere folders are imported with the folder dialog.
 */
export async function pickFiles(parent: BrowserWindow | null): Promise<string[]> {
  const options: Electron.OpenDialogOptions = {
    title: 'Import Media',
    buttonLabel: 'Import',
    properties:
      process.platform === 'darwin' ? ['openFile', 'openDirectory', 'multiSelections'] : ['openFile', 'multiSelections'],
    filters: [
      { name: 'Media', extensions: MEDIA_EXTENSIONS },
      { name: 'All files', extensions: ['*'] },
    ],
  };
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? [] : result.filePaths;
}

/** Native save dialog for the engine's `sequence.export` with a chosen destination; null when cancelled. */
export async function pickSaveFile(
  parent: BrowserWindow | null,
  suggestion: { defaultName: string; extension: string },
): Promise<string | null> {
  const options: Electron.SaveDialogOptions = {
    title: 'Export Sequence',
    buttonLabel: 'Export',
    defaultPath: suggestion.defaultName,
    properties: ['createDirectory', 'showOverwriteConfirmation'],
    filters: [{ name: suggestion.extension.slice(1).toUpperCase(), extensions: [suggestion.extension.slice(1)] }],
  };
  const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

/** An engine error from a menu action, in the user's words. Resolves true when "Remove from Recent" was chosen. */
export async function showCallError(
  parent: BrowserWindow | null,
  title: string,
  result: FailedCall,
  options: { offerRemoveFromRecent?: boolean } = {},
): Promise<boolean> {
  const buttons = options.offerRemoveFromRecent ? ['OK', 'Remove from Recent'] : ['OK'];
  const box: Electron.MessageBoxOptions = {
    type: 'error',
    title: 'Reelsmith',
    message: title,
    detail: result.error.message,
    buttons,
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
  const { response } = parent ? await dialog.showMessageBox(parent, box) : await dialog.showMessageBox(box);
  return options.offerRemoveFromRecent === true && response === 1;
}
