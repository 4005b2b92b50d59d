import type { ImportReport, ImportResult } from '../../../shared/assets';
import type { ApiClient } from '../api';
import type { PathImporter } from '../import/desktop-import';
import type { NamedFile } from '../import/dropped-files';
import { describeSummary, withRejected, type ImportSummary } from '../import/import-report';
import { uploadAll, type UploadProgress } from '../import/upload-queue';
import { sendUpload } from '../import/upload-request';
import type { Notices } from './notices.svelte';

export type ImportProgress =
  | ({ phase: 'uploading' } & UploadProgress)
  /** The engine is probing and adding `files`; its import job shows the detail in the Jobs view. */
  | { phase: 'importing'; files: number };

/** Uploads at once: enough to keep the connection busy, few enough that each file shows steady progress. */
const UPLOAD_CONCURRENCY = 3;
/** The most uploads `assets.importUploads` takes in one call. */
const MAX_UPLOADS_PER_CALL = 10_000;

/**
 * Bringing media into the open project, one import at a time: uploads in the web shell (with byte progress and a
 * stop button), paths in Electron (drop or native dialog). Every import ends with a summary notice and the report.
 */
export class ImportsState {
  progress = $state.raw<ImportProgress | null>(null);
  /** The last import's outcome, until dismissed or replaced by the next. */
  summary = $state.raw<ImportSummary | null>(null);

  private controller: AbortController | null = null;

  constructor(
    private readonly api: ApiClient,
    private readonly notices: Notices,
    private readonly pathImporter: PathImporter | null,
  ) {}

  get busy(): boolean {
    return this.progress !== null;
  }

  /** Whether files can be imported here without uploading them (Electron knows their paths). */
  get importsByPath(): boolean {
    return this.pathImporter !== null;
  }

  /** Web shell: uploads the files, then imports what arrived. `unreadable` files are reported as rejected. */
  async upload(files: NamedFile<File>[], unreadable: { name: string; reason: string }[] = []): Promise<void> {
    if (!this.begin(files.length + unreadable.length)) return;
    const controller = new AbortController();
    this.controller = controller;
    try {
      const items = files.map(({ name, file }) => ({ name, file, size: file.size }));
      const outcomes = await uploadAll(
        items,
        (item, onSent, signal) => sendUpload(item.file, item.name, onSent, signal),
        {
          concurrency: UPLOAD_CONCURRENCY,
          signal: controller.signal,
          onProgress: (progress) => (this.progress = { phase: 'uploading', ...progress }),
        },
      );
      const uploadIds = outcomes.flatMap((o) => ('uploadId' in o ? [o.uploadId] : []));
      const failed = outcomes.flatMap((o) => ('error' in o && !o.stopped ? [{ name: o.item.name, reason: o.error }] : []));
      const stoppedFiles = outcomes.filter((o) => 'stopped' in o && o.stopped).length;
      this.progress = { phase: 'importing', files: uploadIds.length };
      const results: ImportResult[] = [];
      for (let i = 0; i < uploadIds.length; i += MAX_UPLOADS_PER_CALL) {
        const uploads = uploadIds.slice(i, i + MAX_UPLOADS_PER_CALL);
        results.push(...(await this.api.call('assets.importUploads', { uploads })).results);
      }
      this.finish({ report: withRejected(results, [...unreadable, ...failed]), stoppedFiles });
    } catch (error) {
      this.notices.error(error);
    } finally {
      this.controller = null;
      this.progress = null;
    }
  }

  /** Electron: imports dropped or picked files (and folders) by their paths. */
  async importByPath(files: File[]): Promise<void> {
    const importer = this.pathImporter;
    if (!importer) return;
    await this.run(files.length, () => importer(files));
  }

  /** Electron: the native open dialog; the engine imports what was chosen. */
  async importFromDialog(): Promise<void> {
    if (this.busy) return this.refuseSecond();
    try {
      const report = await this.api.call('assets.importFromDialog');
      if (report.results.length > 0) this.finish({ report, stoppedFiles: 0 });
    } catch (error) {
      this.notices.error(error);
    }
  }

  /** Stops the uploads still running or waiting; files that already arrived are imported. */
  stop(): void {
    this.controller?.abort();
  }

  dismissSummary(): void {
    this.summary = null;
  }

  private async run(files: number, importFiles: () => Promise<ImportReport>): Promise<void> {
    if (!this.begin(files)) return;
    try {
      this.finish({ report: await importFiles(), stoppedFiles: 0 });
    } catch (error) {
      this.notices.error(error);
    } finally {
      this.progress = null;
    }
  }

  private begin(files: number): boolean {
    if (this.busy) {
      this.refuseSecond();
      return false;
    }
    if (files === 0) {
      this.notices.info('Nothing to import: no files were found (hidden files are skipped).');
      return false;
    }
    this.progress = { phase: 'importing', files };
    return true;
  }

  private refuseSecond(): void {
    this.notices.info('An import is already running: wait for it to finish, or stop it.');
  }

  private finish(summary: ImportSummary): void {
    this.summary = summary;
    this.notices.info(describeSummary(summary));
  }
}
