import fs from 'node:fs/promises';
import path from 'node:path';
import type { Asset, ImportReport, Lineage } from '../../../shared/assets';
import { ApiError } from '../../../shared/errors';
import { lineageOf, LineageError, makingRequestOf, upscaleModelId, type MakingRequest } from '../../../shared/generate/lineage';
import type { GenerateLoop, GenerateMorph, GenerateSample, GenerateVariations, GeneratorListing, ImageLayout } from '../../../shared/generate/requests';
import type { Job } from '../../../shared/jobs';
import type { ModelEntry } from '../../../shared/models/manifest';
import type { AssetPatch, Edit } from '../../../shared/project/edits';
import type { ProjectDocument } from '../../../shared/project/document';
import { FfmpegError } from '../ffmpeg/run-ffmpeg';
import type { InferenceService } from '../inference/inference-service';
import { ModelUnavailableError } from '../inference/model-registry';
import { upscaleImage, type RgbaImage } from '../inference/models/image-upscale';
import { JobFailure, type JobContext, type JobQueue } from '../jobs/job-queue';
import { OutputNames } from '../render/sequence-export';
import {
  CLIP_FPS,
  contactSheet,
  loopImages,
  morphImages,
  readPicture,
  resizeImages,
  sampleImages,
  variationImages,
  writeLoop,
  writePng,
  type EncoderModel,
  type GeneratorModel,
  type ImageProgress,
} from './generate-images';
import { fractionOf, sheetColumns } from './generate-plan';
import { upscaleFile, UpscaleError } from './upscale-file';

/**
 * Assets the app makes, as jobs: images, sheets and clips drawn by generator models, and upscales of other assets.
 * Each result is written into the project's generated/ folder under a name no other file has, imported into the
 * gallery, and marked with its lineage (the request that made it) so it can be made again.
 */

export interface GenerateServiceOptions {
  jobs: JobQueue;
  inference: InferenceService;
  ffmpeg(): string;
  openDocument(): OpenProject | null;
  importPaths(paths: string[]): Promise<ImportReport>;
  edit(edit: Edit): Promise<unknown>;
}

export type UpscaleQuality = 'slim' | 'medium';

interface OpenProject {
  folder: string;
  document: ProjectDocument;
}


/** Takes a name in generated/ for a file the job writes and returns the temporary path to write it to. */
type ClaimOutput = (name: string, extension: string, lineage: Lineage) => Promise<string>;

interface Written {
  path: string;
  lineage: Lineage;
}

export class GenerateService {
  private readonly names = new OutputNames();

  constructor(private readonly options: GenerateServiceOptions) {}

  /** The usable generators and encoders, with what the Generate panel's controls need. */
  async models(): Promise<GeneratorListing[]> {
    const listings = (await this.options.inference.listModels()).filter(
      (listing) => listing.status === 'ok' && (listing.task === 'image-generator' || listing.task === 'image-encoder'),
    );
    const entries = await Promise.all(listings.map((listing) => this.options.inference.model(listing.id).catch(() => null)));
    return listings.flatMap((listing, i): GeneratorListing[] => {
      const entry = entries[i];
      const shared = { id: listing.id, name: listing.name, origin: listing.origin, license: listing.license };
      if (entry?.task === 'image-generator') {
        return [{ ...shared, role: 'generator', latentSize: entry.latentSize, imageSize: entry.imageSize, classes: entry.classes ?? [], decoder: null }];
      }
      if (entry?.task === 'image-encoder') {
        return [{ ...shared, role: 'encoder', latentSize: entry.latentSize, imageSize: entry.imageSize, classes: [], decoder: entry.decoder ?? null }];
      }
      return [];
    });
  }

  async sample(request: GenerateSample): Promise<Job> {
    const project = this.project();
    const model = await this.generator(request.model);
    checkClass(model, request.classIndex);
    const seeds = Array.from({ length: request.count }, (_, i) => request.seed + i);
    return this.submit({
      kind: 'generate.sample',
      title: `Generate ${plural(request.count, 'image')} with ${model.name}`,
      project,
      run: async (ctx, claim) => {
        ctx.report({ stage: 'Generating', progress: 0 });
        const drawn = await sampleImages(this.options.inference, model, { seeds, classIndex: request.classIndex, temperature: request.temperature }, ctx.signal, this.progress(ctx, 0, 0.4));
        const images = await this.finishImages(ctx, drawn, request);
        await this.writeImages(ctx, claim, images, request.layout, {
          sheet: { name: `${model.id} sheet seed ${request.seed}`, lineage: lineageOf({ operation: 'sample', request }) },
          one: (i) => ({ name: `${model.id} seed ${seeds[i]!}`, lineage: lineageOf({ operation: 'sample', request: { ...request, count: 1, seed: seeds[i]! } }) }),
        });
      },
    });
  }

