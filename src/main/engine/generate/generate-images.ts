import type { ModelEntry } from '../../../shared/models/manifest';
import { classVector, latentForSeed, loopLatents, morphLatents } from '../../../shared/generate/latents';
import { joinArrays } from '../../../shared/typed-arrays';
import type { RgbaImage } from '../inference/models/image-upscale';
import type { ModelRunner, TensorMap } from '../inference/tensor';
import { runPipedFfmpeg } from '../media/derived/ffmpeg-pipes';

/**
 * Images from a generator model (a GAN generator or a VAE decoder): latents made from seeds (the same seed gives the
 * same image), decoded and turned into RGBA. The bundled emoji models draw NCHW pixels in [-1, 1]: RGB
 * composited over white, then alpha; other generators with three channels are opaque.
 */

export type GeneratorModel = Extract<ModelEntry, { task: 'image-generator' }>;
export type EncoderModel = Extract<ModelEntry, { task: 'image-encoder' }>;

export interface SampleRequest {
  seeds: readonly number[];
  /** Index into the model's classes; null lets each seed choose. */
  classIndex: number | null;
  /** Scales the latent: below 1 gives more typical images, above 1 stranger ones. */
  temperature: number;
}

/** Called after each decoded batch with the images done and the image count. */
export type ImageProgress = (done: number, total: number) => void;

/**
 * Images are decoded one per model run, so an image never depends on which others it was drawn with (a batch can
 * round differently), and one image of a set is made again alone, byte for byte. Clips are decoded in batches.
 */
const CLIP_BATCH = 32;

export async function sampleImages(runner: ModelRunner, model: GeneratorModel, request: SampleRequest, signal?: AbortSignal, onProgress?: ImageProgress): Promise<RgbaImage[]> {
  const latents = request.seeds.map((seed) => latentForSeed(seed, model.latentSize, request.temperature));
  const classes = request.seeds.map((seed) => classVector(model.classes?.length ?? 0, request.classIndex, seed));
  return decodeInBatches(runner, model, latents, classes, 1, signal, onProgress);
}

/** A seamless loop through the latents of `seeds`, `frames` frames long, in the class the first seed chooses. */
export async function loopImages(
  runner: ModelRunner,
  model: GeneratorModel,
  request: SampleRequest & { frames: number },
  signal?: AbortSignal,
  onProgress?: ImageProgress,
): Promise<RgbaImage[]> {
  const keys = request.seeds.map((seed) => latentForSeed(seed, model.latentSize, request.temperature));
  const latents = loopLatents(keys, request.frames);
  const kind = classVector(model.classes?.length ?? 0, request.classIndex, request.seeds[0] ?? 0);
  return decodeInBatches(runner, model, latents, latents.map(() => kind), CLIP_BATCH, signal, onProgress);
}

/**
 * Variations of a picture: the VAE encoder places it in latent space, and the decoder draws `count` neighbours around
 * it, `spread` times the encoder's own uncertainty away (variation i from seed + i, so the same seed gives the same
 * variations). The picture has no class, so every class is blended evenly.
 */
export async function variationImages(
  runner: ModelRunner,
  encoder: EncoderModel,
  decoder: GeneratorModel,
  picture: RgbaImage,
  request: { count: number; seed: number; spread: number },
  signal?: AbortSignal,
  onProgress?: ImageProgress,
): Promise<RgbaImage[]> {
  const { mean, logvar } = await encodePicture(runner, encoder, picture, signal);
  const latents = Array.from({ length: request.count }, (_, i) => {
    const noise = latentForSeed(request.seed + i, mean.length);
    return mean.map((m, d) => m + Math.exp(0.5 * logvar[d]!) * noise[d]! * request.spread);
  });
  const blend = blendedClasses(decoder);
  return decodeInBatches(runner, decoder, latents, latents.map(() => blend), 1, signal, onProgress);
}

