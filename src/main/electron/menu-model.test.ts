import { describe, expect, it } from 'vitest';
import {
  buildMenuTemplate,
  historyLabel,
  MAX_RECENT_ITEMS,
  menuText,
  type MenuItemSpec,
  type MenuState,
} from './menu-model';

const noProject: MenuState['project'] = {
  open: false,
  undoLabel: null,
  redoLabel: null,
  canUndo: false,
  canRedo: false,
};

function state(overrides: Partial<MenuState> = {}): MenuState {
  return { platform: 'linux', appName: 'Reelsmith', devTools: false, recent: [], project: noProject, ...overrides };
}

function menu(template: MenuItemSpec[], label: string): MenuItemSpec[] {
  const found = template.find((item) => item.label?.replace('&', '') === label);
  if (!found?.submenu) throw new Error(`no ${label} menu`);
  return found.submenu;
}

function item(items: MenuItemSpec[], label: string): MenuItemSpec {
  const found = items.find((entry) => entry.label === label || entry.label?.startsWith(`${label} `));
  if (!found) throw new Error(`no ${label} item in ${items.map((entry) => entry.label ?? entry.role).join(', ')}`);
  return found;
}

describe('buildMenuTemplate', () => {
  it('has File, Edit, View and Help on Windows and Linux', () => {
    expect(buildMenuTemplate(state()).map((entry) => entry.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
  });

  it('leads with the app menu on macOS, with Quit there and Close Window in File', () => {
    const template = buildMenuTemplate(state({ platform: 'darwin' }));
    const titles = template.map((entry) => entry.label ?? entry.role);
    expect(titles).toEqual(['Reelsmith', 'File', 'Edit', 'View', 'windowMenu']);
    expect(template[0]!.submenu!.map((entry) => entry.role).filter(Boolean)).toContain('quit');
    expect(menu(template, 'File').at(-1)).toEqual({ role: 'close' });
  });

  it('asks the renderer for New, Open and Close Project, and saves in main', () => {
    const file = menu(buildMenuTemplate(state({ project: { ...noProject, open: true } })), 'File');
    expect(item(file, 'New Project…').action).toEqual({ type: 'shell', command: 'project.new' });
    expect(item(file, 'Open Project…').action).toEqual({ type: 'shell', command: 'project.open' });
    expect(item(file, 'Close Project').action).toEqual({ type: 'shell', command: 'project.close' });
    expect(item(file, 'Save')).toMatchObject({ accelerator: 'CmdOrCtrl+S', enabled: true, action: { type: 'save' } });
  });

  it('asks the renderer to import media, only into an open project', () => {
    const importItem = (open: boolean) =>
      item(menu(buildMenuTemplate(state({ project: { ...noProject, open } })), 'File'), 'Import Media…');
    expect(importItem(true)).toEqual({
      label: 'Import Media…',
      accelerator: 'CmdOrCtrl+I',
      enabled: true,
      action: { type: 'shell', command: 'assets.import' },
    });
    expect(importItem(false).enabled).toBe(false);
  });

  it('disables Save, Close Project, Undo and Redo without a project', () => {
    const template = buildMenuTemplate(state());
    expect(item(menu(template, 'File'), 'Save').enabled).toBe(false);
    expect(item(menu(template, 'File'), 'Close Project').enabled).toBe(false);
    expect(item(menu(template, 'Edit'), 'Undo').enabled).toBe(false);
    expect(item(menu(template, 'Edit'), 'Redo').enabled).toBe(false);
  });

  it('names the edit that Undo and Redo would apply', () => {
    const edit = menu(
      buildMenuTemplate(
        state({
          project: {
            open: true,
            canUndo: true,
            canRedo: true,
            undoLabel: 'Add sequence “Intro”',
            redoLabel: 'Rename project',
          },
        }),
      ),
      'Edit',
    );
    expect(item(edit, 'Undo')).toMatchObject({ label: 'Undo add sequence “Intro”', enabled: true });
    expect(item(edit, 'Redo')).toMatchObject({ label: 'Redo rename project', enabled: true });
  });

  it('shows Undo and Redo shortcuts without taking the keys from text fields', () => {
    const edit = menu(buildMenuTemplate(state()), 'Edit');
    expect(item(edit, 'Undo')).toMatchObject({ accelerator: 'CmdOrCtrl+Z', registerAccelerator: false });
    expect(item(edit, 'Redo')).toMatchObject({ accelerator: 'Shift+CmdOrCtrl+Z', registerAccelerator: false });
    const windowsEdit = menu(buildMenuTemplate(state({ platform: 'win32' })), 'Edit');
    expect(item(windowsEdit, 'Redo').accelerator).toBe('Ctrl+Y');
  });

  it('keeps the standard clipboard roles so text fields work', () => {
    const roles = menu(buildMenuTemplate(state()), 'Edit').map((entry) => entry.role);
    expect(roles).toEqual(expect.arrayContaining(['cut', 'copy', 'paste', 'selectAll']));
  });

  it('offers developer tools only in development', () => {
    const roles = (devTools: boolean) => menu(buildMenuTemplate(state({ devTools })), 'View').map((e) => e.role);
    expect(roles(true)).toContain('toggleDevTools');
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).toEqual(
      expect.arrayContaining(['reload', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen']),
    );
  });

  describe('Open Recent', () => {
    const recentOf = (recent: MenuState['recent']) =>
      item(menu(buildMenuTemplate(state({ recent })), 'File'), 'Open Recent').submenu!;

    it('says so when there is nothing recent', () => {
      expect(recentOf([])).toEqual([{ label: 'No Recent Projects', enabled: false }]);
    });

    it('lists recent projects newest first, then Clear Recent', () => {
      const items = recentOf([
        { path: '/films/Trip.reelsmith', name: 'Trip', exists: true },
        { path: '/films/Talk.reelsmith', name: 'Talk', exists: true },
      ]);
      expect(items.map((entry) => entry.label ?? entry.type)).toEqual(['Trip', 'Talk', 'separator', 'Clear Recent']);
      expect(items[0]).toMatchObject({
        toolTip: '/films/Trip.reelsmith',
        action: { type: 'openRecent', path: '/films/Trip.reelsmith' },
      });
      expect(items.at(-1)!.action).toEqual({ type: 'clearRecent' });
    });

    it('marks projects whose folder is gone', () => {
      expect(recentOf([{ path: '/usb/Old.reelsmith', name: 'Old', exists: false }])[0]!.label).toBe('Old (missing)');
    });

    it('tells projects with the same name apart by their folder', () => {
      const labels = recentOf([
        { path: '/home/ana/work/Vlog.reelsmith', name: 'Vlog', exists: true },
        { path: 'D:\\archive\\Vlog.reelsmith', name: 'Vlog', exists: true },
      ]).map((entry) => entry.label);
      expect(labels.slice(0, 2)).toEqual(['Vlog (work)', 'Vlog (archive)']);
    });

    it(`shows at most ${MAX_RECENT_ITEMS} projects`, () => {
      const many = Array.from({ length: 25 }, (_, i) => ({ path: `/p/${i}.reelsmith`, name: `P${i}`, exists: true }));
      expect(recentOf(many).filter((entry) => entry.action?.type === 'openRecent')).toHaveLength(MAX_RECENT_ITEMS);
    });
  });
});

describe('menu text', () => {
  it('doubles "&" so it is not read as a mnemonic', () => {
    expect(menuText('Tom & Jerry')).toBe('Tom && Jerry');
  });

  it('shortens long names to one line', () => {
    const text = menuText(`A very\nlong ${'name '.repeat(30)}`);
    expect(text.length).toBeLessThanOrEqual(60);
    expect(text).not.toContain('\n');
    expect(text.endsWith('…')).toBe(true);
  });

  it('says plain Undo when the edit has no label', () => {
    expect(historyLabel('Undo', null)).toBe('Undo');
  });
});
