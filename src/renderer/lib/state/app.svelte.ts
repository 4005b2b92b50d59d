import { untrack } from 'svelte';
import { BackupSchema, type AppInfo, type Backup, type ProjectState, type RecentProject } from '../../../shared/api';
import type { ShellCommand } from '../../../shared/bridge';
import { ApiError } from '../../../shared/errors';
import type { AssetView } from '../../../shared/assets';
import type { FrameRate, FrameSize } from '../../../shared/project/document';
import type { TimelineCommand } from '../../../shared/timeline/commands';
import type { ApiClient, ConnectionStatus } from '../api';
import { isConnectionError } from '../api/connection-error';
import { describeError } from '../api/describe-error';
import type { PathImporter } from '../import/desktop-import';
import { appendAssets } from '../timeline/asset-clips';
import { AnalysisState } from './analysis.svelte';
import { AssetsState } from './assets.svelte';
import { AutoEditsState } from './auto-edits.svelte';
import { GalleryState } from './gallery.svelte';
import { GenerateState } from './generate.svelte';
import { ImportsState } from './imports.svelte';
import { JobsState } from './jobs.svelte';
import { Notices } from './notices.svelte';
import { TimelineState } from './timeline.svelte';
import type { WorkspaceTab } from '../../views/workspace/tabs';

/** A project that could not be opened as it is, and the backups it could be restored from. */
export interface Recovery {
  /** The project folder, as the engine resolved it. */
  folder: string;
  code: 'PROJECT_DAMAGED' | 'PROJECT_TOO_NEW';
  message: string;
  backups: Backup[];
}

/** A form the menu or a shortcut asked for; `seq` changes on every request so the same form can be asked twice. */
export interface FormRequest {
  form: 'new' | 'open';
  seq: number;
}

/**
 * Everything the window shows that comes from the engine, kept current by events (`project.changed`,
 * `recent.changed`) as well as call results, and refetched after the web shell connection comes back.
 */
export class AppState {
  connection = $state<ConnectionStatus>({ state: 'connecting' });
  info = $state.raw<AppInfo | null>(null);
  recent = $state.raw<RecentProject[]>([]);
  project = $state.raw<ProjectState | null>(null);
  /** True once info, recent projects and the open project have been loaded. */
  ready = $state(false);
  loadError = $state<string | null>(null);
  recovery = $state.raw<Recovery | null>(null);
  formRequest = $state<FormRequest | null>(null);
  readonly notices = new Notices();
  readonly jobs: JobsState;
  readonly assets: AssetsState;
  readonly imports: ImportsState;
  readonly gallery = new GalleryState();
  readonly timeline = new TimelineState();
  readonly analysis: AnalysisState;
  readonly autoEdits: AutoEditsState;
  readonly generate: GenerateState;
  /** The workspace view showing; an action in one view may move the user to another (an export to the gallery). */
  workspaceTab = $state<WorkspaceTab>('gallery');
  /** The open project's folder: changes only when a project opens or closes, not on every edit. */
  readonly projectFolder = $derived(this.project?.path ?? null);
  private requestSeq = 0;

  /** `pathImporter`: Electron's import of dropped and picked files by path; null in the web shell, which uploads. */
  constructor(
    readonly api: ApiClient,
    pathImporter: PathImporter | null = null,
  ) {
    this.connection = api.transport.status;
    this.jobs = new JobsState(api, this.notices);
    this.assets = new AssetsState(api, this.notices);
    this.imports = new ImportsState(api, this.notices, pathImporter);
    this.analysis = new AnalysisState(api, this.notices);
    this.autoEdits = new AutoEditsState(api, this.notices);
    this.generate = new GenerateState(api, this.notices);
  }

  get transportKind() {
    return this.api.transport.kind;
  }

