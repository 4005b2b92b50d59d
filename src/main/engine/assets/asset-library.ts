import fs from 'node:fs/promises';
import path from 'node:path';
import type {
  Asset,
  AssetStatus,
  AssetView,
  AssetsChanged,
  DerivedMedia,
  FilmstripGeometry,
  MediaVariant,
} from '../../../shared/assets';
import { FilmstripGeometrySchema } from '../../../shared/assets';
import type { MediaInfo } from '../../../shared/media';
import type { JobQueue, JobSpec } from '../jobs/job-queue';
import type { ServedMedia } from '../serving/media-response';
import { contentTypeFor } from './content-type';
import { fingerprintKey } from './fingerprint';

/** The kinds of derived file, in the order they are made: a poster first so the gallery fills fast. */
export type DerivedKind = 'poster' | 'filmstrip' | 'waveform' | 'proxy';

export interface DerivedRequest {
  input: string;
  media: MediaInfo;
  output: string;
  signal: AbortSignal;
  onProgress: (fraction: number) => void;
}

/** How each derived file is made; the media/derived modules, or fakes in tests. */
export interface DerivedMediaMakers {
  /** Bumped when any output changes, so the fingerprint-keyed cache never serves an old format. */
  version: number;
  files: Record<DerivedKind, string> & { filmstripGeometry: string };
  /** False when this kind makes no sense for the media (no poster for audio without cover art). */
  applies(kind: DerivedKind, media: MediaInfo): boolean;
  poster(request: DerivedRequest): Promise<void>;
  filmstrip(request: DerivedRequest): Promise<FilmstripGeometry>;
  waveform(request: DerivedRequest): Promise<void>;
  proxy(request: DerivedRequest): Promise<void>;
}

export interface AssetLibraryOptions {
  jobs: JobQueue;
  makers: DerivedMediaMakers;
  emit(change: AssetsChanged): void;
  /** Derived jobs handed to the queue at once; the rest wait here so the queue stays short with 10,000 assets. */
  maxQueuedJobs: number;
  /** Upserts are gathered this long and sent together. */
  emitIntervalMs?: number;
  /** How often files are looked for again, so one moved or deleted while the project is open shows as missing. */
  recheckIntervalMs?: number;
}

interface Entry {
  asset: Asset;
  status: AssetStatus;
  statusMessage: string | null;
  derived: DerivedMedia;
  /** Bumped whenever the file is checked again, so work for an older check is dropped. */
  generation: number;
}

const PRIORITY: Record<DerivedKind, number> = { poster: -1, filmstrip: -2, waveform: -2, proxy: -3 };
const WORK_ORDER: readonly DerivedKind[] = ['poster', 'filmstrip', 'waveform', 'proxy'];

const noDerived = (): DerivedMedia => ({
  poster: 'none',
  filmstrip: 'none',
  filmstripGeometry: null,
  waveform: 'none',
  proxy: 'none',
  proxyProgress: null,
  failure: null,
});

/**
 * The run-time side of a project's assets: whether each file is where the project says, which derived files
 * (poster, filmstrip, waveform peaks, proxy) are ready in the fingerprint-keyed cache, the background jobs that make
 * the missing ones, and the files the media servers may answer with. The project document stays the record of what
 * was imported; this holds what is true on this machine now.
 */
export class AssetLibrary {
  private folder: string | null = null;
  private entries = new Map<string, Entry>();
  private assets: readonly Asset[] = [];
  private readonly waiting: Record<DerivedKind, string[]> = { poster: [], filmstrip: [], waveform: [], proxy: [] };
  private readonly running = new Map<string, { kind: DerivedKind; jobId: string }>();
  private readonly changed = new Set<string>();
  private emitTimer: NodeJS.Timeout | undefined;
  private idleWaiters: (() => void)[] = [];

  private readonly recheckTimer: NodeJS.Timeout;
  private rechecking = false;
  /** Files being looked at (check), whose derived work is not queued yet. */
  private inspecting = 0;

  constructor(private readonly options: AssetLibraryOptions) {
    this.recheckTimer = setInterval(() => void this.recheckFiles(), options.recheckIntervalMs ?? 15_000);
    this.recheckTimer.unref();
  }

  dispose(): void {
    clearInterval(this.recheckTimer);
    clearTimeout(this.emitTimer);
    this.reset(null);
  }

