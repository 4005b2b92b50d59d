import fs from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { ApiError } from '../../../shared/errors';
import type { Backup, ProjectInfo, ProjectState, SaveState } from '../../../shared/api';
import { newProjectDocument, type ProjectDocument } from '../../../shared/project/document';
import { EditRejected, type Edit } from '../../../shared/project/edits';
import { EditHistory } from '../../../shared/project/history';
import { isAtomicWriteTemp } from '../storage/atomic-write';
import { Autosave } from './autosave';
import { createBackup, listBackups, restoreBackup } from './backups';
import { ProjectFileError, readProjectFile, writeProjectFile, type LoadedProject } from './project-file';
import {
  PROJECT_FILE,
  PROJECT_SUBFOLDERS,
  projectNameFromFolder,
  resolveProjectFolder,
  withProjectExtension,
} from './project-folder';
import { ProjectLock, readLock, type LockOptions } from './project-lock';

/**
 * A copy of project.json goes to backups/ after the first save of a session, at most this often while editing, and
 * after the last save on close, so the newest backup is never far behind the file it protects.
 */
const BACKUP_INTERVAL_MS = 2 * 60_000;

export interface ProjectServiceOptions {
  now?: () => Date;
  autosaveDelayMs?: number;
  autosaveMaxWaitMs?: number;
  lock?: LockOptions;
  /** Called whenever the open project or its history changes. */
  onChange?: (state: ProjectState | null) => void;
  /** Called when only the open project's save state changed (a write started, ended or failed). */
  onSaveState?: (saved: { path: string; save: SaveState; modifiedAt: string }) => void;
  /** Called when a project was opened or created, for the recent list. */
  onOpened?: (entry: { path: string; name: string; openedAt: string }) => Promise<void>;
}

interface OpenProject {
  folder: string;
  history: EditHistory;
  lock: ProjectLock;
  savedDocument: ProjectDocument;
  modifiedAt: string;
  lastSavedAt: string | null;
  lastBackupAt: number | null;
  /** Whether the newest backup holds what project.json holds now. */
  backedUp: boolean;
  saving: boolean;
  saveError: string | null;
  autosave: Autosave;
}

export class ProjectService {
  private open: OpenProject | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly now: () => Date;

  constructor(private readonly options: ProjectServiceOptions = {}) {
    this.now = options.now ?? (() => new Date());
  }

  create(input: { path: string; name?: string | undefined }): Promise<ProjectState> {
    return this.serial(async () => {
      const folder = withProjectExtension(input.path);
      await ensureCreatable(folder);
      await this.closeOpen();
      await fs.mkdir(folder, { recursive: true });
      const lock = await ProjectLock.acquire(folder, this.options.lock);
      try {
        await ensureCreatable(folder);
        const now = this.now().toISOString();
        const document = newProjectDocument({
          id: randomUUID(),
          name: input.name ?? projectNameFromFolder(folder),
          now,
        });
        for (const sub of PROJECT_SUBFOLDERS) await fs.mkdir(path.join(folder, sub), { recursive: true });
        await writeProjectFile(folder, document);
        this.adopt(folder, { document, migratedFrom: null }, lock, now);
      } catch (error) {
        await lock.release();
        throw error;
      }
      return this.announceOpened();
    });
  }

  openProject(input: { path: string }): Promise<ProjectState> {
    return this.serial(async () => {
      const folder = resolveProjectFolder(input.path);
      if (this.open?.folder === folder) return this.state()!;
      // Read before closing the current project, so a damaged file leaves the user where they were.
      await this.load(folder);
      await this.closeOpen();
      const lock = await ProjectLock.acquire(folder, this.options.lock);
      try {
        await removeStaleTemporaries(folder);
        // Read again under the lock: the previous holder may have saved between the first read and the lock.
        this.adopt(folder, await this.load(folder), lock, null);
      } catch (error) {
        await lock.release();
        throw error;
      }
      return this.announceOpened();
    });
  }

  /** Reads a project without opening or locking it. */
  async info(input: { path: string }): Promise<ProjectInfo> {
    const folder = resolveProjectFolder(input.path);
    const { document } = await this.load(folder);
    const holder = await readLock(folder);
    return {
      path: folder,
      id: document.id,
      name: document.name,
      schemaVersion: document.schemaVersion,
      createdAt: document.createdAt,
      modifiedAt: document.modifiedAt,
      sequenceCount: document.sequences.length,
      assetCount: document.assets.length,
      settings: document.settings,
      lockedBy: holder ? { host: holder.host, pid: holder.pid, since: holder.acquiredAt } : null,
      backups: (await listBackups(folder)).length,
    };
  }

