import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  AnalysisResultSchema,
  type AnalysisKind,
  type AnalysisRequest,
  type AnalysisResult,
  type AnalysisSummary,
} from '../../../shared/analysis/analysis';
import type { LoudnessAnalysis } from '../../../shared/analysis/loudness';
import type { SceneAnalysis } from '../../../shared/analysis/scenes';
import type { SpeechAnalysis } from '../../../shared/analysis/speech';
import type { Asset } from '../../../shared/assets';
import type { Job } from '../../../shared/jobs';
import { ApiError } from '../../../shared/errors';
import { fingerprintKey } from '../assets/fingerprint';
import { JobFailure, type JobQueue } from '../jobs/job-queue';
import { writeFileAtomic } from '../storage/atomic-write';

/**
 * Analysis of a project's assets as jobs, with results cached in the project's cache folder by the asset's content
 * fingerprint and the exact request, so a cached result is never stale and the same file is never analysed twice
 * for the same question. The analyses themselves are injected (the real ones stream media through ffmpeg and the
 * inference host; tests pass fakes).
 */

export interface AnalysisContext {
  signal: AbortSignal;
  onProgress(fraction: number): void;
}

/** What a voice-activity run reports besides its result: where the model ran, recorded with the job. */
export interface SpeechRun {
  analysis: SpeechAnalysis;
  provider: string | null;
}

export interface Analyzers {
  speech(file: string, request: Extract<AnalysisRequest, { kind: 'speech' }>, context: AnalysisContext): Promise<SpeechRun>;
  loudness(file: string, request: Extract<AnalysisRequest, { kind: 'loudness' }>, context: AnalysisContext): Promise<LoudnessAnalysis>;
  scenes(file: string, request: Extract<AnalysisRequest, { kind: 'scenes' }>, context: AnalysisContext): Promise<SceneAnalysis>;
}

export interface AnalysisServiceOptions {
  jobs: JobQueue;
  analyzers: Analyzers;
  /** The open project's folder and its assets; null when none is open. */
  project(): { folder: string; assets: readonly Asset[] } | null;
  onChange(assetId: string, kind: AnalysisKind): void;
}

/**
 * Bumped when an analysis changes what it finds for the same input, so older cached results of that kind are not
 * used (speech 3: decoded to 8 kHz with a shorter resampling filter, which moves a few segment edges).
 */
const ANALYSIS_VERSIONS: Record<AnalysisKind, number> = { speech: 3, loudness: 2, scenes: 2 };

const TITLES: Record<AnalysisKind, string> = { speech: 'Speech', loudness: 'Loudness', scenes: 'Scenes' };

export class AnalysisService {
  /** Jobs running per cache file, so asking twice while one runs returns the same job. */
  private readonly running = new Map<string, Job>();

  constructor(private readonly options: AnalysisServiceOptions) {}

  /** The cached result of `request` for the asset, or null when it has not been analysed that way. */
  async get(assetId: string, request: AnalysisRequest): Promise<AnalysisResult | null> {
    const { file } = this.locate(assetId, request);
    return readResult(file, request.kind);
  }

  /** Starts the analysis as a job, or returns the job already running for the same request. */
  run(assetId: string, request: AnalysisRequest): Job {
    const { asset, file } = this.locate(assetId, request);
    refuseUnanalysable(asset, request);
    const already = this.running.get(file);
    if (already) return already;
    const job = this.options.jobs.submit({
      kind: `analysis.${request.kind}`,
      title: `${TITLES[request.kind]} in ${asset.name}`,
      resource: request.kind === 'speech' ? 'inference' : 'cpu',
      run: async (ctx) => {
        ctx.report({ stage: 'Analysing' });
        const { summary } = await this.compute(asset, file, request, { signal: ctx.signal, onProgress: (progress) => ctx.report({ progress }) });
        return summary;
      },
    });
    this.running.set(file, job);
    void this.options.jobs.whenSettled(job.id).finally(() => this.running.delete(file));
    return job;
  }

  /**
   * The result of `request` for the asset, from the cache or made now inside the caller's job (an automatic edit
   * needs the speech of its source first), and cached.
   */
  async obtain(assetId: string, request: AnalysisRequest, context: AnalysisContext): Promise<AnalysisResult> {
    const { asset, file } = this.locate(assetId, request);
    refuseUnanalysable(asset, request);
    return (await readResult(file, request.kind)) ?? (await this.compute(asset, file, request, context)).result;
  }

