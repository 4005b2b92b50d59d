import { randomUUID } from 'node:crypto';
import { AnalysisRequestSchema } from '../../../shared/analysis/analysis';
import { SilenceThresholdSchema, type SilenceAnalysis, type SilenceParamsInput } from '../../../shared/analysis/loudness';
import type { SpeechSegment } from '../../../shared/analysis/speech';
import type { Asset } from '../../../shared/assets';
import { autoEditReport, formatAutoEditSummary } from '../../../shared/autoedit/report';
import { deadAirPieces, scenePieces, timelineFromPieces, type AutoEditSource, type FramePiece } from '../../../shared/autoedit/autoedit-timeline';
import { deadAirParams, planDeadAir, silenceRangesToSpeech } from '../../../shared/autoedit/dead-air';
import type { AutoEditOrigin } from '../../../shared/autoedit/origin';
import type { AutoEditStarted, DeadAirRequest, RecutOutcome } from '../../../shared/autoedit/requests';
import { rerunAutoEdit } from '../../../shared/autoedit/rerun';
import { ApiError } from '../../../shared/errors';
import type { Edit } from '../../../shared/project/edits';
import type { ProjectDocument } from '../../../shared/project/document';
import { sequenceShapeOf } from '../../../shared/timeline/sequence-shape';
import { sourcesFromAssets } from '../../../shared/timeline/sources';
import type { FrameRate } from '../../../shared/video-format';
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

/** Cuts an asset into pieces at a sequence rate; the analysis it needs runs inside the caller's job. */
type Cut = (context: AnalysisContext, source: AutoEditSource, rate: FrameRate) => Promise<FramePiece[]>;

export class AutoEditService {
  constructor(private readonly options: AutoEditServiceOptions) {}

  deadAir(assetId: string, request: DeadAirRequest): AutoEditStarted {
    const asset = this.asset(assetId);
    const cut = this.deadAirCut(asset, request);
    return this.start(
      asset,
      'dead-air',
      `Remove dead air from ${asset.name}`,
      `${asset.name} – dead air removed`,
      cut,
      (pieces) => ({ kind: 'dead-air', assetId, request, pieces }),
    );
  }

  /**
   * Cuts a dead-air sequence again with other settings. The user's own changes survive where the new settings do not
   * touch them; where they do, nothing changes and the conflicts come back, unless `replaceEdits` says to start over.
   */
  async recut(sequenceId: string, request: DeadAirRequest, replaceEdits: boolean): Promise<RecutOutcome> {
    const opened = this.opened();
    const sequence = opened.document.sequences.find((s) => s.id === sequenceId);
    if (!sequence) throw new ApiError('NOT_FOUND', `There is no sequence with id ${sequenceId}.`);
    const origin = sequence.autoEdit;
    if (!origin) throw new ApiError('INVALID_PARAMS', `“${sequence.name}” was not made by an automatic edit, so it cannot be re-cut.`);
    const asset = this.asset(origin.assetId);
    const source = this.sourceOf(asset, sequence.frameRate);
    const controller = new AbortController();
    const pieces = await this.deadAirCut(asset, request)({ signal: controller.signal, onProgress: () => undefined }, source, sequence.frameRate);
    let timeline;
    let keptEdits = 0;
    if (replaceEdits) {
      timeline = timelineFromPieces(pieces, source, randomUUID().slice(0, 8));
    } else {
      const rerun = rerunAutoEdit(sequence.timeline, origin.pieces, pieces, source, sequence.frameRate);
      if (!rerun.ok) return { applied: false, conflicts: rerun.conflicts.map((c) => c.message) };
      ({ timeline, keptEdits } = rerun);
    }
    await this.options.editWith(() => ({ type: 'sequence.recut', sequenceId, timeline, autoEdit: { ...origin, request, pieces } }));
    return { applied: true, keptEdits, summary: formatAutoEditSummary(autoEditReport(pieces, sequence.frameRate)) };
  }

  /** How a dead-air request cuts an asset into pieces: its speech (cached analysis, or threshold silence), then the plan. */
  private deadAirCut(asset: Asset, request: DeadAirRequest): Cut {
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
    return async (context, source, rate) => {
      const duration = asset.media.duration ?? 0;
      const speech: readonly SpeechSegment[] =
        request.mode === 'vad'
          ? await this.speech(asset, request.audioStream, context)
          : silenceRangesToSpeech(
              (await this.options.silence(asset.path, { threshold: threshold.success ? threshold.data : 0.04 }, { audioStream: request.audioStream, ...context })).silent,
              duration,
            );
      return deadAirPieces(planDeadAir(speech, duration, params), source, rate);
    };
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

  /**
   * Runs `cut` as a job; its pieces become a new sequence at the video's own frame rate and size (so nothing is
   * scaled, letterboxed or has frames repeated), or the project's for a sound file.
   */
  private start(asset: Asset, kind: string, title: string, name: string, cut: Cut, origin?: (pieces: FramePiece[]) => AutoEditOrigin): AutoEditStarted {
    const sequenceId = randomUUID();
    const opened = this.opened();
    const shape = sequenceShapeOf(asset.kind === 'video' ? asset.media.video : null, opened.document.settings);
    const rate = shape.frameRate;
    const source = this.sourceOf(asset, rate);
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
            frameRate: shape.frameRate,
            frameSize: shape.frameSize,
            createdAt: new Date().toISOString(),
            timeline: timelineFromPieces(pieces, source, sequenceId.slice(0, 8)),
            ...(origin ? { autoEdit: origin(pieces) } : {}),
          },
        }));
        return formatAutoEditSummary(autoEditReport(pieces, rate));
      },
    });
    return { jobId: job.id, sequenceId };
  }

  private sourceOf(asset: Asset, rate: FrameRate): AutoEditSource {
    const frames = sourcesFromAssets([asset], rate).get(asset.id)?.frames ?? null;
    if (!frames) throw new ApiError('INVALID_PARAMS', `The length of ${asset.name} is unknown, so it cannot be cut.`);
    return { assetId: asset.id, kind: asset.kind === 'video' ? 'video' : 'audio', frames };
  }

  private opened(): { folder: string; document: ProjectDocument } {
    const opened = this.options.openDocument();
    if (!opened) throw new ApiError('NO_PROJECT_OPEN', 'No project is open. Create or open one first.');
    return opened;
  }

  private asset(assetId: string): Asset {
    const asset = this.opened().document.assets.find((a) => a.id === assetId);
    if (!asset) throw new ApiError('NOT_FOUND', `There is no asset with id ${assetId}.`);
    return asset;
  }
}
