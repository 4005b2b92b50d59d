import { randomUUID } from 'node:crypto';
import { AnalysisRequestSchema } from '../../../shared/analysis/analysis';
import { SilenceThresholdSchema, type SilenceAnalysis, type SilenceParamsInput } from '../../../shared/analysis/loudness';
import type { SpeechSegment } from '../../../shared/analysis/speech';
import type { Asset } from '../../../shared/assets';
import { autoEditReport, formatAutoEditSummary } from '../../../shared/autoedit/report';
import { deadAirPieces, scenePieces, timelineFromPieces, type AutoEditSource, type FramePiece } from '../../../shared/autoedit/autoedit-timeline';
import { deadAirParams, planDeadAir, silenceRangesToSpeech } from '../../../shared/autoedit/dead-air';
import type { AutoEditStarted, DeadAirRequest } from '../../../shared/autoedit/requests';
import { ApiError } from '../../../shared/errors';
import type { Edit } from '../../../shared/project/edits';
import type { ProjectDocument } from '../../../shared/project/document';
import { sourcesFromAssets } from '../../../shared/timeline/sources';
import type { AnalysisContext, AnalysisService } from '../analysis/analysis-service';
import { JobFailure, type JobQueue } from '../jobs/job-queue';

/**
 * Automatic edits of one asset as jobs that land as new sequences: dead-air removal (speech kept, long pauses cut,
 * every cut a ghost that restores) and a split into scenes. The analyses they need come from the analysis cache, or
 * are made inside the same job. Nothing is destructive: the source sequence and the asset are untouched, and the new
 * sequence is one undoable step.
 */

export interface AutoEditServiceOptions {
  jobs: JobQueue;
  analysis: AnalysisService;
  openDocument(): { folder: string; document: ProjectDocument } | null;
  editWith(make: (doc: ProjectDocument) => Edit): Promise<unknown>;
  /** Threshold silence as auto-editor finds it (not cached: it is quick, and its threshold varies). */
  silence(file: string, params: SilenceParamsInput, options: { audioStream: number; signal: AbortSignal; onProgress: (fraction: number) => void }): Promise<SilenceAnalysis>;
}

export class AutoEditService {
  constructor(private readonly options: AutoEditServiceOptions) {}

  deadAir(assetId: string, request: DeadAirRequest): AutoEditStarted {
    const asset = this.asset(assetId);
    if (asset.media.audio.length <= request.audioStream) {
      throw new ApiError('INVALID_PARAMS', `${asset.name} has no audio stream ${request.audioStream + 1}, so there is no speech to keep.`);
    }
    const threshold = SilenceThresholdSchema.safeParse(request.threshold);
    if (request.mode === 'threshold' && !threshold.success) {
      throw new ApiError('INVALID_PARAMS', threshold.error.issues[0]?.message ?? 'The threshold is not a level.');
    }
    const params = deadAirParams(request.preset, request.mode, {
      ...(request.minPauseSeconds === undefined ? {} : { minPauseSeconds: request.minPauseSeconds }),
      ...(request.targetGapSeconds === undefined ? {} : { targetGapSeconds: request.targetGapSeconds }),
      ...(request.marginSeconds === undefined ? {} : { marginSeconds: request.marginSeconds }),
    });
    return this.start(asset, 'dead-air', `Remove dead air from ${asset.name}`, `${asset.name} – dead air removed`, async (context, source, rate) => {
      const duration = asset.media.duration ?? 0;
      const speech: readonly SpeechSegment[] =
        request.mode === 'vad'
          ? await this.speech(asset, request.audioStream, context)
          : silenceRangesToSpeech(
              (await this.options.silence(asset.path, { threshold: threshold.success ? threshold.data : 0.04 }, { audioStream: request.audioStream, ...context })).silent,
              duration,
            );
      return deadAirPieces(planDeadAir(speech, duration, params), source, rate);
    });
  }

  scenes(assetId: string): AutoEditStarted {
    const asset = this.asset(assetId);
    if (asset.kind !== 'video') throw new ApiError('INVALID_PARAMS', `${asset.name} is not a video: scenes are found in pictures.`);
    return this.start(asset, 'scenes', `Split ${asset.name} into scenes`, `${asset.name} – scenes`, async (context, source, rate) => {
      const found = await this.options.analysis.obtain(asset.id, AnalysisRequestSchema.parse({ kind: 'scenes' }), context);
      if (found.kind !== 'scenes') throw new Error('the scene analysis answered with another kind');
      return scenePieces(found.scenes.scenes, source, rate);
    });
  }

  private async speech(asset: Asset, audioStream: number, context: AnalysisContext): Promise<readonly SpeechSegment[]> {
    const found = await this.options.analysis.obtain(asset.id, AnalysisRequestSchema.parse({ kind: 'speech', audioStream }), context);
    if (found.kind !== 'speech') throw new Error('the speech analysis answered with another kind');
    return found.speech.segments;
  }

  /** Runs `cut` as a job; its pieces become a new sequence at the project's frame rate and size. */
  private start(
    asset: Asset,
    kind: string,
    title: string,
    name: string,
    cut: (context: AnalysisContext, source: AutoEditSource, rate: ProjectDocument['settings']['frameRate']) => Promise<FramePiece[]>,
  ): AutoEditStarted {
    const sequenceId = randomUUID();
    const opened = this.options.openDocument();
    if (!opened) throw new ApiError('NO_PROJECT_OPEN', 'No project is open. Create or open one first.');
    const { frameRate: rate } = opened.document.settings;
    const frames = sourcesFromAssets([asset], rate).get(asset.id)?.frames ?? null;
    if (!frames) throw new ApiError('INVALID_PARAMS', `The length of ${asset.name} is unknown, so it cannot be cut.`);
    const source: AutoEditSource = { assetId: asset.id, kind: asset.kind === 'video' ? 'video' : 'audio', frames };
    const job = this.options.jobs.submit({
      kind: `autoedit.${kind}`,
      title,
      run: async (ctx) => {
        ctx.report({ stage: 'Analysing' });
        const pieces = await cut({ signal: ctx.signal, onProgress: (progress) => ctx.report({ progress }) }, source, rate);
        if (!pieces.some((piece) => piece.kept)) throw new JobFailure({ message: `Nothing in ${asset.name} would be kept: no speech or scenes were found.` });
        ctx.report({ stage: 'Making the sequence', progress: 1 });
        if (this.options.openDocument()?.folder !== opened.folder) throw new JobFailure({ message: 'The project was closed before the edit was made.' });
        await this.options.editWith((doc) => ({
          type: 'sequence.insert',
          index: doc.sequences.length,
          sequence: {
            id: sequenceId,
            name,
            frameRate: doc.settings.frameRate,
            frameSize: doc.settings.frameSize,
            createdAt: new Date().toISOString(),
            timeline: timelineFromPieces(pieces, source, sequenceId.slice(0, 8)),
          },
        }));
        return formatAutoEditSummary(autoEditReport(pieces, rate));
      },
    });
    return { jobId: job.id, sequenceId };
  }

  private asset(assetId: string): Asset {
    const opened = this.options.openDocument();
    if (!opened) throw new ApiError('NO_PROJECT_OPEN', 'No project is open. Create or open one first.');
    const asset = opened.document.assets.find((a) => a.id === assetId);
    if (!asset) throw new ApiError('NOT_FOUND', `There is no asset with id ${assetId}.`);
    return asset;
  }
}