  /** Called whenever the open project may have changed; cheap when its assets did not. */
  sync(open: { folder: string; document: { assets: readonly Asset[] } } | null): void {
    const folder = open?.folder ?? null;
    const assets = open?.document.assets ?? [];
    if (folder !== this.folder) {
      this.reset(folder);
      this.assets = assets;
      for (const asset of assets) this.track(asset);
      this.options.emit({ upserted: [], removed: [], reset: true });
      return;
    }
    if (assets === this.assets) return;
    this.assets = assets;
    const removed: string[] = [];
    const present = new Set<string>();
    for (const asset of assets) {
      present.add(asset.id);
      const entry = this.entries.get(asset.id);
      if (!entry) this.track(asset);
      else if (entry.asset !== asset) {
        const moved = entry.asset.path !== asset.path || entry.asset.fingerprint !== asset.fingerprint;
        entry.asset = asset;
        if (moved) this.check(entry);
        else this.touch(asset.id);
      }
    }
    for (const id of this.entries.keys()) {
      if (!present.has(id)) {
        this.forget(id);
        removed.push(id);
      }
    }
    if (removed.length > 0) this.options.emit({ upserted: [], removed, reset: false });
  }

  list(): AssetView[] {
    return this.assets.map((a) => this.view(this.entries.get(a.id)!));
  }

  /** Assets whose file is not where the project says. */
  missingIds(): Set<string> {
    const ids = new Set<string>();
    for (const [id, entry] of this.entries) if (entry.status === 'missing') ids.add(id);
    return ids;
  }

  /** Deletes an asset's derived files (its probe changed), so checking it again makes them anew. */
  async discardDerived(asset: Asset): Promise<void> {
    const dir = this.cacheDir(asset);
    const { files } = this.options.makers;
    await Promise.all(Object.values(files).map((file) => fs.rm(path.join(dir, file), { force: true })));
  }

  /** Checks the files again and retries failed derived files. */
  refresh(ids: readonly string[]): void {
    for (const id of ids) {
      const entry = this.entries.get(id);
      if (entry) this.check(entry);
    }
  }

  /** The file behind a variant, or null (unknown asset, not made yet, or not applicable). */
  async resolve(id: string, variant: MediaVariant): Promise<ServedMedia | null> {
    const entry = this.entries.get(id);
    if (!entry || !this.folder) return null;
    const { asset, derived } = entry;
    const cached = (kind: DerivedKind | 'filmstripGeometry') => path.join(this.cacheDir(asset), this.options.makers.files[kind]);
    switch (variant) {
      case 'original':
        return this.original(entry);
      case 'play':
        if (derived.proxy === 'none') return this.original(entry);
        return derived.proxy === 'ready' ? { path: cached('proxy'), contentType: 'video/mp4' } : null;
      case 'proxy':
        return derived.proxy === 'ready' ? { path: cached('proxy'), contentType: 'video/mp4' } : null;
      case 'poster':
        return derived.poster === 'ready' ? { path: cached('poster'), contentType: 'image/jpeg' } : null;
      case 'filmstrip':
        return derived.filmstrip === 'ready' ? { path: cached('filmstrip'), contentType: 'image/jpeg' } : null;
      case 'waveform':
        return derived.waveform === 'ready' ? { path: cached('waveform'), contentType: 'application/octet-stream' } : null;
    }
  }

  /** Resolves when no derived work is waiting or running (the CLI waits for this before it exits). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** The folder that holds an asset's derived files: keyed by content, so a relinked or re-imported file reuses it. */
  cacheDir(asset: Pick<Asset, 'fingerprint'>): string {
    if (!this.folder) throw new Error('No project is open');
    return path.join(this.folder, 'cache', 'media', fingerprintKey(asset.fingerprint), `v${this.options.makers.version}`);
  }

  /** Looks for every file again (a stat each, a few at a time) and checks fully only those that came or went. */
  private async recheckFiles(): Promise<void> {
    if (this.rechecking || !this.folder) return;
    this.rechecking = true;
    try {
      const entries = [...this.entries.values()];
      for (let i = 0; i < entries.length; i += 32) {
        await Promise.all(
          entries.slice(i, i + 32).map(async (entry) => {
            const present = await isFile(entry.asset.path);
            if (present !== (entry.status !== 'missing') && this.entries.get(entry.asset.id) === entry) this.check(entry);
          }),
        );
      }
    } finally {
      this.rechecking = false;
    }
  }