  current(): ProjectState | null {
    return this.state();
  }

  save(): Promise<ProjectState> {
    return this.serial(async () => {
      const project = this.require();
      await this.write(project);
      if (project.saveError) throw new ApiError('IO_ERROR', project.saveError);
      return this.state()!;
    });
  }

  close(): Promise<null> {
    return this.serial(async () => {
      await this.closeOpen();
      return null;
    });
  }

  /** Applies an edit; edits with the same `coalesce` key in a row undo as one step. */
  edit(edit: Edit, options: { coalesce?: string } = {}): Promise<ProjectState> {
    return this.serial(async () => {
      const project = this.require();
      try {
        project.history.apply(edit, options);
      } catch (error) {
        if (error instanceof EditRejected) throw rejection(error);
        throw error;
      }
      return this.changed(project);
    });
  }

  /** Builds an edit from the open document (e.g. to pick a free name) and applies it. */
  editWith(make: (doc: ProjectDocument) => Edit, options: { coalesce?: string } = {}): Promise<ProjectState> {
    return this.serial(async () => {
      const project = this.require();
      try {
        project.history.apply(make(project.history.document), options);
      } catch (error) {
        if (error instanceof EditRejected) throw rejection(error);
        throw error;
      }
      return this.changed(project);
    });
  }

  /** The open project's folder and full document (with its assets), or null. */
  openDocument(): { folder: string; document: ProjectDocument } | null {
    return this.open ? { folder: this.open.folder, document: this.open.history.document } : null;
  }

  undo(): Promise<ProjectState> {
    return this.serial(async () => {
      const project = this.require();
      return project.history.undo() ? this.changed(project) : this.state()!;
    });
  }

  redo(): Promise<ProjectState> {
    return this.serial(async () => {
      const project = this.require();
      return project.history.redo() ? this.changed(project) : this.state()!;
    });
  }

  async listBackups(input: { path: string }): Promise<Backup[]> {
    return listBackups(resolveProjectFolder(input.path));
  }

  restoreBackup(input: { path: string; backupId: string }): Promise<ProjectState> {
    return this.serial(async () => {
      const folder = resolveProjectFolder(input.path);
      if (this.open?.folder === folder) await this.closeOpen();
      const lock = await ProjectLock.acquire(folder, this.options.lock);
      try {
        const loaded = await restoreBackup(folder, input.backupId, this.now());
        await this.closeOpen();
        this.adopt(folder, loaded, lock, null);
      } catch (error) {
        await lock.release();
        throw error;
      }
      return this.announceOpened();
    });
  }

  /** Saves pending changes and releases the lock; for shutdown. */
  dispose(): Promise<null> {
    return this.close();
  }

  private async load(folder: string): Promise<LoadedProject> {
    try {
      return await readProjectFile(folder);
    } catch (error) {
      if (error instanceof ProjectFileError) {
        const backups = error.problem.kind === 'missing' ? [] : await listBackups(folder).catch(() => []);
        throw error.toApiError({ folder, backups });
      }
      throw error;
    }
  }

  private adopt(folder: string, loaded: LoadedProject, lock: ProjectLock, savedAt: string | null): void {
    const history = new EditHistory(loaded.document);
    const project: OpenProject = {
      folder,
      history,
      lock,
      // A migrated document differs from the file on disk, so it counts as unsaved until written back.
      savedDocument: loaded.migratedFrom === null ? loaded.document : { ...loaded.document },
      modifiedAt: loaded.document.modifiedAt,
      lastSavedAt: savedAt,
      lastBackupAt: null,
      backedUp: false,
      saving: false,
      saveError: null,
      autosave: new Autosave(
        () => this.serial(() => this.write(project)),
        this.options.autosaveDelayMs,
        this.options.autosaveMaxWaitMs,
      ),
    };
    this.open = project;
    if (loaded.migratedFrom !== null) project.autosave.changed();
  }