  async loop(request: GenerateLoop): Promise<Job> {
    const project = this.project();
    const model = await this.generator(request.model);
    checkClass(model, request.classIndex);
    return this.submit({
      kind: 'generate.loop',
      title: `Generate a ${request.seconds} s loop with ${model.name}`,
      project,
      run: async (ctx, claim) => {
        ctx.report({ stage: 'Generating', progress: 0 });
        const seeds = Array.from({ length: request.keys }, (_, i) => request.seed + i);
        const frames = await loopImages(
          this.options.inference,
          model,
          { seeds, classIndex: request.classIndex, temperature: request.temperature, frames: request.seconds * CLIP_FPS },
          ctx.signal,
          this.progress(ctx, 0, 0.5),
        );
        await this.writeClip(ctx, claim, frames, request, `${model.id} loop seed ${request.seed}`, lineageOf({ operation: 'loop', request }));
      },
    });
  }

  async variations(request: GenerateVariations): Promise<Job> {
    const project = this.project();
    const source = picture(project, request.assetId, 'draw variations of');
    const { encoder, decoder } = await this.vae(request.encoder);
    const stem = stemOf(source);
    return this.submit({
      kind: 'generate.variations',
      title: `Variations of ${source.name}`,
      project,
      run: async (ctx, claim) => {
        ctx.report({ stage: 'Generating', progress: 0 });
        const input = await readPicture(this.options.ffmpeg(), source.path, encoder.imageSize, ctx.signal);
        const drawn = await variationImages(this.options.inference, encoder, decoder, input, request, ctx.signal, this.progress(ctx, 0, 0.4));
        const images = await this.finishImages(ctx, drawn, request);
        await this.writeImages(ctx, claim, images, request.layout, {
          sheet: { name: `${stem} variations seed ${request.seed}`, lineage: lineageOf({ operation: 'variation', request }) },
          one: (i) => ({
            name: `${stem} variation seed ${request.seed + i}`,
            lineage: lineageOf({ operation: 'variation', request: { ...request, count: 1, seed: request.seed + i } }),
          }),
        });
      },
    });
  }

  async morph(request: GenerateMorph): Promise<Job> {
    const project = this.project();
    const from = picture(project, request.fromAssetId, 'morph');
    const to = picture(project, request.toAssetId, 'morph');
    const { encoder, decoder } = await this.vae(request.encoder);
    return this.submit({
      kind: 'generate.morph',
      title: `Morph ${from.name} into ${to.name}`,
      project,
      run: async (ctx, claim) => {
        ctx.report({ stage: 'Generating', progress: 0 });
        const ffmpeg = this.options.ffmpeg();
        const pictures = {
          from: await readPicture(ffmpeg, from.path, encoder.imageSize, ctx.signal),
          to: await readPicture(ffmpeg, to.path, encoder.imageSize, ctx.signal),
        };
        const frames = await morphImages(
          this.options.inference,
          encoder,
          decoder,
          pictures,
          { frames: request.seconds * CLIP_FPS, pingPong: request.pingPong },
          ctx.signal,
          this.progress(ctx, 0, 0.5),
        );
        await this.writeClip(ctx, claim, frames, request, `${stemOf(from)} to ${stemOf(to)}`, lineageOf({ operation: 'morph', request }));
      },
    });
  }

  upscale(assetId: string, scale: 2 | 4, quality: UpscaleQuality): Job {
    const project = this.project();
    const asset = findAsset(project, assetId);
    if (asset.kind === 'audio' || !asset.media.video) throw new ApiError('INVALID_PARAMS', `${asset.name} has no picture to upscale.`);
    const modelId = upscaleModelId(scale, quality);
    return this.submit({
      kind: 'generate.upscale',
      title: `Upscale ${asset.name} ×${scale}`,
      project,
      run: async (ctx, claim) => {
        const model = await this.options.inference.model(modelId);
        if (model.task !== 'image-to-image') throw new JobFailure({ message: `${model.name} is not an upscaler.` });
        const lineage = lineageOf({ operation: 'upscale', request: { assetId, scale, quality } });
        const partial = await claim(`${stemOf(asset)} ×${scale}`, asset.kind === 'image' ? '.png' : '.mp4', lineage);
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
      },
    });
  }

