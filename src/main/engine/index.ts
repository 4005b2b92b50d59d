import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { AppInfo, ShellKind } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import { nextSequenceName } from '../../shared/project/edits';
import type { CallResult } from '../../shared/wire';
import { dispatch, type ApiHandlers } from './api/dispatch';
import { defaultConfigDir, defaultProjectsDir } from './config/paths';
import { EngineEvents, type EventListener } from './events';
import { ProjectService, type ProjectServiceOptions } from './project/project-service';
import { RecentProjects } from './recent/recent-projects';
import { APP_VERSION } from './version';

/** What a shell can do that the engine cannot (native dialogs exist only in Electron). */
export interface ShellHost {
  pickFolder?: (title: string | undefined) => Promise<string | null>;
}

export interface EngineOptions {
  shell: ShellKind;
  configDir?: string;
  projectsDir?: string;
  host?: ShellHost;
  project?: Omit<ProjectServiceOptions, 'onChange' | 'onOpened'>;
  onInternalError?: (method: string, error: unknown) => void;
}

export interface Engine {
  readonly info: AppInfo;
  call(method: string, params: unknown, options?: { bytes?: number }): Promise<CallResult>;
  subscribe(listener: EventListener): () => void;
  /** Saves the open project and releases its lock. */
  dispose(): Promise<void>;
}

/** The composition root: builds every service once and binds the API contract to them. */
export function createEngine(options: EngineOptions): Engine {
  const configDir = options.configDir ?? defaultConfigDir();
  const events = new EngineEvents();
  const recent = new RecentProjects(configDir);
  const projects = new ProjectService({
    ...options.project,
    onChange: (state) => events.emit('project.changed', { state }),
    onOpened: async (entry) => {
      await recent.touch(entry);
      events.emit('recent.changed', { recent: await recent.list() });
    },
  });
  const info: AppInfo = {
    name: 'Reelsmith',
    version: APP_VERSION,
    shell: options.shell,
    platform: process.platform,
    arch: process.arch,
    pathSeparator: path.sep === '\\' ? '\\' : '/',
    projectsDir: options.projectsDir ?? defaultProjectsDir(),
    configDir,
    capabilities: { folderDialog: options.host?.pickFolder !== undefined },
  };

  const handlers: ApiHandlers = {
    'app.info': () => info,
    'dialog.pickFolder': async ({ title }) => {
      if (!options.host?.pickFolder) {
        throw new ApiError('UNSUPPORTED', 'Folder dialogs exist only in the desktop app; type the path instead.');
      }
      return { path: await options.host.pickFolder(title) };
    },
    'recent.list': () => recent.list(),
    'recent.remove': async ({ path: projectPath }) => {
      await recent.remove(projectPath);
      const list = await recent.list();
      events.emit('recent.changed', { recent: list });
      return list;
    },
    'project.create': (input) => projects.create(input),
    'project.open': (input) => projects.openProject(input),
    'project.info': (input) => projects.info(input),
    'project.current': () => projects.current(),
    'project.save': () => projects.save(),
    'project.close': () => projects.close(),
    'project.undo': () => projects.undo(),
    'project.redo': () => projects.redo(),
    'project.rename': ({ name }) => projects.edit({ type: 'project.rename', name }),
    'project.updateSettings': (settings) => projects.edit({ type: 'project.settings', ...settings }),
    'project.listBackups': (input) => projects.listBackups(input),
    'project.restoreBackup': (input) => projects.restoreBackup(input),
    'sequence.create': ({ name }) =>
      projects.editWith((doc) => ({
        type: 'sequence.insert',
        index: doc.sequences.length,
        sequence: {
          id: randomUUID(),
          name: name ?? nextSequenceName(doc),
          frameRate: doc.settings.frameRate,
          frameSize: doc.settings.frameSize,
          createdAt: new Date().toISOString(),
        },
      })),
    'sequence.rename': ({ id, name }) => projects.edit({ type: 'sequence.rename', id, name }),
    'sequence.delete': ({ id }) => projects.edit({ type: 'sequence.remove', id }),
  };

  return {
    info,
    call: (method, params, callOptions) =>
      dispatch(handlers, method, params, { ...callOptions, onInternalError: options.onInternalError }),
    subscribe: (listener) => events.subscribe(listener),
    dispose: async () => {
      await projects.dispose();
    },
  };
}