  private async original(entry: Entry): Promise<ServedMedia | null> {
    const exists = await isFile(entry.asset.path);
    if (!exists && entry.status !== 'missing') this.check(entry);
    return exists ? { path: entry.asset.path, contentType: contentTypeFor(entry.asset.path, entry.asset.kind) } : null;
  }

  private reset(folder: string | null): void {
    for (const queue of Object.values(this.waiting)) queue.length = 0;
    for (const { jobId } of this.running.values()) {
      try {
        this.options.jobs.cancel(jobId);
      } catch {
        // Already finished and forgotten.
      }
    }
    this.running.clear();
    this.entries = new Map();
    this.changed.clear();
    this.folder = folder;
    this.settleIdle();
  }

  private track(asset: Asset): void {
    const entry: Entry = { asset, status: 'ready', statusMessage: null, derived: noDerived(), generation: 0 };
    this.entries.set(asset.id, entry);
    this.check(entry);
  }

  private forget(id: string): void {
    this.entries.delete(id);
    for (const queue of Object.values(this.waiting)) {
      const at = queue.indexOf(id);
      if (at >= 0) queue.splice(at, 1);
    }
    for (const [key, { jobId }] of this.running) {
      if (key.startsWith(`${id}:`)) {
        try {
          this.options.jobs.cancel(jobId);
        } catch {
          // Already finished and forgotten.
        }
      }
    }
    this.changed.delete(id);
  }

  /** Looks at the file and the cache, then queues whatever derived file is missing. */
  private check(entry: Entry): void {
    entry.generation += 1;
    const generation = entry.generation;
    const folder = this.folder;
    this.inspecting += 1;
    // A look that fails (the project closed under it) counts as stale.
    const looked = this.inspect(entry.asset).catch(() => null);
    void looked.then((found) => {
      this.inspecting -= 1;
      const stale = this.folder !== folder || entry.generation !== generation || this.entries.get(entry.asset.id) !== entry;
      if (!found || stale) {
        if (this.isIdle()) this.settleIdle();
        return;
      }
      entry.status = found.status;
      entry.statusMessage = found.statusMessage;
      entry.derived = found.derived;
      this.touch(entry.asset.id);
      if (found.status === 'ready') {
        for (const kind of WORK_ORDER) if (found.derived[kind] === 'pending') this.enqueue(kind, entry.asset.id);
      }
      this.pump();
    });
  }

  private async inspect(asset: Asset): Promise<Pick<Entry, 'status' | 'statusMessage' | 'derived'>> {
    // The cache is keyed by content, so a missing or changed file still shows the poster it had.
    const derived = await this.cached(asset);
    let info;
    try {
      info = await fs.stat(asset.path);
    } catch {
      return {
        status: 'missing',
        statusMessage: `The file is no longer at ${asset.path}. Point Reelsmith at the folder it moved to, to relink it.`,
        derived,
      };
    }
    if (!info.isFile()) return { status: 'missing', statusMessage: `${asset.path} is not a file any more.`, derived };
    if (info.size !== asset.sizeBytes) {
      return {
        status: 'error',
        statusMessage: `${asset.path} has changed since it was imported (${asset.sizeBytes} bytes then, ${info.size} now). Import it again to use the new version.`,
        derived,
      };
    }
    return { status: 'ready', statusMessage: null, derived };
  }

  /** Which derived files are in the cache: `ready`, or `pending` where one applies but is not made yet. */
  private async cached(asset: Asset): Promise<DerivedMedia> {
    const derived = noDerived();
    const { makers } = this.options;
    const dir = this.cacheDir(asset);
    for (const kind of WORK_ORDER) {
      if (!makers.applies(kind, asset.media)) continue;
      derived[kind] = (await isFile(path.join(dir, makers.files[kind]))) ? 'ready' : 'pending';
    }
    if (derived.filmstrip === 'ready') {
      derived.filmstripGeometry = await readGeometry(path.join(dir, makers.files.filmstripGeometry));
      if (!derived.filmstripGeometry) derived.filmstrip = 'pending';
    }
    return derived;
  }

  private enqueue(kind: DerivedKind, id: string): void {
    if (!this.waiting[kind].includes(id) && !this.running.has(`${id}:${kind}`)) this.waiting[kind].push(id);
  }

