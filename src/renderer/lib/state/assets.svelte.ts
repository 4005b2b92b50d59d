import type { AssetsChanged, AssetView } from '../../../shared/assets';
import type { ApiClient } from '../api';
import { isConnectionError } from '../api/connection-error';
import { applyAssetsChanged, mergeFetchedAssets } from '../gallery/asset-list';
import type { Notices } from './notices.svelte';

export interface AssetChanges {
  addTags?: string[];
  removeTags?: string[];
  favourite?: boolean;
}

/**
 * The open project's assets, oldest first. Loaded with `assets.list` when a project opens and after a reconnect; kept
 * current by `assets.changed` (a `reset` there fetches the whole list again).
 */
export class AssetsState {
  list = $state.raw<readonly AssetView[]>([]);
  /** True once the open project's list has arrived. */
  loaded = $state(false);
  readonly byId = $derived(new Map(this.list.map((asset) => [asset.id, asset])));

  private loadSeq = 0;
  /** Changes that arrived while an `assets.list` was in flight: newer than what it returns. */
  private pendingChanges: AssetsChanged[] | null = null;

  constructor(
    private readonly api: ApiClient,
    private readonly notices: Notices,
  ) {}

  start(): () => void {
    return this.api.on('assets.changed', (change) => {
      if (change.reset) {
        void this.load();
        return;
      }
      this.pendingChanges?.push(change);
      this.list = applyAssetsChanged(this.list, change);
    });
  }

  /** Fetches the whole list; an older request that answers late is ignored. */
  async load(): Promise<void> {
    const seq = ++this.loadSeq;
    this.pendingChanges = [];
    try {
      const fetched = await this.api.call('assets.list');
      if (seq !== this.loadSeq) return;
      this.list = mergeFetchedAssets(fetched, this.pendingChanges ?? []);
      this.loaded = true;
    } catch (error) {
      if (seq === this.loadSeq && !isConnectionError(error)) this.notices.error(error);
    } finally {
      if (seq === this.loadSeq) this.pendingChanges = null;
    }
  }

  /** No project is open: nothing to show, and any load in flight is for a project that has gone. */
  clear(): void {
    this.loadSeq += 1;
    this.pendingChanges = null;
    this.list = [];
    this.loaded = false;
  }

  /* Edits: each is one undoable step in the project; the engine's `assets.changed` brings the result. */

  update(ids: string[], changes: AssetChanges): Promise<boolean> {
    return this.act(() => this.api.call('assets.update', { ids, ...changes }));
  }

  remove(ids: string[]): Promise<boolean> {
    return this.act(() => this.api.call('assets.remove', { ids }));
  }

  refresh(ids: string[]): Promise<boolean> {
    return this.act(() => this.api.call('assets.refresh', { ids }));
  }

  /** Looks for every missing asset in `folder`; null when the engine refused (the notice says why). */
  async relink(folder: string): Promise<{ relinked: number; missing: number } | null> {
    try {
      return await this.api.call('assets.relink', { folder });
    } catch (error) {
      this.notices.error(error);
      return null;
    }
  }

  private async act(run: () => Promise<unknown>): Promise<boolean> {
    try {
      await run();
      return true;
    } catch (error) {
      this.notices.error(error);
      return false;
    }
  }
}