  /** Makes an asset again from its lineage: the same request through the same checks, as a new job. */
  async regenerate(assetId: string): Promise<Job> {
    const project = this.project();
    const asset = findAsset(project, assetId);
    if (!asset.lineage) throw new ApiError('INVALID_PARAMS', `${asset.name} was not made by Reelsmith, so there is nothing to make it again from.`);
    let making: MakingRequest;
    try {
      making = makingRequestOf(asset.lineage);
    } catch (error) {
      if (error instanceof LineageError) throw new ApiError('INVALID_PARAMS', `${asset.name} cannot be made again. ${error.message}`);
      throw error;
    }
    for (const source of asset.lineage.sources) {
      if (!project.document.assets.some((a) => a.id === source)) {
        throw new ApiError('NOT_FOUND', `${asset.name} cannot be made again: an asset it was made from is no longer in the project.`);
      }
    }
    switch (making.operation) {
      case 'sample':
        return this.sample(making.request);
      case 'loop':
        return this.loop(making.request);
      case 'variation':
        return this.variations(making.request);
      case 'morph':
        return this.morph(making.request);
      case 'upscale':
        return this.upscale(making.request.assetId, making.request.scale, making.request.quality);
    }
  }

  /**
   * Runs a job whose outputs are claimed as it goes: each is written to a temporary beside its name and moved into
   * place only when the whole job succeeds (a cancelled or failed job leaves nothing), then imported with its lineage.
   */
  private submit(spec: { kind: string; title: string; project: OpenProject; run(ctx: JobContext, claim: ClaimOutput): Promise<void> }): Job {
    const generated = path.join(spec.project.folder, 'generated');
    return this.options.jobs.submit({
      kind: spec.kind,
      title: spec.title,
      resource: 'inference',
      run: async (ctx) => {
        const written: Written[] = [];
        const releases: (() => void)[] = [];
        // Names stay taken until the temporaries have been moved onto them (or removed).
        const settled = this.options.jobs.whenSettled(ctx.jobId);
        void settled.finally(() => releases.forEach((release) => release()));
        const claim: ClaimOutput = async (name, extension, lineage) => {
          const claimed = await this.names.claim(generated, name, extension);
          releases.push(claimed.release);
          written.push({ path: claimed.path, lineage });
          return ctx.output(claimed.path);
        };
        try {
          await spec.run(ctx, claim);
        } catch (error) {
          throw asJobFailure(error);
        }
        void settled.then((job) => (job.state === 'succeeded' ? this.land(spec.project.folder, written) : undefined)).catch(() => undefined);
        return written.map((file) => path.basename(file.path)).join(', ');
      },
    });
  }

  /** Runs the optional upscaler on every image, then brings them to the size asked for. */
  private async finishImages(ctx: JobContext, images: RgbaImage[], request: { upscale: 0 | 2 | 4; size: number }): Promise<RgbaImage[]> {
    const upscaled = await this.upscaleImages(ctx, images, request.upscale, 0.4, 0.7);
    return resizeImages(this.options.ffmpeg(), upscaled, request.size, ctx.signal);
  }

  private async upscaleImages(ctx: JobContext, images: RgbaImage[], scale: 0 | 2 | 4, from: number, to: number): Promise<RgbaImage[]> {
    if (scale === 0) return images;
    const model = await this.options.inference.model(upscaleModelId(scale, 'slim'));
    if (model.task !== 'image-to-image') throw new JobFailure({ message: `${model.name} is not an upscaler.` });
    ctx.report({ stage: 'Upscaling', progress: from });
    const report = this.progress(ctx, from, to);
    const upscaled: RgbaImage[] = [];
    for (const image of images) {
      upscaled.push(await upscaleImage(this.options.inference, model, image, { signal: ctx.signal }));
      report(upscaled.length, images.length);
    }
    return upscaled;
  }

  /** Images at their final size, written as one sticker sheet or one PNG each. */
  private async writeImages(
    ctx: JobContext,
    claim: ClaimOutput,
    images: RgbaImage[],
    layout: ImageLayout,
    naming: { sheet: { name: string; lineage: Lineage }; one(index: number): { name: string; lineage: Lineage } },
  ): Promise<void> {
    const ffmpeg = this.options.ffmpeg();
    ctx.report({ stage: 'Writing', progress: 0.7 });
    if (layout === 'sheet') {
      const partial = await claim(naming.sheet.name, '.png', naming.sheet.lineage);
      await writePng(ffmpeg, contactSheet(images, sheetColumns(images.length)), partial, undefined, ctx.signal);
      return;
    }
    const report = this.progress(ctx, 0.7, 1);
    for (const [i, image] of images.entries()) {
      const { name, lineage } = naming.one(i);
      await writePng(ffmpeg, image, await claim(name, '.png', lineage), undefined, ctx.signal);
      report(i + 1, images.length);
    }
  }

  private async writeClip(
    ctx: JobContext,
    claim: ClaimOutput,
    frames: RgbaImage[],
    request: { format: string; size: number; upscale: 0 | 2 | 4 },
    name: string,
    lineage: Lineage,
  ): Promise<void> {
    const upscaled = await this.upscaleImages(ctx, frames, request.upscale, 0.5, 0.8);
    ctx.report({ stage: 'Writing', progress: 0.8 });
    const partial = await claim(name, `.${request.format}`, lineage);
    await writeLoop(this.options.ffmpeg(), upscaled, partial, CLIP_FPS, request.size, ctx.signal);
  }

