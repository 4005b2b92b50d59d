import fs from 'node:fs/promises';
import path from 'node:path';
import { standaloneInference } from '../engine/analysis/speech/local-vad';
import { locateTool } from '../engine/ffmpeg/locate';
import {
  CLIP_FPS,
  contactSheet,
  loopImages,
  morphImages,
  readPicture,
  sampleImages,
  variationImages,
  writeLoop,
  writePng,
  type EncoderModel,
  type GeneratorModel,
} from '../engine/generate/generate-images';
import { sheetColumns } from '../engine/generate/generate-plan';
import type { InferenceService } from '../engine/inference/inference-service';
import { DEFAULT_ENCODER, DEFAULT_GENERATOR } from '../../shared/generate/requests';
import type { CliCommand, CommandContext } from './commands';
import { wholeNumberOption } from './option-values';
import { UsageError } from './usage-error';

/** `reelsmith generate …`: images, loops, variations and morphs from generator models (bundled or your own), the same for the same seed. */

const DEFAULT_DECODER = 'emoji-vae-32-decoder';

const modelOptions = [
  { name: 'model', type: 'string', valueName: 'ID', description: `Generator model (default ${DEFAULT_GENERATOR}); see reelsmith models list` },
  { name: 'seed', type: 'string', valueName: 'S', description: 'Seed of the first image (default 1); the same seed gives the same image' },
  { name: 'class', type: 'string', valueName: 'NAME', description: 'One of the model’s classes (default: each seed chooses)' },
  { name: 'temperature', type: 'string', valueName: 'T', description: 'Below 1: more typical, above 1: stranger (default 1)' },
  { name: 'size', type: 'string', valueName: 'PX', description: 'Pixels on a side of the written images (default 256)' },
] as const;