/**
 * A clip morphing picture `from` into picture `to`: both placed in latent space by the VAE encoder (their means), the
 * walk between them eased and decoded frame by frame, every class blended evenly as for variations.
 */
export async function morphImages(
  runner: ModelRunner,
  encoder: EncoderModel,
  decoder: GeneratorModel,
  pictures: { from: RgbaImage; to: RgbaImage },
  request: { frames: number; pingPong: boolean },
  signal?: AbortSignal,
  onProgress?: ImageProgress,
): Promise<RgbaImage[]> {
  const from = await encodePicture(runner, encoder, pictures.from, signal);
  const to = await encodePicture(runner, encoder, pictures.to, signal);
  const latents = morphLatents(from.mean, to.mean, request.frames, request.pingPong);
  const blend = blendedClasses(decoder);
  return decodeInBatches(runner, decoder, latents, latents.map(() => blend), CLIP_BATCH, signal, onProgress);
}

/** Every class of the decoder at equal weight: for latents of pictures, which have no class. */
function blendedClasses(decoder: GeneratorModel): Float32Array {
  const count = decoder.classes?.length ?? 0;
  return new Float32Array(count).fill(1 / Math.max(1, count));
}

async function decodeInBatches(
  runner: ModelRunner,
  model: GeneratorModel,
  latents: readonly Float32Array[],
  classes: readonly Float32Array[],
  batchSize: number,
  signal?: AbortSignal,
  onProgress?: ImageProgress,
): Promise<RgbaImage[]> {
  const images: RgbaImage[] = [];
  for (let at = 0; at < latents.length; at += batchSize) {
    images.push(...(await decodeLatents(runner, model, latents.slice(at, at + batchSize), classes.slice(at, at + batchSize), signal)));
    onProgress?.(images.length, latents.length);
  }
  return images;
}

/** The picture's place in latent space: the mean and log-variance the encoder gives for it. */
export async function encodePicture(runner: ModelRunner, encoder: EncoderModel, picture: RgbaImage, signal?: AbortSignal): Promise<{ mean: Float32Array; logvar: Float32Array }> {
  const [input] = encoder.inputs;
  const [meanOut, logvarOut] = encoder.outputs;
  if (!input || !meanOut || !logvarOut) throw new Error(`${encoder.id}: an encoder takes an image and gives a mean and a log-variance`);
  const size = encoder.imageSize;
  if (picture.width !== size || picture.height !== size) throw new Error(`${encoder.id} takes ${size}×${size} pictures`);
  const result = await runner.run(encoder.id, { [input.name]: { type: 'float32', data: fromRgba(picture), dims: [1, 4, size, size] } }, signal);
  const mean = result[meanOut.name];
  const logvar = result[logvarOut.name];
  if (mean?.type !== 'float32' || logvar?.type !== 'float32') throw new Error(`${encoder.id} gave no ${meanOut.name}/${logvarOut.name}`);
  return { mean: mean.data, logvar: logvar.data };
}

/** RGBA bytes as the emoji models take them: NCHW in [-1, 1], colour composited over white, then alpha. */
function fromRgba(picture: RgbaImage): Float32Array {
  const plane = picture.width * picture.height;
  const out = new Float32Array(plane * 4);
  for (let p = 0; p < plane; p++) {
    const alpha = picture.data[p * 4 + 3]! / 255;
    for (let c = 0; c < 3; c++) out[c * plane + p] = ((picture.data[p * 4 + c]! / 255) * alpha + (1 - alpha)) * 2 - 1;
    out[3 * plane + p] = alpha * 2 - 1;
  }
  return out;
}