  /**
   * Imports the made files and marks them with how they were made. A file with the same bytes as an asset already in
   * the gallery is not a new asset: it takes the place of that asset's file when that file was lost, and is removed
   * otherwise, so generated/ holds no copies the gallery does not show.
   */
  private async land(folder: string, written: Written[]): Promise<void> {
    if (this.options.openDocument()?.folder !== folder) return;
    const report = await this.options.importPaths(written.map((file) => file.path));
    const assets = this.options.openDocument()?.document.assets ?? [];
    const patches: AssetPatch[] = [];
    for (const file of written) {
      const result = report.results.find((r) => r.name === path.basename(file.path));
      if (!result?.assetId) continue;
      if (result.outcome === 'imported') {
        patches.push({ id: result.assetId, lineage: file.lineage });
        continue;
      }
      const existing = assets.find((a) => a.id === result.assetId);
      if (result.outcome !== 'duplicate' || !existing || existing.path === file.path) continue;
      if (await exists(existing.path)) await fs.rm(file.path, { force: true });
      else patches.push({ id: existing.id, path: file.path, lineage: file.lineage });
    }
    if (patches.length > 0) await this.options.edit({ type: 'assets.patch', patches });
  }

  private project(): OpenProject {
    const opened = this.options.openDocument();
    if (!opened) throw new ApiError('NO_PROJECT_OPEN', 'No project is open. Create or open one first.');
    return opened;
  }

  private async generator(modelId: string): Promise<GeneratorModel> {
    const model = await this.model(modelId);
    if (model.task !== 'image-generator') throw new ApiError('INVALID_PARAMS', `${model.name} is not an image generator.`);
    return model;
  }

  /** A VAE encoder and the generator its manifest names as its decoder. */
  private async vae(encoderId: string): Promise<{ encoder: EncoderModel; decoder: GeneratorModel }> {
    const encoder = await this.model(encoderId);
    if (encoder.task !== 'image-encoder') throw new ApiError('INVALID_PARAMS', `${encoder.name} is not an image encoder.`);
    if (!encoder.decoder) throw new ApiError('INVALID_PARAMS', `${encoder.name} names no decoder to draw its latents.`);
    const decoder = await this.generator(encoder.decoder);
    if (decoder.latentSize !== encoder.latentSize) {
      throw new ApiError('INVALID_PARAMS', `${encoder.name} makes latents of ${encoder.latentSize} values, but ${decoder.name} takes ${decoder.latentSize}.`);
    }
    return { encoder, decoder };
  }

  private async model(modelId: string): Promise<ModelEntry> {
    try {
      return await this.options.inference.model(modelId);
    } catch (error) {
      if (error instanceof ModelUnavailableError) throw new ApiError('INVALID_PARAMS', error.message);
      throw error;
    }
  }

  /** Reports image progress as the job's progress between `from` and `to`. */
  private progress(ctx: JobContext, from: number, to: number): ImageProgress {
    return (done, total) => ctx.report({ progress: fractionOf(done, total, from, to) });
  }
}

function findAsset(project: OpenProject, assetId: string): Asset {
  const asset = project.document.assets.find((a) => a.id === assetId);
  if (!asset) throw new ApiError('NOT_FOUND', `There is no asset with id ${assetId}.`);
  return asset;
}

/** An image asset, or an ApiError saying why the asset cannot be used to `purpose`. */
function picture(project: OpenProject, assetId: string, purpose: string): Asset {
  const asset = findAsset(project, assetId);
  if (asset.kind !== 'image' || !asset.media.video) {
    throw new ApiError('INVALID_PARAMS', `${asset.name} is ${asset.kind === 'audio' ? 'sound' : 'a video'}; only pictures (images) can be used to ${purpose}.`);
  }
  return asset;
}

function checkClass(model: GeneratorModel, classIndex: number | null): void {
  if (classIndex === null) return;
  const count = model.classes?.length ?? 0;
  if (count === 0) throw new ApiError('INVALID_PARAMS', `${model.name} draws no classes; leave the class unset.`);
  if (classIndex >= count) throw new ApiError('INVALID_PARAMS', `${model.name} has ${count} classes (0 to ${count - 1}); there is no class ${classIndex}.`);
}

/** Failures with details the jobs view can show; cancellations and others pass through. */
function asJobFailure(error: unknown): unknown {
  if (error instanceof FfmpegError) return new JobFailure({ message: error.message, commandLine: error.commandLine, stderrTail: error.stderrTail });
  if (error instanceof UpscaleError || error instanceof ModelUnavailableError) return new JobFailure({ message: error.message });
  return error;
}

function stemOf(asset: Asset): string {
  return path.basename(asset.name, path.extname(asset.name));
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}