export const GENERATE_COMMANDS: readonly CliCommand[] = [
  {
    path: ['generate', 'sample'],
    positionals: [],
    summary: 'Write N generated images (seed, seed + 1, …) as PNG into a folder, and a sticker sheet of them',
    options: [
      ...modelOptions,
      { name: 'count', type: 'string', valueName: 'N', description: 'How many images (default 16, at most 256)' },
      { name: 'o', type: 'string', valueName: 'DIR', description: 'Folder to write into (required)' },
    ],
    async run(ctx) {
      if (typeof ctx.options.o !== 'string') throw new UsageError('-o <dir> is required');
      const count = wholeNumberOption(ctx, 'count', 16, 1, 256);
      const seed = wholeNumberOption(ctx, 'seed', 1, 0, 2 ** 31 - 1);
      const size = wholeNumberOption(ctx, 'size', 256, 8, 2048);
      const folder = path.resolve(ctx.cwd, ctx.options.o);
      return withGenerator(ctx, async (model, inference) => {
        const seeds = Array.from({ length: count }, (_, i) => seed + i);
        const images = await sampleImages(inference, model, { seeds, classIndex: classIndex(ctx, model), temperature: temperature(ctx) }, ctx.interrupted);
        await fs.mkdir(folder, { recursive: true });
        const ffmpeg = locateTool('ffmpeg').path;
        const files = seeds.map((s) => path.join(folder, `${model.id}-seed${s}.png`));
        for (const [i, image] of images.entries()) await writePng(ffmpeg, image, files[i]!, size, ctx.interrupted);
        const sheet = path.join(folder, `${model.id}-sheet-seed${seed}.png`);
        await writePng(ffmpeg, contactSheet(images, sheetColumns(count)), sheet, undefined, ctx.interrupted);
        return { json: { model: model.id, seeds, files, sheet }, text: `Wrote ${count} images and ${path.basename(sheet)} into ${folder}` };
      });
    },
  },
  {
    path: ['generate', 'loop'],
    positionals: [],
    summary: 'Write a seamless latent-walk loop as MP4, WebM (with alpha) or GIF',
    options: [
      ...modelOptions,
      { name: 'seconds', type: 'string', valueName: 'S', description: 'Length (default 4)' },
      { name: 'keys', type: 'string', valueName: 'N', description: 'Seeds the loop passes through (default 4)' },
      { name: 'o', type: 'string', valueName: 'FILE', description: 'Output .mp4, .webm or .gif (required)' },
    ],
    async run(ctx) {
      const output = loopOutput(ctx);
      const seconds = wholeNumberOption(ctx, 'seconds', 4, 1, 60);
      const keys = wholeNumberOption(ctx, 'keys', 4, 2, 32);
      const seed = wholeNumberOption(ctx, 'seed', 1, 0, 2 ** 31 - 1);
      const size = wholeNumberOption(ctx, 'size', 256, 8, 2048);
      return withGenerator(ctx, async (model, inference) => {
        const seeds = Array.from({ length: keys }, (_, i) => seed + i);
        const frames = await loopImages(inference, model, { seeds, classIndex: classIndex(ctx, model), temperature: temperature(ctx), frames: seconds * CLIP_FPS }, ctx.interrupted);
        await writeLoop(locateTool('ffmpeg').path, frames, output, CLIP_FPS, size, ctx.interrupted);
        return { json: { model: model.id, seeds, frames: frames.length, output }, text: `Wrote ${output} (${seconds} s, ${frames.length} frames)` };
      });
    },
  },
  {
    path: ['generate', 'variations'],
    positionals: ['image'],
    summary: 'Write variations of a picture (a sticker, an emoji) made by the VAE around it',
    options: [
      { name: 'model', type: 'string', valueName: 'ID', description: `VAE encoder (default ${DEFAULT_ENCODER}); its decoder draws the variations` },
      { name: 'count', type: 'string', valueName: 'N', description: 'How many (default 8, at most 64)' },
      { name: 'seed', type: 'string', valueName: 'S', description: 'Seed of the first variation (default 1)' },
      { name: 'spread', type: 'string', valueName: 'X', description: 'How far from the picture, in the encoder’s own uncertainty (default 6, at most 20)' },
      { name: 'size', type: 'string', valueName: 'PX', description: 'Pixels on a side of the written images (default 256)' },
      { name: 'o', type: 'string', valueName: 'DIR', description: 'Folder to write into (required)' },
    ],
    async run(ctx) {
      if (typeof ctx.options.o !== 'string') throw new UsageError('-o <dir> is required');
      const count = wholeNumberOption(ctx, 'count', 8, 1, 64);
      const seed = wholeNumberOption(ctx, 'seed', 1, 0, 2 ** 31 - 1);
      const size = wholeNumberOption(ctx, 'size', 256, 8, 2048);
      // The bundled VAE is very sure of where a picture lies (σ ≈ 0.06), so a variation needs several σ to show.
      const spread = ctx.options.spread === undefined ? 6 : Number(ctx.options.spread);
      if (!(spread >= 0 && spread <= 20)) throw new UsageError('--spread is a number from 0 to 20');
      const picture = path.resolve(ctx.cwd, ctx.args[0]!);
      const folder = path.resolve(ctx.cwd, ctx.options.o);
      return withVae(ctx, async ({ encoder, decoder }, inference) => {
        const ffmpeg = locateTool('ffmpeg').path;
        const input = await readPicture(ffmpeg, picture, encoder.imageSize, ctx.interrupted);
        const images = await variationImages(inference, encoder, decoder, input, { count, seed, spread }, ctx.interrupted);
        await fs.mkdir(folder, { recursive: true });
        const stem = path.basename(picture, path.extname(picture));
        const files = images.map((_, i) => path.join(folder, `${stem}-variation-seed${seed + i}.png`));
        for (const [i, image] of images.entries()) await writePng(ffmpeg, image, files[i]!, size, ctx.interrupted);
        return { json: { encoder: encoder.id, decoder: decoder.id, files }, text: `Wrote ${count} variations of ${path.basename(picture)} into ${folder}` };
      });
    },
  },
  {
    path: ['generate', 'morph'],
    positionals: ['from', 'to'],
    summary: 'Write a clip morphing one picture into another through the VAE’s latent space, there and back so it loops',
    options: [
      { name: 'model', type: 'string', valueName: 'ID', description: `VAE encoder (default ${DEFAULT_ENCODER}); its decoder draws the frames` },
      { name: 'seconds', type: 'string', valueName: 'S', description: 'Length (default 3, at most 30)' },
      { name: 'size', type: 'string', valueName: 'PX', description: 'Pixels on a side of the clip (default 256)' },
      { name: 'one-way', type: 'boolean', description: 'End on the second picture instead of coming back to the first' },
      { name: 'o', type: 'string', valueName: 'FILE', description: 'Output .mp4, .webm or .gif (required)' },
    ],
    async run(ctx) {
      const output = loopOutput(ctx);
      const seconds = wholeNumberOption(ctx, 'seconds', 3, 1, 30);
      const size = wholeNumberOption(ctx, 'size', 256, 8, 2048);
      const pictures = ctx.args.slice(0, 2).map((file) => path.resolve(ctx.cwd, file));
      return withVae(ctx, async ({ encoder, decoder }, inference) => {
        const ffmpeg = locateTool('ffmpeg').path;
        const [from, to] = await Promise.all(pictures.map((file) => readPicture(ffmpeg, file, encoder.imageSize, ctx.interrupted)));
        const frames = await morphImages(inference, encoder, decoder, { from: from!, to: to! }, { frames: seconds * CLIP_FPS, pingPong: ctx.options['one-way'] !== true }, ctx.interrupted);
        await writeLoop(ffmpeg, frames, output, CLIP_FPS, size, ctx.interrupted);
        return { json: { encoder: encoder.id, decoder: decoder.id, frames: frames.length, output }, text: `Wrote ${output} (${seconds} s, ${frames.length} frames)` };
      });
    },
  },
];