  start(): () => void {
    const stops = [
      this.api.on('project.changed', ({ state }) => {
        this.project = state;
      }),
      // The document stays the same object, so nothing derived from it is worked out again.
      this.api.on('project.saved', ({ path, save, modifiedAt }) => {
        const project = this.project;
        if (project?.path !== path) return;
        this.project = { ...project, save, document: project.document.modifiedAt === modifiedAt ? project.document : { ...project.document, modifiedAt } };
      }),
      this.api.on('recent.changed', ({ recent }) => {
        this.recent = recent;
      }),
      this.api.transport.onStatus((status, previous) => {
        this.connection = status;
        if (status.state === 'connected' && previous.state === 'reconnecting') {
          void this.refresh().then(() => {
            void this.jobs.load();
            // Assets changed while the connection was down would have been missed.
            if (this.project) void this.assets.load();
          });
        }
      }),
      this.api.onShellCommand((command) => void this.shellCommand(command)),
      this.jobs.start(),
      this.assets.start(),
      this.analysis.start(),
      // The job list holds the open project's history: load it once ready, and again when a project opens or closes.
      $effect.root(() => {
        $effect(() => {
          if (!this.ready) return;
          void this.projectFolder;
          untrack(() => void this.jobs.load());
        });
        // The asset list and the gallery's view of it belong to one project.
        $effect(() => {
          if (!this.ready) return;
          const folder = this.projectFolder;
          untrack(() => {
            this.gallery.reset();
            this.timeline.reset();
            this.analysis.reset();
            this.autoEdits.reset();
            this.generate.reset(folder);
            this.workspaceTab = 'gallery';
            this.imports.dismissSummary();
            if (folder === null) this.assets.clear();
            else void this.assets.load();
          });
        });
        $effect(() => {
          const byId = this.assets.byId;
          untrack(() => this.gallery.retain((id) => byId.has(id)));
        });
        // An automatic edit started from the timeline opens there as soon as its sequence exists.
        $effect(() => {
          const jobs = this.jobs.list;
          const sequences = this.project?.document.sequences;
          untrack(() => {
            const ready = this.autoEdits.takeFinishedToOpen(jobs, (id) => sequences?.some((s) => s.id === id) ?? false);
            const last = ready.at(-1);
            if (last) this.openSequence(last.sequenceId);
          });
        });
      }),
    ];
    void this.refresh();
    return () => stops.forEach((stop) => stop());
  }

  /** Shows a sequence in the timeline. */
  openSequence(sequenceId: string): void {
    this.timeline.open(sequenceId);
    this.workspaceTab = 'timeline';
  }

  /** Shows an asset selected in the gallery, with its details; filters that would hide it are lifted, the order kept. */
  showInGallery(assetId: string): void {
    this.gallery.setQuery({ kind: 'all', search: '', favouritesOnly: false, tags: [] });
    this.gallery.selection = { ids: new Set([assetId]), anchor: assetId };
    this.gallery.focusId = assetId;
    this.gallery.detailOpen = true;
    this.workspaceTab = 'gallery';
  }

  /** Loads what the window shows from scratch: at start, and after a reconnect (the web shell may have restarted). */
  async refresh(): Promise<void> {
    try {
      const [info, recent, project] = await Promise.all([
        this.api.call('app.info'),
        this.api.call('recent.list'),
        this.api.call('project.current'),
      ]);
      this.info = info;
      this.recent = recent;
      this.project = project;
      this.loadError = null;
      this.ready = true;
    } catch (error) {
      // The connection problem is already on screen; anything else is worth saying.
      if (!isConnectionError(error)) this.loadError = describeError(error);
    }
  }

  requestForm(form: FormRequest['form']): void {
    this.requestSeq += 1;
    this.formRequest = { form, seq: this.requestSeq };
  }

  async shellCommand(command: ShellCommand): Promise<void> {
    switch (command) {
      case 'project.new':
        this.requestForm('new');
        return;
      case 'project.open':
        if (this.info?.capabilities.folderDialog) {
          const path = await this.pickFolder('Open project');
          if (path) await this.openProject(path).catch((error: unknown) => this.notices.error(error));
        } else {
          this.requestForm('open');
        }
        return;
      case 'project.close':
        await this.closeProject();
        return;
      case 'assets.import':
        if (this.project) await this.imports.importFromDialog();
        return;
    }
  }

  /* Opening and creating: failures go back to the form that asked, except damage, which opens recovery. */

  async createProject(path: string, name: string): Promise<void> {
    this.project = await this.api.call('project.create', { path, name });
  }

  /** True when the project opened; false when it needs recovery from a backup (the recovery dialog shows). */
  async openProject(path: string): Promise<boolean> {
    try {
      this.project = await this.api.call('project.open', { path });
      return true;
    } catch (error) {
      const recovery = recoveryFrom(error, path);
      if (!recovery) throw error;
      this.recovery = recovery;
      return false;
    }
  }

  async restoreBackup(folder: string, backupId: string): Promise<void> {
    this.project = await this.api.call('project.restoreBackup', { path: folder, backupId });
    this.recovery = null;
  }

  dismissRecovery(): void {
    this.recovery = null;
  }