  private async compute(asset: Asset, file: string, request: AnalysisRequest, context: AnalysisContext): Promise<{ result: AnalysisResult; summary: string }> {
    const made = await this.analyse(asset.path, request, context);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, JSON.stringify({ version: ANALYSIS_VERSIONS[request.kind], request, result: made.result }));
    this.options.onChange(asset.id, request.kind);
    return made;
  }

  /** What the detail panel shows: the default-parameter results that exist. */
  async summary(assetId: string, defaults: { speech: AnalysisRequest; loudness: AnalysisRequest; scenes: AnalysisRequest }): Promise<AnalysisSummary> {
    const [speech, loudness, scenes] = await Promise.all([this.get(assetId, defaults.speech), this.get(assetId, defaults.loudness), this.get(assetId, defaults.scenes)]);
    return {
      assetId,
      speech: speech?.kind === 'speech' ? { ratio: speech.speech.speechRatio, segments: speech.speech.segments.length } : null,
      loudness:
        loudness?.kind === 'loudness'
          ? { integratedLufs: loudness.loudness.integratedLufs, truePeakDbtp: loudness.loudness.truePeakDbtp, loudnessRangeLu: loudness.loudness.loudnessRangeLu }
          : null,
      scenes: scenes?.kind === 'scenes' ? { count: scenes.scenes.scenes.length, cuts: scenes.scenes.cuts.length } : null,
    };
  }

  private async analyse(input: string, request: AnalysisRequest, context: AnalysisContext): Promise<{ result: AnalysisResult; summary: string }> {
    const { analyzers } = this.options;
    try {
      switch (request.kind) {
        case 'speech': {
          const run = await analyzers.speech(input, request, context);
          const percent = Math.round(run.analysis.speechRatio * 100);
          const where = run.provider ? ` · AI on ${run.provider.toUpperCase()}` : '';
          return { result: { kind: 'speech', speech: run.analysis }, summary: `${percent}% speech in ${run.analysis.segments.length} segments${where}` };
        }
        case 'loudness': {
          const loudness = await analyzers.loudness(input, request, context);
          const integrated = loudness.integratedLufs === null ? 'silent' : `${loudness.integratedLufs.toFixed(1)} LUFS`;
          return { result: { kind: 'loudness', loudness }, summary: integrated };
        }
        case 'scenes': {
          const scenes = await analyzers.scenes(input, request, context);
          return { result: { kind: 'scenes', scenes }, summary: `${scenes.scenes.length} scenes` };
        }
      }
    } catch (error) {
      if (context.signal.aborted || error instanceof JobFailure) throw error;
      throw new JobFailure({ message: `The analysis failed: ${(error as Error).message}` });
    }
  }

  private locate(assetId: string, request: AnalysisRequest): { asset: Asset; file: string } {
    const project = this.options.project();
    if (!project) throw new ApiError('NO_PROJECT_OPEN', 'No project is open. Create or open one first.');
    const asset = project.assets.find((a) => a.id === assetId);
    if (!asset) throw new ApiError('NOT_FOUND', `There is no asset with id ${assetId}.`);
    return { asset, file: analysisFile(project.folder, asset.fingerprint, request) };
  }
}

function refuseUnanalysable(asset: Asset, request: AnalysisRequest): void {
  if (request.kind !== 'scenes' && asset.media.audio.length <= request.audioStream) {
    throw new ApiError('INVALID_PARAMS', `${asset.name} has no audio stream ${request.audioStream + 1}: there is nothing to listen to.`);
  }
  if (request.kind === 'scenes' && asset.media.kind !== 'video') {
    throw new ApiError('INVALID_PARAMS', `${asset.name} is not a video: scenes are found in pictures.`);
  }
}

/** `cache/analysis/<fingerprint>/<kind>-<hash of the request>.json` in the project folder. */
export function analysisFile(projectFolder: string, fingerprint: string, request: AnalysisRequest): string {
  const key = createHash('sha256').update(JSON.stringify({ version: ANALYSIS_VERSIONS[request.kind], request: sortedKeys(request) })).digest('hex').slice(0, 20);
  return path.join(projectFolder, 'cache', 'analysis', fingerprintKey(fingerprint), `${request.kind}-${key}.json`);
}

/** The same request always hashes the same, whatever order its keys were written in. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sortedKeys(v)]));
  }
  return value;
}

async function readResult(file: string, kind: AnalysisKind): Promise<AnalysisResult | null> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = JSON.parse(text) as { version?: unknown; result?: unknown };
    if (parsed.version !== ANALYSIS_VERSIONS[kind]) return null;
    return AnalysisResultSchema.parse(parsed.result);
  } catch {
    // A damaged cache entry is as good as none: the analysis runs again.
    return null;
  }
}
