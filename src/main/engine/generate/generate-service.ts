import path from 'node:path';
import type { Asset, ImportReport, Lineage } from '../../../shared/assets';
import { ApiError } from '../../../shared/errors';
import type { Edit } from '../../../shared/project/edits';
import type { ProjectDocument } from '../../../shared/project/document';
import type { InferenceService } from '../inference/inference-service';
import { JobFailure, type JobQueue } from '../jobs/job-queue';
import type { Job } from '../../../shared/jobs';
import { OutputNames } from '../render/sequence-export';
import { upscaleFile, UpscaleError } from './upscale-file';

/**
 * Assets the app makes from others, as jobs: the result is written into the project's generated/ folder, imported
 * into the gallery, and marked with its lineage (operation, model, parameters, source) so it can be made again.
 */

export interface GenerateServiceOptions {
  jobs: JobQueue;
  inference: InferenceService;
  ffmpeg(): string;
  openDocument(): { folder: string; document: ProjectDocument } | null;
  importPaths(paths: string[]): Promise<ImportReport>;
  edit(edit: Edit): Promise<unknown>;
}

export type UpscaleQuality = 'slim' | 'medium';

export class GenerateService {
  private readonly names = new OutputNames();

  constructor(private readonly options: GenerateServiceOptions) {}

  upscale(assetId: string, scale: 2 | 4, quality: UpscaleQuality): Job {
    const opened = this.options.openDocument();
    if (!opened) throw new ApiError('NO_PROJECT_OPEN', 'No project is open. Create or open one first.');
    const asset = opened.document.assets.find((a) => a.id === assetId);
    if (!asset) throw new ApiError('NOT_FOUND', `There is no asset with id ${assetId}.`);
    if (asset.kind === 'audio' || !asset.media.video) throw new ApiError('INVALID_PARAMS', `${asset.name} has no picture to upscale.`);
    const modelId = `rdn-${quality}-x${scale}`;
    const extension = asset.kind === 'image' ? '.png' : '.mp4';
    const stem = path.basename(asset.name, path.extname(asset.name));
    return this.options.jobs.submit({
      kind: 'generate.upscale',
      title: `Upscale ${asset.name} ×${scale}`,
      resource: 'inference',
      run: async (ctx) => {
        const model = await this.options.inference.model(modelId);
        if (model.task !== 'image-to-image') throw new JobFailure({ message: `${model.name} is not an upscaler.` });
        const claimed = await this.names.claim(path.join(opened.folder, 'generated'), `${stem} ×${scale}`, extension);
        try {
          const partial = await ctx.output(claimed.path);
          ctx.report({ stage: 'Upscaling', progress: 0 });
          const started = Date.now();
          await upscaleFile(asset.path, partial, {
            ffmpeg: this.options.ffmpeg(),
            runner: this.options.inference,
            model,
            media: asset.media,
            signal: ctx.signal,
            onProgress: (fraction) => {
              const elapsed = (Date.now() - started) / 1000;
              ctx.report({ progress: fraction, eta: fraction > 0.02 ? (elapsed / fraction) * (1 - fraction) : null });
            },
          });
          // The job moves the finished file into place once this returns; it is imported after that.
          void this.options.jobs.whenSettled(ctx.jobId).then((job) => (job.state === 'succeeded' ? this.land(claimed.path, asset, modelId, scale) : undefined));
          return path.basename(claimed.path);
        } catch (error) {
          if (error instanceof UpscaleError) throw new JobFailure({ message: error.message });
          throw error;
        } finally {
          void this.options.jobs.whenSettled(ctx.jobId).finally(claimed.release);
        }
      },
    });
  }

  /** Imports the made file and marks it with how it was made. */
  private async land(file: string, source: Asset, model: string, scale: number): Promise<void> {
    const report = await this.options.importPaths([file]);
    const made = report.results.find((r) => r.outcome === 'imported')?.assetId;
    if (!made) return;
    const lineage: Lineage = { operation: 'upscale', model, parameters: { scale }, sources: [source.id] };
    await this.options.edit({ type: 'assets.patch', patches: [{ id: made, lineage }] });
  }
}