  async removeRecent(path: string): Promise<void> {
    try {
      this.recent = await this.api.call('recent.remove', { path });
    } catch (error) {
      this.notices.error(error);
    }
  }

  /** The native folder picker (Electron only); null when cancelled or unavailable. */
  async pickFolder(title: string): Promise<string | null> {
    if (!this.info?.capabilities.folderDialog) return null;
    try {
      return (await this.api.call('dialog.pickFolder', { title })).path;
    } catch (error) {
      this.notices.error(error);
      return null;
    }
  }

  /* Editing the open project: failures become notices. */

  async closeProject(): Promise<void> {
    if (!this.project) return;
    try {
      await this.api.call('project.close');
      this.project = null;
    } catch (error) {
      this.notices.error(error);
    }
  }

  save = () => this.edit(() => this.api.call('project.save'));
  undo = () => this.edit(() => this.api.call('project.undo'), (p) => p.history.canUndo);
  redo = () => this.edit(() => this.api.call('project.redo'), (p) => p.history.canRedo);

  rename(name: string) {
    return this.edit(() => this.api.call('project.rename', { name }));
  }

  updateSettings(settings: { frameRate?: FrameRate; frameSize?: FrameSize; sampleRate?: 44100 | 48000 }) {
    return this.edit(() => this.api.call('project.updateSettings', settings));
  }

  /** A new empty sequence: the project's frame, or a video asset's own (`shapeFrom`). */
  createSequence(shapeFrom?: string) {
    return this.edit(() => this.api.call('sequence.create', shapeFrom === undefined ? {} : { shapeFrom }));
  }

  renameSequence(id: string, name: string) {
    return this.edit(() => this.api.call('sequence.rename', { id, name }));
  }

  deleteSequence(id: string) {
    return this.edit(() => this.api.call('sequence.delete', { id }));
  }

  /**
   * One undoable change to a sequence's timeline. Edits sharing a `coalesce` key in a row undo as one step, so a
   * gesture that needs several commands (splitting every clip under the playhead) is still one undo.
   */
  editSequence(sequenceId: string, command: TimelineCommand, coalesce?: string) {
    return this.edit(() => this.api.call('sequence.edit', { sequenceId, command, coalesce }));
  }

  /**
   * Appends assets at the end of the open sequence (or the first; a new one when there is none, in the frame of the
   * first video added): video and images on V1, sound on A1. One undo step takes them all away again.
   */
  async addToTimeline(assets: readonly AssetView[]): Promise<void> {
    if (!this.project || assets.length === 0) return;
    const firstVideo = assets.find((asset) => asset.kind === 'video');
    if (this.project.document.sequences.length === 0 && !(await this.createSequence(firstVideo?.id))) return;
    const sequences = this.project.document.sequences;
    const sequence = sequences.find((s) => s.id === this.timeline.openSequenceId) ?? sequences[0];
    if (!sequence) return;
    const plan = appendAssets(sequence.timeline, assets, sequence.frameRate, () => crypto.randomUUID());
    for (const refusal of plan.refusals) this.notices.info(refusal);
    const coalesce = `add-${crypto.randomUUID()}`;
    let added = 0;
    for (const command of plan.commands) {
      if (!(await this.editSequence(sequence.id, command, coalesce))) break;
      added += 1;
    }
    if (added > 0) this.notices.info(`Added ${added} clip${added === 1 ? '' : 's'} to “${sequence.name}”`);
  }

  /** Runs an edit of the open project; returns whether it succeeded. */
  private async edit(
    run: () => Promise<ProjectState>,
    allowed: (project: ProjectState) => boolean = () => true,
  ): Promise<boolean> {
    if (!this.project || !allowed(this.project)) return false;
    try {
      this.project = await run();
      return true;
    } catch (error) {
      this.notices.error(error);
      return false;
    }
  }
}

function recoveryFrom(error: unknown, path: string): Recovery | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code !== 'PROJECT_DAMAGED' && error.code !== 'PROJECT_TOO_NEW') return null;
  const details = error.details ?? {};
  const backups = Array.isArray(details.backups)
    ? details.backups.flatMap((b: unknown) => {
        const parsed = BackupSchema.safeParse(b);
        return parsed.success ? [parsed.data] : [];
      })
    : [];
  return {
    folder: typeof details.folder === 'string' ? details.folder : path,
    code: error.code,
    message: error.message,
    backups: backups.sort((a, b) => b.savedAt.localeCompare(a.savedAt)),
  };
}
