import { z } from 'zod';
import type { ApiInput } from '../../../shared/api';
import {
  DEFAULT_GENERATOR,
  DEFAULT_ENCODER,
  LOOP_FORMATS,
  type GeneratorListing,
  type ImageLayout,
  type LoopFormat,
} from '../../../shared/generate/requests';

/**
 * The Generate panel's sample controls, and the requests they make. Number fields can hold anything while the user
 * types, so every request is made from settled values (whole numbers, in range).
 */

export interface SampleControls {
  /** The generator that sheets and loops draw from. */
  model: string;
  /** The encoder that places a dropped picture for variations and morphs. */
  encoder: string;
  count: number;
  seed: number;
  /** Index into the generator's classes; null lets each seed choose. */
  classIndex: number | null;
  temperature: number;
  /** Pixels on a side of each image or frame. */
  size: number;
  upscale: 0 | 2 | 4;
  /** Loops and morphs. */
  clipFormat: LoopFormat;
  /** Seconds of a loop or a morph. */
  clipSeconds: number;
  /** The model the Upscale targets use: quick (RDN slim) or sharp (RDN medium). */
  upscaleQuality: 'slim' | 'medium';
}

export const DEFAULT_CONTROLS: SampleControls = {
  model: DEFAULT_GENERATOR,
  encoder: DEFAULT_ENCODER,
  count: 16,
  seed: 1,
  classIndex: null,
  temperature: 1,
  size: 256,
  upscale: 0,
  clipFormat: 'mp4',
  clipSeconds: 4,
  upscaleQuality: 'slim',
};

export const OUTPUT_SIZES = [64, 128, 256, 512, 1024] as const;
export const COUNT_RANGE = { min: 1, max: 64 } as const;
export const TEMPERATURE_RANGE = { min: 0.1, max: 3, step: 0.05 } as const;
export const MAX_SEED = 2 ** 31 - 1;
export const CLIP_SECONDS_RANGE = { min: 1, max: 30 } as const;

/** A seed anywhere in the range the engine takes. */
export function randomSeed(random: () => number = Math.random): number {
  return Math.floor(random() * (MAX_SEED + 1));
}

/** The controls with every number whole and in range; what cannot be read falls back to the default. */
export function settled(controls: SampleControls): SampleControls {
  return {
    ...controls,
    count: clampWhole(controls.count, COUNT_RANGE.min, COUNT_RANGE.max, DEFAULT_CONTROLS.count),
    seed: clampWhole(controls.seed, 0, MAX_SEED, DEFAULT_CONTROLS.seed),
    clipSeconds: clampWhole(controls.clipSeconds, CLIP_SECONDS_RANGE.min, CLIP_SECONDS_RANGE.max, DEFAULT_CONTROLS.clipSeconds),
    temperature: Number.isFinite(controls.temperature)
      ? Math.min(TEMPERATURE_RANGE.max, Math.max(TEMPERATURE_RANGE.min, controls.temperature))
      : DEFAULT_CONTROLS.temperature,
  };
}

/**
 * Controls kept from an earlier visit (as JSON text from storage), over the defaults: each field that still reads
 * right is taken, the rest fall back, and numbers are settled, so old or edited storage never breaks the panel.
 */
export function restoredControls(text: string | null): SampleControls {
  let stored: unknown;
  try {
    stored = text === null ? {} : JSON.parse(text);
  } catch {
    stored = {};
  }
  const fields = StoredControlsSchema.safeParse(stored);
  if (!fields.success) return { ...DEFAULT_CONTROLS };
  const kept = Object.fromEntries(Object.entries(fields.data).filter(([, value]) => value !== undefined));
  return settled({ ...DEFAULT_CONTROLS, ...kept });
}

/** Each field on its own: one that fails to read is dropped, not the whole record. */
const StoredControlsSchema = z.object({
  model: z.string().min(1).max(80).optional().catch(undefined),
  encoder: z.string().min(1).max(80).optional().catch(undefined),
  count: z.number().optional().catch(undefined),
  seed: z.number().optional().catch(undefined),
  classIndex: z.number().int().min(0).nullable().optional().catch(undefined),
  temperature: z.number().optional().catch(undefined),
  size: z
    .number()
    .refine((size) => (OUTPUT_SIZES as readonly number[]).includes(size))
    .optional()
    .catch(undefined),
  upscale: z.union([z.literal(0), z.literal(2), z.literal(4)]).optional().catch(undefined),
  clipFormat: z.enum(LOOP_FORMATS).optional().catch(undefined),
  clipSeconds: z.number().optional().catch(undefined),
  upscaleQuality: z.enum(['slim', 'medium']).optional().catch(undefined),
});

/** The class to keep when the generator changes: the same index when the new one has it, else any. */
export function classIndexFor(model: GeneratorListing | undefined, classIndex: number | null): number | null {
  return classIndex !== null && model && classIndex < model.classes.length ? classIndex : null;
}

export function sampleRequest(controls: SampleControls, layout: ImageLayout = 'sheet'): ApiInput<'generate.sample'> {
  const { model, count, seed, classIndex, temperature, size, upscale } = settled(controls);
  return { model, count, seed, classIndex, temperature, layout, size, upscale };
}

export function loopRequest(controls: SampleControls): ApiInput<'generate.loop'> {
  const { model, seed, classIndex, temperature, size, upscale, clipFormat, clipSeconds } = settled(controls);
  return { model, seed, classIndex, temperature, seconds: clipSeconds, format: clipFormat, size, upscale };
}

export function variationsRequest(controls: SampleControls, assetId: string, layout: ImageLayout): ApiInput<'generate.variations'> {
  const { encoder, count, seed, size, upscale } = settled(controls);
  return { assetId, encoder, count, seed, layout, size, upscale };
}

export function morphRequest(controls: SampleControls, fromAssetId: string, toAssetId: string): ApiInput<'generate.morph'> {
  const { encoder, size, upscale, clipFormat, clipSeconds } = settled(controls);
  return { fromAssetId, toAssetId, encoder, seconds: clipSeconds, format: clipFormat, size, upscale };
}

function clampWhole(value: number, min: number, max: number, fallback: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, Math.round(value))) : fallback;
}
