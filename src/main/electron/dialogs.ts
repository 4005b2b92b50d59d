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
