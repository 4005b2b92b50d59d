import { z } from 'zod';

/**
 * The model manifest: what a model file is, where it came from, under which licence, and how to call it. Bundled
 * models are listed in `resources/models/models.json`; a user's own models carry the same entry beside their `.onnx`
 * in the user's data folder. Runs anywhere: no Node, no DOM.
 */

export const MODEL_MANIFEST_VERSION = 1;

export const TENSOR_DTYPES = ['float32', 'int64', 'int32', 'uint8'] as const;
export type TensorDtype = (typeof TENSOR_DTYPES)[number];

/** One input or output of a model. A dimension is a number when fixed, a name (`batch`, `height`) when free. */
export const TensorSpecSchema = z.object({
  name: z.string().min(1).max(200),
  dtype: z.enum(TENSOR_DTYPES),
  shape: z.array(z.union([z.number().int().min(1), z.string().min(1).max(40)])).max(8),
  /** The values the model expects or produces, e.g. [0, 255] for pixels, [0, 1] for a probability. */
  range: z.tuple([z.number(), z.number()]).optional(),
});
export type TensorSpec = z.infer<typeof TensorSpecSchema>;

const ModelIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$/, 'a model id is lower-case letters, digits and dashes');

/** Everything every model entry has, whatever its task. */
const ModelEntryBaseSchema = z.object({
  id: ModelIdSchema,
  name: z.string().min(1).max(120),
  /** File name inside the manifest's folder; never a path. */
  file: z.string().regex(/^[A-Za-z0-9._-]+\.onnx$/, 'a model file is a plain .onnx file name'),
  bytes: z.number().int().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** SPDX identifier of the model's licence, e.g. MIT, Apache-2.0. */
  license: z.string().min(1).max(80),
  /** Where the weights came from (npm package and version, or the training script) and how they were made. */
  source: z.string().min(1).max(500),
  inputs: z.array(TensorSpecSchema).min(1).max(16),
  outputs: z.array(TensorSpecSchema).min(1).max(16),
});

/** Classifies fixed-size frames of mono audio, e.g. voice activity. */
export const AudioFrameClassifierSchema = ModelEntryBaseSchema.extend({
  task: z.literal('audio-frame-classifier'),
  sampleRate: z.number().int().min(8000).max(192000),
  /** New samples per call. */
  frameSamples: z.number().int().min(1),
  /** Samples of the previous frame prepended to every call (Silero VAD v5 needs 64 at 16 kHz). */
  contextSamples: z.number().int().min(0),
  /** Other rates the same weights take, with their frame and context sizes (Silero VAD v5 also runs at 8 kHz). */
  otherRates: z
    .array(z.object({ sampleRate: z.number().int().min(8000).max(192000), frameSamples: z.number().int().min(1), contextSamples: z.number().int().min(0) }))
    .max(8)
    .optional(),
});

/** Makes an image from an image, e.g. super-resolution. Pixels are RGB, NHWC or NCHW as `layout` says. */
export const ImageToImageSchema = ModelEntryBaseSchema.extend({
  task: z.literal('image-to-image'),
  layout: z.enum(['nhwc', 'nchw']),
  /** Output size over input size (2 for an x2 upscaler). */
  scale: z.number().int().min(1).max(8),
  /** Input tile edge in pixels the model is run at; larger images are tiled with `tileOverlap`. */
  tileSize: z.number().int().min(16).max(4096),
  tileOverlap: z.number().int().min(0).max(512),
});

/** Makes an image from a latent vector (and a class), e.g. a GAN generator or a VAE decoder. */
export const ImageGeneratorSchema = ModelEntryBaseSchema.extend({
  task: z.literal('image-generator'),
  layout: z.enum(['nhwc', 'nchw']),
  latentSize: z.number().int().min(1).max(4096),
  /** Class names when the generator is class-conditional. */
  classes: z.array(z.string().min(1).max(80)).max(1000).optional(),
  imageSize: z.number().int().min(8).max(4096),
});

/** Maps an image to the parameters of a latent Gaussian (a VAE encoder): `mean` and `logvar`, each [batch, latentSize]. */
export const ImageEncoderSchema = ModelEntryBaseSchema.extend({
  task: z.literal('image-encoder'),
  layout: z.enum(['nhwc', 'nchw']),
  latentSize: z.number().int().min(1).max(4096),
  imageSize: z.number().int().min(8).max(4096),
  /** The id of the image-generator model that decodes this encoder's latents. */
  decoder: z.string().min(1).max(64).optional(),
});

export const ModelEntrySchema = z.discriminatedUnion('task', [
  AudioFrameClassifierSchema,
  ImageToImageSchema,
  ImageGeneratorSchema,
  ImageEncoderSchema,
]);
export type ModelEntry = z.infer<typeof ModelEntrySchema>;
export type ModelTask = ModelEntry['task'];

export const ModelManifestSchema = z
  .object({
    version: z.literal(MODEL_MANIFEST_VERSION),
    models: z.array(ModelEntrySchema).max(500),
  })
  .refine((manifest) => new Set(manifest.models.map((model) => model.id)).size === manifest.models.length, {
    message: 'model ids must be unique',
  });
export type ModelManifest = z.infer<typeof ModelManifestSchema>;
