import type { ShellCommand } from '../../shared/bridge';

/**
 * The application menu as plain data: what it shows for a given recent list and project state, and which action each
 * item runs. menu.ts turns this into Electron's menu; keeping it pure lets the tests read it without a window.
 *
 * Keyboard shortcuts: Undo/Redo only display their accelerator (`registerAccelerator: false`) because the same keys
 * must undo text while a text field has focus, and only the renderer knows what has focus. The renderer handles
 * Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z (Ctrl+Y) itself: in a text field it lets the browser undo the text, elsewhere it
 * calls project.undo/redo and prevents the default. macOS ignores `registerAccelerator`, but there the page sees a
 * key equivalent first and the menu only gets the keys the page left unhandled, i.e. text-field undo; an Undo click
 * that arrives through its accelerator therefore undoes text (see menu.ts). Clicking the menu item undoes the project.
 * Save, New and Open keep ordinary accelerators: they mean the same thing whatever has focus.
 */

export type MenuAction =
  | { type: 'shell'; command: ShellCommand }
  | { type: 'openRecent'; path: string }
  | { type: 'clearRecent' }
  | { type: 'save' }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'about' };

/** The Electron roles the menu uses (a subset of Electron's MenuItem roles). */
export type MenuRole =
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'close'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'reload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'windowMenu';

export interface MenuItemSpec {
  label?: string;
  role?: MenuRole;
  type?: 'separator';
  accelerator?: string;
  registerAccelerator?: boolean;
  enabled?: boolean;
  toolTip?: string;
  submenu?: MenuItemSpec[];
  action?: MenuAction;
}

export interface RecentMenuEntry {
  path: string;
  name: string;
  exists: boolean;
}

export interface MenuState {
  platform: string;
  appName: string;
  /** Developer tools are offered only in an unpackaged (development) build. */
  devTools: boolean;
  recent: readonly RecentMenuEntry[];
  project: {
    open: boolean;
    undoLabel: string | null;
    redoLabel: string | null;
    canUndo: boolean;
    canRedo: boolean;
  };
}

export const MAX_RECENT_ITEMS = 10;
const MAX_LABEL_LENGTH = 60;

export function buildMenuTemplate(state: MenuState): MenuItemSpec[] {
  const mac = state.platform === 'darwin';
  const separator: MenuItemSpec = { type: 'separator' };
  const menus: MenuItemSpec[] = [];

  if (mac) {
    menus.push({
      label: state.appName,
      submenu: [
        { role: 'about', label: `About ${state.appName}` },
        separator,
        { role: 'services' },
        separator,
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        separator,
        { role: 'quit' },
      ],
    });
  }

  menus.push({
    label: mac ? 'File' : '&File',
    submenu: [
      { label: 'New Project…', accelerator: 'CmdOrCtrl+N', action: { type: 'shell', command: 'project.new' } },
      { label: 'Open Project…', accelerator: 'CmdOrCtrl+O', action: { type: 'shell', command: 'project.open' } },
      { label: 'Open Recent', submenu: recentSubmenu(state.recent) },
      separator,
      {
        label: 'Import Media…',
        accelerator: 'CmdOrCtrl+I',
        enabled: state.project.open,
        action: { type: 'shell', command: 'assets.import' },
      },
      separator,
      { label: 'Save', accelerator: 'CmdOrCtrl+S', enabled: state.project.open, action: { type: 'save' } },
      {
        label: 'Close Project',
        enabled: state.project.open,
        action: { type: 'shell', command: 'project.close' },
      },
      separator,
      mac ? { role: 'close' } : { role: 'quit', label: state.platform === 'win32' ? 'Exit' : 'Quit' },
    ],
  });

  menus.push({
    label: mac ? 'Edit' : '&Edit',
    submenu: [
      {
        label: historyLabel('Undo', state.project.undoLabel),
        accelerator: 'CmdOrCtrl+Z',
        registerAccelerator: false,
        enabled: state.project.canUndo,
        action: { type: 'undo' },
      },
      {
        label: historyLabel('Redo', state.project.redoLabel),
        accelerator: state.platform === 'win32' ? 'Ctrl+Y' : 'Shift+CmdOrCtrl+Z',
        registerAccelerator: false,
        enabled: state.project.canRedo,
        action: { type: 'redo' },
      },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      separator,
      { role: 'selectAll' },
    ],
  });

  menus.push({
    label: mac ? 'View' : '&View',
    submenu: [
      { role: 'reload' },
      ...(state.devTools ? [{ role: 'toggleDevTools' } as const] : []),
      separator,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  });

  if (mac) {
    menus.push({ role: 'windowMenu' });
  } else {
    menus.push({
      label: '&Help',
      submenu: [{ label: `About ${state.appName}`, action: { type: 'about' } }],
    });
  }
  return menus;
}

function recentSubmenu(recent: readonly RecentMenuEntry[]): MenuItemSpec[] {
  const shown = recent.slice(0, MAX_RECENT_ITEMS);
  if (shown.length === 0) return [{ label: 'No Recent Projects', enabled: false }];
  const nameCounts = new Map<string, number>();
  for (const entry of shown) nameCounts.set(entry.name, (nameCounts.get(entry.name) ?? 0) + 1);
  return [
    ...shown.map((entry): MenuItemSpec => {
      // Two projects with the same name are told apart by their folder.
      const name = (nameCounts.get(entry.name) ?? 0) > 1 ? `${entry.name} (${parentFolder(entry.path)})` : entry.name;
      return {
        label: menuText(entry.exists ? name : `${name} (missing)`),
        toolTip: entry.path,
        action: { type: 'openRecent', path: entry.path },
      };
    }),
    { type: 'separator' },
    { label: 'Clear Recent', action: { type: 'clearRecent' } },
  ];
}

/** "Undo" alone when there is nothing to name, otherwise "Undo rename project". */
export function historyLabel(verb: 'Undo' | 'Redo', label: string | null): string {
  if (!label) return verb;
  return menuText(`${verb} ${label.charAt(0).toLowerCase()}${label.slice(1)}`);
}

/** User text in a menu: shortened, and with "&" doubled so Windows and Linux do not read it as a mnemonic. */
export function menuText(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const short = oneLine.length > MAX_LABEL_LENGTH ? `${oneLine.slice(0, MAX_LABEL_LENGTH - 1)}…` : oneLine;
  return short.replaceAll('&', '&&');
}

function parentFolder(projectPath: string): string {
  const parts = projectPath.split(/[\\/]+/).filter((part) => part !== '');
  return parts.at(-2) ?? projectPath;
}