/** A picture file read as RGBA at `size`×`size` (scaled to fit, on transparency). */
export async function readPicture(ffmpeg: string, file: string, size: number, signal?: AbortSignal): Promise<RgbaImage> {
  const chunks: Buffer[] = [];
  await runPipedFfmpeg({
    program: ffmpeg,
    args: [
      '-i', file, '-frames:v', '1',
      '-vf', `format=rgba,scale=${size}:${size}:force_original_aspect_ratio=decrease:flags=area,pad=${size}:${size}:(ow-iw)/2:(oh-ih)/2:color=black@0`,
      '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1',
    ],
    onOutput: (chunk) => chunks.push(chunk),
    ...(signal ? { signal } : {}),
  });
  const data = new Uint8Array(Buffer.concat(chunks));
  if (data.length !== size * size * 4) throw new Error(`No picture could be read from ${file}.`);
  return { width: size, height: size, data };
}

/** Runs the generator on latents (and class vectors, when it takes them) and returns one RGBA image each. */
export async function decodeLatents(
  runner: ModelRunner,
  model: GeneratorModel,
  latents: readonly Float32Array[],
  classes: readonly Float32Array[],
  signal?: AbortSignal,
): Promise<RgbaImage[]> {
  const [latentInput, classInput] = model.inputs;
  const output = model.outputs[0];
  if (!latentInput || !output) throw new Error(`${model.id}: a generator has a latent input and an image output`);
  const count = latents.length;
  const feeds: TensorMap = { [latentInput.name]: { type: 'float32', data: joinArrays(latents, (length) => new Float32Array(length)), dims: [count, model.latentSize] } };
  if (classInput && model.classes) feeds[classInput.name] = { type: 'float32', data: joinArrays(classes, (length) => new Float32Array(length)), dims: [count, model.classes.length] };
  const result = (await runner.run(model.id, feeds, signal))[output.name];
  if (!result || result.type !== 'float32') throw new Error(`${model.id} gave no ${output.name} image`);
  const [, channels = 0, height = 0, width = 0] = result.dims;
  const range = output.range ?? [-1, 1];
  return Array.from({ length: count }, (_, i) => toRgba(result.data, i, channels, width, height, range));
}

/** Image `index` of an NCHW batch as straight RGBA bytes, un-compositing the colour from white where it has alpha. */
function toRgba(data: Float32Array, index: number, channels: number, width: number, height: number, [low, high]: readonly [number, number]): RgbaImage {
  const plane = width * height;
  const base = index * channels * plane;
  const unit = (v: number) => Math.min(1, Math.max(0, (v - low) / (high - low)));
  const out = new Uint8Array(plane * 4);
  for (let p = 0; p < plane; p++) {
    const alpha = channels >= 4 ? unit(data[base + 3 * plane + p]!) : 1;
    for (let c = 0; c < 3; c++) {
      const over = unit(data[base + c * plane + p]!);
      // Over white: shown = colour × alpha + (1 − alpha), so colour = (shown − (1 − alpha)) / alpha.
      const colour = channels >= 4 ? (alpha > 0.02 ? (over - (1 - alpha)) / alpha : 0) : over;
      out[p * 4 + c] = Math.round(Math.min(1, Math.max(0, colour)) * 255);
    }
    out[p * 4 + 3] = Math.round(alpha * 255);
  }
  return { width, height, data: out };
}

/** Images side by side in rows of `columns`, on a transparent background: a sticker sheet. */
export function contactSheet(images: readonly RgbaImage[], columns: number, gap = 2): RgbaImage {
  const cell = images[0] ?? { width: 1, height: 1, data: new Uint8Array(4) };
  const rows = Math.max(1, Math.ceil(images.length / columns));
  const width = columns * cell.width + (columns - 1) * gap;
  const height = rows * cell.height + (rows - 1) * gap;
  const out = new Uint8Array(width * height * 4);
  images.forEach((image, i) => {
    const x0 = (i % columns) * (cell.width + gap);
    const y0 = Math.floor(i / columns) * (cell.height + gap);
    for (let y = 0; y < image.height; y++) {
      out.set(image.data.subarray(y * image.width * 4, (y + 1) * image.width * 4), ((y0 + y) * width + x0) * 4);
    }
  });
  return { width, height, data: out };
}

