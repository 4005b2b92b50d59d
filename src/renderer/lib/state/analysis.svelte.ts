import { SvelteMap } from 'svelte/reactivity';
import { AnalysisRequestSchema, type AnalysisKind, type AnalysisRequest, type AnalysisSummary } from '../../../shared/analysis/analysis';
import type { Scene, SceneCut } from '../../../shared/analysis/scenes';
import type { SpeechSegment } from '../../../shared/analysis/speech';
import type { ApiClient } from '../api';
import { isConnectionError } from '../api/connection-error';
import type { Notices } from './notices.svelte';

/** The default request of each kind: what the gallery's buttons run and what the timeline shows. */
export const DEFAULT_REQUESTS: Record<AnalysisKind, AnalysisRequest> = {
  speech: AnalysisRequestSchema.parse({ kind: 'speech' }),
  loudness: AnalysisRequestSchema.parse({ kind: 'loudness' }),
  scenes: AnalysisRequestSchema.parse({ kind: 'scenes' }),
};

/**
 * What the window draws of an analysed asset: speech regions and scene cuts over its clips on the timeline, and its
 * scenes as subclips in the gallery, all in source seconds.
 */
export interface AssetOverlays {
  speech: readonly SpeechSegment[] | null;
  cuts: readonly SceneCut[] | null;
  scenes: readonly Scene[] | null;
}

/**
 * Analysis results as the window shows them: the detail panel's summary per asset, and the speech regions and scene
 * cuts the timeline draws. Loaded on demand and loaded again when the engine says an asset's analysis changed.
 */
export class AnalysisState {
  readonly summaries = new SvelteMap<string, AnalysisSummary>();
  readonly overlays = new SvelteMap<string, AssetOverlays>();
  /** Job ids of analyses started from the window, by asset and kind, so their buttons show progress. */
  readonly started = new SvelteMap<string, string>();

  constructor(
    private readonly api: ApiClient,
    private readonly notices: Notices,
  ) {}

  start(): () => void {
    return this.api.on('analysis.changed', ({ assetId }) => {
      if (this.summaries.has(assetId)) void this.loadSummary(assetId);
      if (this.overlays.has(assetId)) void this.loadOverlays(assetId);
    });
  }

  async loadSummary(assetId: string): Promise<void> {
    try {
      this.summaries.set(assetId, await this.api.call('analysis.summary', { assetId }));
    } catch (error) {
      if (!isConnectionError(error)) this.notices.error(error);
    }
  }

  /** Loads the overlays of an asset once; later changes arrive by event. */
  ensureOverlays(assetId: string): void {
    if (this.overlays.has(assetId)) return;
    this.overlays.set(assetId, { speech: null, cuts: null, scenes: null });
    void this.loadOverlays(assetId);
  }

  async run(assetId: string, kind: AnalysisKind): Promise<void> {
    try {
      const job = await this.api.call('analysis.run', { assetId, request: DEFAULT_REQUESTS[kind] });
      this.started.set(`${assetId}:${kind}`, job.id);
    } catch (error) {
      this.notices.error(error);
    }
  }

  jobFor(assetId: string, kind: AnalysisKind): string | undefined {
    return this.started.get(`${assetId}:${kind}`);
  }

  /** Another project opened: nothing of the last one's applies. */
  reset(): void {
    this.summaries.clear();
    this.overlays.clear();
    this.started.clear();
  }

  private async loadOverlays(assetId: string): Promise<void> {
    try {
      const [speech, scenes] = await Promise.all([
        this.api.call('analysis.get', { assetId, request: DEFAULT_REQUESTS.speech }),
        this.api.call('analysis.get', { assetId, request: DEFAULT_REQUESTS.scenes }),
      ]);
      this.overlays.set(assetId, {
        speech: speech?.kind === 'speech' ? speech.speech.segments : null,
        cuts: scenes?.kind === 'scenes' ? scenes.scenes.cuts : null,
        scenes: scenes?.kind === 'scenes' ? scenes.scenes.scenes : null,
      });
    } catch (error) {
      if (!isConnectionError(error)) this.notices.error(error);
    }
  }
}