  private async announceOpened(): Promise<ProjectState> {
    const state = this.state()!;
    await this.options.onOpened?.({
      path: state.path,
      name: state.document.name,
      openedAt: this.now().toISOString(),
    });
    this.options.onChange?.(state);
    return state;
  }

  private changed(project: OpenProject): ProjectState {
    project.autosave.changed();
    const state = this.state()!;
    this.options.onChange?.(state);
    return state;
  }

  /** Writes the document when it differs from the file; records failure in the save state instead of throwing. */
  private async write(project: OpenProject): Promise<void> {
    const document = project.history.document;
    if (document === project.savedDocument) return;
    project.autosave.cancel();
    project.saving = true;
    this.announceSaveState(project);
    try {
      if (!(await project.lock.verify())) {
        throw new ApiError(
          'LOCK_LOST',
          'Another Reelsmith instance took over this project, so this window stopped saving. Reopen the project.',
        );
      }
      const now = this.now();
      const modifiedAt = now.toISOString();
      await writeProjectFile(project.folder, { ...document, modifiedAt });
      project.savedDocument = document;
      project.modifiedAt = modifiedAt;
      project.lastSavedAt = modifiedAt;
      project.saveError = null;
      project.backedUp = false;
      if (project.lastBackupAt === null || now.getTime() - project.lastBackupAt > BACKUP_INTERVAL_MS) {
        await this.backup(project);
      }
    } catch (error) {
      project.saveError = `Saving failed: ${(error as Error).message}`;
    } finally {
      project.saving = false;
      if (this.open === project) this.announceSaveState(project);
    }
  }

  private announceSaveState(project: OpenProject): void {
    this.options.onSaveState?.({ path: project.folder, save: this.saveState(project), modifiedAt: project.modifiedAt });
  }

  private saveState(project: OpenProject): SaveState {
    return {
      dirty: project.history.document !== project.savedDocument,
      saving: project.saving,
      lastSavedAt: project.lastSavedAt,
      error: project.saveError,
    };
  }

  private async backup(project: OpenProject): Promise<void> {
    const now = this.now();
    await createBackup(project.folder, now);
    project.lastBackupAt = now.getTime();
    project.backedUp = true;
  }

  private async closeOpen(): Promise<void> {
    const project = this.open;
    if (!project) return;
    await this.write(project);
    project.autosave.cancel();
    if (project.saveError && !project.lock.isLost) {
      throw new ApiError('IO_ERROR', `${project.saveError}. The project stays open so no edit is lost.`);
    }
    if (!project.backedUp && !project.lock.isLost) await this.backup(project);
    await project.lock.release();
    this.open = null;
    this.options.onChange?.(null);
  }

  private require(): OpenProject {
    if (!this.open) throw new ApiError('NO_PROJECT_OPEN', 'No project is open. Create or open one first.');
    return this.open;
  }

  private state(): ProjectState | null {
    const project = this.open;
    if (!project) return null;
    const { assets, ...document } = project.history.document;
    return {
      path: project.folder,
      document: { ...document, modifiedAt: project.modifiedAt },
      assetCount: assets.length,
      history: project.history.state(),
      save: this.saveState(project),
    };
  }

  /** Runs project operations one at a time, so calls from several clients never interleave their writes. */
  private serial<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.queue.then(operation);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

function rejection(error: EditRejected): ApiError {
  return new ApiError(error.reason === 'missing' ? 'NOT_FOUND' : 'INVALID_PARAMS', error.message);
}

async function ensureCreatable(folder: string): Promise<void> {
  let entries: string[];
  try {
    entries = await fs.readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') {
      throw new ApiError('FOLDER_NOT_EMPTY', `${folder} exists and is a file, not a folder.`);
    }
    throw error;
  }
  if (entries.includes(PROJECT_FILE)) {
    throw new ApiError('PROJECT_EXISTS', `A project already exists at ${folder}. Open it instead.`);
  }
  // Our own lock may be there when we check again under it.
  if (entries.some((e) => !e.startsWith('.reelsmith.lock'))) {
    throw new ApiError('FOLDER_NOT_EMPTY', `${folder} already exists and is not empty. Choose another name or place.`);
  }
}

async function removeStaleTemporaries(folder: string): Promise<void> {
  for (const name of await fs.readdir(folder)) {
    if (isAtomicWriteTemp(name)) await fs.rm(path.join(folder, name), { force: true });
  }
}