/** Writes an image as PNG (alpha kept), enlarged to `size` pixels on its longer side when asked. */
export async function writePng(ffmpeg: string, image: RgbaImage, file: string, size?: number, signal?: AbortSignal): Promise<void> {
  const scale = size && size !== Math.max(image.width, image.height) ? ['-vf', `scale=${image.width >= image.height ? `${size}:-1` : `-1:${size}`}:flags=lanczos`] : [];
  await runPipedFfmpeg({
    program: ffmpeg,
    args: ['-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${image.width}x${image.height}`, '-i', 'pipe:0', ...scale, '-frames:v', '1', '-y', file],
    input: new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength),
    ...(signal ? { signal } : {}),
  });
}

/** Images of one size scaled to `size`×`size` with Lanczos, in one ffmpeg run (alpha kept). */
export async function resizeImages(ffmpeg: string, images: readonly RgbaImage[], size: number, signal?: AbortSignal): Promise<RgbaImage[]> {
  const first = images[0];
  if (!first || (first.width === size && first.height === size)) return [...images];
  const chunks: Buffer[] = [];
  await runPipedFfmpeg({
    program: ffmpeg,
    args: [
      '-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${first.width}x${first.height}`, '-i', 'pipe:0',
      '-vf', `scale=${size}:${size}:flags=lanczos`, '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1',
    ],
    input: joinArrays(images.map((image) => image.data), (length) => new Uint8Array(length)),
    onOutput: (chunk) => chunks.push(chunk),
    ...(signal ? { signal } : {}),
  });
  const data = new Uint8Array(Buffer.concat(chunks));
  const frameBytes = size * size * 4;
  if (data.length !== frameBytes * images.length) throw new Error(`ffmpeg gave ${data.length} bytes for ${images.length} images of ${size}×${size}.`);
  return images.map((_, i) => ({ width: size, height: size, data: data.subarray(i * frameBytes, (i + 1) * frameBytes) }));
}

/** Generated clips (loops, morphs) play at this rate. */
export const CLIP_FPS = 25;

/** Writes frames as a looping clip: MP4 (H.264, on white), WebM (VP9 with alpha) or GIF, from the file's extension. */
export async function writeLoop(ffmpeg: string, frames: readonly RgbaImage[], file: string, fps: number, size: number, signal?: AbortSignal): Promise<void> {
  const first = frames[0];
  if (!first) throw new Error('A loop needs at least one frame.');
  const extension = file.slice(file.lastIndexOf('.')).toLowerCase();
  const scale = `scale=${size}:${size}:flags=lanczos`;
  const encode: Record<string, string[]> = {
    '.mp4': ['-vf', `${scale},format=rgba,geq=r='255-(255-r(X,Y))*alpha(X,Y)/255':g='255-(255-g(X,Y))*alpha(X,Y)/255':b='255-(255-b(X,Y))*alpha(X,Y)/255',format=yuv420p`, '-c:v', 'libx264', '-crf', '18', '-movflags', '+faststart'],
    '.webm': ['-vf', `${scale},format=yuva420p`, '-c:v', 'libvpx-vp9', '-b:v', '0', '-crf', '30', '-auto-alt-ref', '0'],
    '.gif': ['-filter_complex', `${scale},split[a][b];[a]palettegen=reserve_transparent=1[p];[b][p]paletteuse`, '-loop', '0'],
  };
  const args = encode[extension];
  if (!args) throw new Error(`A loop is written as .mp4, .webm or .gif, not ${extension}.`);
  await runPipedFfmpeg({
    program: ffmpeg,
    args: ['-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${first.width}x${first.height}`, '-r', String(fps), '-i', 'pipe:0', ...args, '-y', file],
    input: joinArrays(frames.map((f) => f.data), (length) => new Uint8Array(length)),
    ...(signal ? { signal } : {}),
  });
}
