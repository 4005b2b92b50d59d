import { z } from 'zod';
import { LineageSchema, type AssetView, type Lineage } from '../../../shared/assets';
import type { MakingRequest } from '../../../shared/generate/lineage';
import {
  GenerateLoopSchema,
  GenerateMorphSchema,
  GenerateSampleSchema,
  GenerateVariationsSchema,
  type GeneratorListing,
} from '../../../shared/generate/requests';
import type { Job } from '../../../shared/jobs';
import type { ApiClient } from '../api';
import { isConnectionError } from '../api/connection-error';
import {
  classIndexFor,
  DEFAULT_CONTROLS,
  loopRequest,
  morphRequest,
  randomSeed,
  restoredControls,
  sampleRequest,
  variationsRequest,
  type SampleControls,
} from '../generate/controls';
import { planMorphs } from '../generate/morph-pairs';
import { expectedLineages, type TrackedJob } from '../generate/results';
import { generateTarget, sortDropped, type GenerateTargetId } from '../generate/targets';
import type { Notices } from './notices.svelte';

/** A job started from the Generate panel (or a Regenerate in the gallery), and how to know what it made. */
export interface GenerateRun extends TrackedJob {
  /** What the panel says the job is, e.g. “Upscale ×4” or “Sticker sheet”. */
  label: string;
}

/** Runs (and the controls) kept per project across reloads (this browser or window's storage); the oldest are forgotten. */
const STORED_RUNS = 50;
const StoredRunsSchema = z.array(z.object({ jobId: z.string().max(100), label: z.string().max(100), lineages: z.array(LineageSchema).max(256) }));

/** Where the runs of a project are kept; null when there is no storage (a private window, tests). */
export type RunStorage = Pick<Storage, 'getItem' | 'setItem'> | null;

/**
 * The Generate panel's state: the generators to choose from, the sample controls, the picture the Morph target
 * holds, and the jobs started here (newest first), so their progress and results show in the panel. Kept outside the
 * view so switching tabs loses nothing, and the runs and controls in storage per project folder so a reload loses
 * nothing either.
 */
export class GenerateState {
  models = $state.raw<GeneratorListing[]>([]);
  modelsLoaded = $state(false);
  controls = $state<SampleControls>({ ...DEFAULT_CONTROLS });
  /** The picture dropped on Morph, waiting for the one it turns into. */
  morphFrom = $state<string | null>(null);
  runs = $state.raw<GenerateRun[]>([]);

  readonly generators = $derived(this.models.filter((model) => model.role === 'generator'));
  readonly encoders = $derived(this.models.filter((model) => model.role === 'encoder'));
  readonly generator = $derived(this.generators.find((model) => model.id === this.controls.model));

  private loading: Promise<void> | null = null;
  private folder: string | null = null;

  constructor(
    private readonly api: ApiClient,
    private readonly notices: Notices,
    private readonly storage: RunStorage = browserStorage(),
  ) {}

  /** Fetches the generators once per project (a project may bring models of its own). */
  loadModels(): Promise<void> {
    this.loading ??= this.fetchModels();
    return this.loading;
  }

  chooseModel(id: string): void {
    this.controls.model = id;
    this.controls.classIndex = classIndexFor(this.generator, this.controls.classIndex);
  }

  rollSeed(): void {
    this.controls.seed = randomSeed();
  }

  /** Media dropped on (or chosen for) a target: each asset the target takes starts a job; the others are refused. */
  async drop(targetId: GenerateTargetId, assets: readonly AssetView[]): Promise<void> {
    const target = generateTarget(targetId);
    const { accepted, refusals } = sortDropped(target, assets);
    for (const refusal of refusals) this.notices.info(refusal);
    if (targetId === 'morph') {
      const plan = planMorphs(this.morphFrom, accepted.map((asset) => asset.id));
      this.morphFrom = plan.held;
      for (const { from, to } of plan.pairs) {
        const request = GenerateMorphSchema.parse(morphRequest(this.controls, from, to));
        await this.start('Morph', { operation: 'morph', request }, () => this.api.call('generate.morph', request));
      }
      return;
    }
    for (const asset of accepted) {
      if (targetId === 'upscale-2' || targetId === 'upscale-4') {
        const request = { assetId: asset.id, scale: targetId === 'upscale-2' ? 2 : 4, quality: this.controls.upscaleQuality } as const;
        await this.start(target.label, { operation: 'upscale', request }, () => this.api.call('generate.upscale', request));
      } else {
        const request = GenerateVariationsSchema.parse(variationsRequest(this.controls, asset.id, targetId === 'sheet' ? 'sheet' : 'separate'));
        await this.start(targetId === 'sheet' ? 'Variation sheet' : 'Variations', { operation: 'variation', request }, () =>
          this.api.call('generate.variations', request),
        );
      }
    }
  }