  /** Hands the next waiting work to the job queue, posters first, keeping only a few jobs queued there. */
  private pump(): void {
    while (this.running.size < this.options.maxQueuedJobs) {
      const kind = WORK_ORDER.find((k) => this.waiting[k].length > 0);
      if (!kind) break;
      const id = this.waiting[kind].shift()!;
      const entry = this.entries.get(id);
      if (!entry || entry.status !== 'ready' || entry.derived[kind] !== 'pending') continue;
      this.start(kind, entry);
    }
    if (this.isIdle()) this.settleIdle();
  }

  private start(kind: DerivedKind, entry: Entry): void {
    const { asset } = entry;
    const key = `${asset.id}:${kind}`;
    const generation = entry.generation;
    const dir = this.cacheDir(asset);
    const output = path.join(dir, this.options.makers.files[kind]);
    const spec: JobSpec = {
      kind: `media.${kind}`,
      title: `${TITLES[kind]} for ${asset.name}`,
      priority: PRIORITY[kind],
      transient: true,
      run: async (ctx) => {
        await fs.mkdir(dir, { recursive: true });
        const temporary = await ctx.output(output);
        const current = () => this.entries.get(asset.id) === entry && entry.generation === generation;
        const update = (change: Partial<DerivedMedia>) => {
          if (!current()) return;
          entry.derived = { ...entry.derived, ...change };
          this.touch(asset.id);
        };
        update({ [kind]: 'making', ...(kind === 'proxy' ? { proxyProgress: 0 } : {}) });
        const request: DerivedRequest = {
          input: asset.path,
          media: asset.media,
          output: temporary,
          signal: ctx.signal,
          onProgress: (fraction) => {
            ctx.report({ progress: fraction });
            if (kind === 'proxy') update({ proxyProgress: fraction });
          },
        };
        ctx.report({ stage: TITLES[kind] });
        if (kind === 'filmstrip') {
          const geometry = await this.options.makers.filmstrip(request);
          await fs.writeFile(path.join(dir, this.options.makers.files.filmstripGeometry), JSON.stringify(geometry));
          update({ filmstripGeometry: geometry });
        } else {
          await this.options.makers[kind](request);
        }
        return asset.name;
      },
    };
    const job = this.options.jobs.submit(spec);
    this.running.set(key, { kind, jobId: job.id });
    void this.options.jobs.whenSettled(job.id).then((settled) => {
      if (this.running.get(key)?.jobId !== job.id) return;
      this.running.delete(key);
      if (this.entries.get(asset.id) === entry && entry.generation === generation) {
        const failed = settled.state !== 'succeeded';
        entry.derived = {
          ...entry.derived,
          [kind]: failed ? 'failed' : 'ready',
          ...(kind === 'proxy' ? { proxyProgress: failed ? null : 1 } : {}),
          ...(settled.state === 'failed' ? { failure: `${TITLES[kind]}: ${settled.error?.message ?? 'failed'}` } : {}),
          ...(settled.state === 'cancelled' ? { failure: `${TITLES[kind]} was cancelled.` } : {}),
        };
        if (failed && kind === 'filmstrip') entry.derived.filmstripGeometry = null;
        this.touch(asset.id);
      }
      this.pump();
    });
  }

  private isIdle(): boolean {
    // A file still being looked at may yet need work, so the library is not idle until every look is done.
    return this.inspecting === 0 && this.running.size === 0 && WORK_ORDER.every((k) => this.waiting[k].length === 0);
  }

  private settleIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private view(entry: Entry): AssetView {
    const { derived, status } = entry;
    const playable = status === 'ready' && (derived.proxy === 'none' || derived.proxy === 'ready');
    return { ...entry.asset, status, statusMessage: entry.statusMessage, derived, playable };
  }

  private touch(id: string): void {
    this.changed.add(id);
    this.emitTimer ??= setTimeout(() => this.flush(), this.options.emitIntervalMs ?? 100);
  }

  private flush(): void {
    this.emitTimer = undefined;
    const upserted: AssetView[] = [];
    for (const id of this.changed) {
      const entry = this.entries.get(id);
      if (entry) upserted.push(this.view(entry));
    }
    this.changed.clear();
    if (upserted.length > 0) this.options.emit({ upserted, removed: [], reset: false });
  }
}

const TITLES: Record<DerivedKind, string> = {
  poster: 'Thumbnail',
  filmstrip: 'Filmstrip',
  waveform: 'Waveform',
  proxy: 'Playable copy',
};

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

async function readGeometry(file: string): Promise<FilmstripGeometry | null> {
  try {
    const parsed = FilmstripGeometrySchema.safeParse(JSON.parse(await fs.readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