/** Runs `work` with a VAE encoder and the decoder its manifest names. */
async function withVae<T>(ctx: CommandContext, work: (vae: { encoder: EncoderModel; decoder: GeneratorModel }, inference: InferenceService) => Promise<T>): Promise<T> {
  const inference = standaloneInference();
  try {
    const encoder = await inference.model(typeof ctx.options.model === 'string' ? ctx.options.model : DEFAULT_ENCODER);
    if (encoder.task !== 'image-encoder') throw new UsageError(`${encoder.name} is not an image encoder.`);
    const decoder = await inference.model(encoder.decoder ?? DEFAULT_DECODER);
    if (decoder.task !== 'image-generator') throw new UsageError(`${decoder.name} is not an image generator.`);
    return await work({ encoder, decoder }, inference);
  } finally {
    inference.dispose();
  }
}

/** The -o file of a clip, which must be an .mp4, .webm or .gif. */
function loopOutput(ctx: CommandContext): string {
  if (typeof ctx.options.o !== 'string') throw new UsageError('-o <file> is required');
  const output = path.resolve(ctx.cwd, ctx.options.o);
  if (!['.mp4', '.webm', '.gif'].includes(path.extname(output).toLowerCase())) throw new UsageError('-o is a .mp4, .webm or .gif file');
  return output;
}

async function withGenerator<T>(ctx: CommandContext, work: (model: GeneratorModel, inference: InferenceService) => Promise<T>): Promise<T> {
  const inference = standaloneInference();
  try {
    const id = typeof ctx.options.model === 'string' ? ctx.options.model : DEFAULT_GENERATOR;
    const model = await inference.model(id);
    if (model.task !== 'image-generator') throw new UsageError(`${model.name} is not an image generator.`);
    return await work(model, inference);
  } finally {
    inference.dispose();
  }
}

function temperature(ctx: CommandContext): number {
  const raw = ctx.options.temperature;
  if (raw === undefined) return 1;
  const value = Number(raw);
  if (!(value > 0 && value <= 3)) throw new UsageError('--temperature is a number above 0, at most 3');
  return value;
}

function classIndex(ctx: CommandContext, model: GeneratorModel): number | null {
  const raw = ctx.options.class;
  if (raw === undefined) return null;
  const name = String(raw).toLowerCase();
  const index = model.classes?.findIndex((c) => c.toLowerCase() === name || c.toLowerCase().startsWith(name)) ?? -1;
  if (index < 0) throw new UsageError(`${model.name} has no class “${String(raw)}”; its classes: ${model.classes?.join(', ') ?? 'none'}`);
  return index;
}
