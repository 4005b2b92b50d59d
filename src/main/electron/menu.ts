import { app, Menu, webContents, type KeyboardEvent, type MenuItemConstructorOptions } from 'electron';
import type { ApiEvent, ProjectState, RecentProject } from '../../shared/api';
import type { ShellCommand } from '../../shared/bridge';
import type { CallResult } from '../../shared/wire';
import type { Engine } from '../engine';
import type { FailedCall } from './dialogs';
import { buildMenuTemplate, type MenuAction, type MenuItemSpec, type MenuState } from './menu-model';

export interface ApplicationMenuOptions {
  engine: Engine;
  /** Sends a command to the renderer (opening the window first when there is none). */
  sendShellCommand(command: ShellCommand): void;
  /** Resolves true when the user chose "Remove from Recent" (offered only when asked for). */
  showError(title: string, result: FailedCall, options?: { offerRemoveFromRecent?: boolean }): Promise<boolean>;
}

/**
 * The native menu, kept in step with the engine: Open Recent follows `recent.changed`, Save/Undo/Redo follow
 * `project.changed`. Save, Undo, Redo and Open Recent run in main through the engine; the renderer follows the
 * resulting `project.changed`. The menu is rebuilt only when what it shows changes, not on every edit.
 */
export class ApplicationMenu {
  private recent: RecentProject[] = [];
  private project: ProjectState | null = null;
  private shown = '';

  constructor(private readonly options: ApplicationMenuOptions) {}

  async start(): Promise<() => void> {
    const unsubscribe = this.options.engine.subscribe((event) => this.onEvent(event));
    const [recent, current] = await Promise.all([
      this.options.engine.call('recent.list', undefined),
      this.options.engine.call('project.current', undefined),
    ]);
    if (recent.ok) this.recent = recent.value as RecentProject[];
    if (current.ok) this.project = current.value as ProjectState | null;
    this.render();
    return unsubscribe;
  }

  private onEvent(event: ApiEvent): void {
    if (event.event === 'recent.changed') this.recent = event.payload.recent;
    else if (event.event === 'project.changed') this.project = event.payload.state;
    else if (event.event === 'project.saved' && this.project?.path === event.payload.path) this.project = { ...this.project, save: event.payload.save };
    else return;
    this.render();
  }

  private state(): MenuState {
    const history = this.project?.history;
    return {
      platform: process.platform,
      appName: app.name,
      devTools: !app.isPackaged,
      recent: this.recent.map(({ path, name, exists }) => ({ path, name, exists })),
      project: {
        open: this.project !== null,
        undoLabel: history?.undoLabel ?? null,
        redoLabel: history?.redoLabel ?? null,
        canUndo: history?.canUndo ?? false,
        canRedo: history?.canRedo ?? false,
      },
    };
  }

  private render(): void {
    const state = this.state();
    const key = JSON.stringify(state);
    if (key === this.shown) return;
    this.shown = key;
    Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(state).map((item) => this.toElectron(item))));
  }

  private toElectron(item: MenuItemSpec): MenuItemConstructorOptions {
    const { action, submenu, ...rest } = item;
    const options: MenuItemConstructorOptions = { ...rest };
    if (submenu) options.submenu = submenu.map((child) => this.toElectron(child));
    if (action) options.click = (_item, _window, event) => void this.run(action, event);
    return options;
  }

  private async run(action: MenuAction, event: KeyboardEvent): Promise<void> {
    const { engine } = this.options;
    switch (action.type) {
      case 'shell':
        this.options.sendShellCommand(action.command);
        return;
      case 'save':
        return this.report('Reelsmith could not save the project', await engine.call('project.save', undefined));
      case 'undo':
      case 'redo':
        // An accelerator reaches the menu only when the page left the key unhandled (macOS; elsewhere the
        // accelerator is not registered): that is a text field's own undo.
        if (event.triggeredByAccelerator) {
          const focused = webContents.getFocusedWebContents();
          if (action.type === 'undo') focused?.undo();
          else focused?.redo();
          return;
        }
        return this.report(
          `Reelsmith could not ${action.type}`,
          await engine.call(action.type === 'undo' ? 'project.undo' : 'project.redo', undefined),
        );
      case 'openRecent': {
        const result = await engine.call('project.open', { path: action.path });
        if (result.ok) return;
        const remove = await this.options.showError('Reelsmith could not open the project', result, {
          offerRemoveFromRecent: true,
        });
        if (remove) await engine.call('recent.remove', { path: action.path });
        return;
      }
      case 'clearRecent':
        for (const entry of [...this.recent]) await engine.call('recent.remove', { path: entry.path });
        return;
      case 'about':
        app.showAboutPanel();
        return;
    }
  }

  private async report(title: string, result: CallResult): Promise<void> {
    // NO_PROJECT_OPEN: the project closed between the menu being drawn and the click; nothing to tell.
    if (!result.ok && result.error.code !== 'NO_PROJECT_OPEN') await this.options.showError(title, result);
  }
}
