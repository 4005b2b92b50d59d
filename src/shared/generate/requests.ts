import { z } from 'zod';
import { AssetIdSchema } from '../assets';

/**
 * What the Generate panel, the engine API and regeneration ask for. Every request is complete once parsed (defaults
 * filled), so the parsed request, stored in an asset's lineage, makes the same asset again.
 */

export const DEFAULT_GENERATOR = 'emoji-gan-32';
export const DEFAULT_ENCODER = 'emoji-vae-32-encoder';

export const LOOP_FORMATS = ['mp4', 'webm', 'gif'] as const;
export type LoopFormat = (typeof LOOP_FORMATS)[number];

/** Results written one file each, or all on one transparent sheet. */
export const IMAGE_LAYOUTS = ['sheet', 'separate'] as const;
export type ImageLayout = (typeof IMAGE_LAYOUTS)[number];

const ModelIdSchema = z.string().min(1).max(80);
export const SeedSchema = z.number().int().min(0).max(2 ** 31 - 1);
/** A local upscaler run on every result before it is written (×2 or ×4), or none. */
const UpscaleSchema = z.union([z.literal(0), z.literal(2), z.literal(4)]).default(0);
/** Pixels on a side of each written image or frame (enlarged with Lanczos after any upscale). */
const SizeSchema = z.number().int().min(16).max(1024).default(256);

export const GenerateSampleSchema = z
  .object({
    model: ModelIdSchema.default(DEFAULT_GENERATOR),
    count: z.number().int().min(1).max(64).default(16),
    /** Image i uses seed + i. */
    seed: SeedSchema.default(1),
    /** Index into the model's classes; null lets each seed choose. */
    classIndex: z.number().int().min(0).max(255).nullable().default(null),
    temperature: z.number().gt(0).max(3).default(1),
    layout: z.enum(IMAGE_LAYOUTS).default('sheet'),
    size: SizeSchema,
    upscale: UpscaleSchema,
  })
  .strict();
export type GenerateSample = z.infer<typeof GenerateSampleSchema>;

export const GenerateLoopSchema = z
  .object({
    model: ModelIdSchema.default(DEFAULT_GENERATOR),
    /** The loop passes through the latents of seed, seed + 1, … seed + keys − 1 and back to the first. */
    seed: SeedSchema.default(1),
    keys: z.number().int().min(2).max(16).default(4),
    seconds: z.number().int().min(1).max(30).default(4),
    classIndex: z.number().int().min(0).max(255).nullable().default(null),
    temperature: z.number().gt(0).max(3).default(1),
    format: z.enum(LOOP_FORMATS).default('mp4'),
    size: SizeSchema,
    upscale: UpscaleSchema,
  })
  .strict();
export type GenerateLoop = z.infer<typeof GenerateLoopSchema>;

export const GenerateVariationsSchema = z
  .object({
    assetId: AssetIdSchema,
    /** A VAE encoder; its manifest names the decoder that draws the variations. */
    encoder: ModelIdSchema.default(DEFAULT_ENCODER),
    count: z.number().int().min(1).max(64).default(8),
    seed: SeedSchema.default(1),
    /** How far from the picture, in multiples of the encoder's own uncertainty. */
    spread: z.number().min(0).max(20).default(6),
    layout: z.enum(IMAGE_LAYOUTS).default('separate'),
    size: SizeSchema,
    upscale: UpscaleSchema,
  })
  .strict();
export type GenerateVariations = z.infer<typeof GenerateVariationsSchema>;

export const GenerateMorphSchema = z
  .object({
    fromAssetId: AssetIdSchema,
    toAssetId: AssetIdSchema,
    encoder: ModelIdSchema.default(DEFAULT_ENCODER),
    seconds: z.number().int().min(1).max(30).default(3),
    /** There and back again, so the clip loops seamlessly. */
    pingPong: z.boolean().default(true),
    format: z.enum(LOOP_FORMATS).default('mp4'),
    size: SizeSchema,
    upscale: UpscaleSchema,
  })
  .strict();
export type GenerateMorph = z.infer<typeof GenerateMorphSchema>;

/** A generator or encoder the Generate panel can offer, with what its sample controls need. */
export const GeneratorListingSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(['generator', 'encoder']),
  origin: z.enum(['bundled', 'user']),
  latentSize: z.number().int(),
  imageSize: z.number().int(),
  /** The categories a conditional generator draws; empty when it takes none. */
  classes: z.array(z.string()),
  /** For an encoder: the generator that decodes its latents. */
  decoder: z.string().nullable(),
  license: z.string().nullable(),
});
export type GeneratorListing = z.infer<typeof GeneratorListingSchema>;