  /** A sheet of samples from the chosen generator, with the controls' settings. */
  async sheet(): Promise<void> {
    const request = GenerateSampleSchema.parse(sampleRequest(this.controls));
    await this.start('Sticker sheet', { operation: 'sample', request }, () => this.api.call('generate.sample', request));
  }

  /** A seamless loop through the chosen generator's seeds. */
  async loop(): Promise<void> {
    const request = GenerateLoopSchema.parse(loopRequest(this.controls));
    await this.start('Latent loop', { operation: 'loop', request }, () => this.api.call('generate.loop', request));
  }

  /** The same asset made again from its lineage; returns the job, or null when it could not start. */
  async regenerate(asset: AssetView): Promise<Job | null> {
    const lineage = asset.lineage;
    if (!lineage) return null;
    return this.start('Regenerate', [lineage], () => this.api.call('generate.regenerate', { assetId: asset.id }));
  }

  clearMorph(): void {
    this.morphFrom = null;
  }

  dismiss(jobId: string): void {
    this.setRuns(this.runs.filter((run) => run.jobId !== jobId));
  }

  /** Another project opened (or none): its runs and controls come back from storage; the held picture and models are not its. */
  reset(folder: string | null): void {
    this.folder = folder;
    this.runs = this.storedRuns();
    this.controls = restoredControls(this.stored(controlsKey));
    this.morphFrom = null;
    this.models = [];
    this.modelsLoaded = false;
    this.loading = null;
  }

  /** `making`: the request, or the lineages of what the job makes, so its results can be found in the gallery. */
  private async start(label: string, making: MakingRequest | readonly Lineage[], call: () => Promise<Job>): Promise<Job | null> {
    try {
      const job = await call();
      const lineages = 'operation' in making ? expectedLineages(making) : making;
      this.setRuns([{ jobId: job.id, lineages: [...lineages], label }, ...this.runs]);
      return job;
    } catch (error) {
      this.notices.error(error);
      return null;
    }
  }

  /** Keeps the controls as they are now for this project; the panel calls it when the user changes one. */
  saveControls(): void {
    this.store(controlsKey, JSON.stringify(this.controls));
  }

  private setRuns(runs: GenerateRun[]): void {
    this.runs = runs.slice(0, STORED_RUNS);
    this.store(runsKey, JSON.stringify(this.runs));
  }

  private storedRuns(): GenerateRun[] {
    try {
      const parsed = StoredRunsSchema.safeParse(JSON.parse(this.stored(runsKey) ?? '[]'));
      return parsed.success ? parsed.data.slice(0, STORED_RUNS) : [];
    } catch {
      return [];
    }
  }

  private stored(key: (folder: string) => string): string | null {
    if (this.folder === null || !this.storage) return null;
    return this.storage.getItem(key(this.folder));
  }

  private store(key: (folder: string) => string, text: string): void {
    if (this.folder === null || !this.storage) return;
    try {
      this.storage.setItem(key(this.folder), text);
    } catch {
      // Storage full or off: what is shown stays until the next reload.
    }
  }

  private async fetchModels(): Promise<void> {
    try {
      this.models = await this.api.call('generate.models');
      this.modelsLoaded = true;
      if (!this.generator && this.generators[0]) this.chooseModel(this.generators[0].id);
      if (!this.encoders.some((model) => model.id === this.controls.encoder) && this.encoders[0]) this.controls.encoder = this.encoders[0].id;
    } catch (error) {
      // Asked again next time the panel shows.
      this.loading = null;
      if (!isConnectionError(error)) this.notices.error(error);
    }
  }
}

function runsKey(folder: string): string {
  return `reelsmith.generate.runs:${folder}`;
}

function controlsKey(folder: string): string {
  return `reelsmith.generate.controls:${folder}`;
}

function browserStorage(): RunStorage {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
