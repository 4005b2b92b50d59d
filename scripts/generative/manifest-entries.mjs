/**
 * The manifest descriptions of the emoji models trained by scripts/generative (see docs/generative-models.md).
 * scripts/models/build-manifest.mjs adds bytes and sha256 from the files in resources/models and checks the tensor
 * names against the models, as for every bundled model; the ONNX files are the checked-in artefacts, so rebuilding the
 * manifest needs no training.
 *
 * Every image is NCHW, 4 channels in [-1, 1]: R, G, B composited over white, then straight alpha (-1 transparent,
 * 1 opaque); the colour of a pixel is (rgb - (1 - a)) / a with rgb and a mapped to [0, 1]. `class` is a one-hot over
 * `classes` (float, so classes can be blended); the latent is standard normal.
 */
export const EMOJI_DATA = 'Noto Emoji PNGs (Apache-2.0) of npm emoji-datasource-google@16.0.0';

export const EMOJI_CLASSES = [
  'Smileys & Emotion',
  'People & Body',
  'Animals & Nature',
  'Food & Drink',
  'Travel & Places',
  'Activities',
  'Objects',
  'Symbols',
];

const LATENT = 64;
const SIZE = 32;
const image = { name: 'image', dtype: 'float32', shape: ['batch', 4, SIZE, SIZE], range: [-1, 1] };
const generatorInputs = [
  { name: 'latent', dtype: 'float32', shape: ['batch', LATENT] },
  { name: 'class', dtype: 'float32', shape: ['batch', EMOJI_CLASSES.length], range: [0, 1] },
];
const note = 'NCHW RGB-over-white + alpha in [-1, 1]';

export const GENERATIVE_MODELS = [
  {
    id: 'emoji-gan-32',
    name: 'Emoji GAN 32×32 (class-conditional)',
    task: 'image-generator',
    file: 'emoji-gan-32.onnx',
    license: 'Apache-2.0',
    source:
      `Trained here by scripts/generative/train.py (DCGAN, spectral norm, hinge loss, EMA generator) on 1,584 curated ` +
      `${EMOJI_DATA}; exported by scripts/generative/export-onnx.py; ${note}`,
    layout: 'nchw',
    latentSize: LATENT,
    classes: EMOJI_CLASSES,
    imageSize: SIZE,
    inputs: generatorInputs,
    outputs: [image],
  },
  {
    id: 'emoji-vae-32-decoder',
    name: 'Emoji VAE 32×32 decoder (class-conditional)',
    task: 'image-generator',
    file: 'emoji-vae-32-decoder.onnx',
    license: 'Apache-2.0',
    source:
      `Trained here by scripts/generative/train.py (conditional VAE) on 1,584 curated ${EMOJI_DATA}; exported by ` +
      `scripts/generative/export-onnx.py; decodes the latents of emoji-vae-32-encoder; ${note}`,
    layout: 'nchw',
    latentSize: LATENT,
    classes: EMOJI_CLASSES,
    imageSize: SIZE,
    inputs: generatorInputs,
    outputs: [image],
  },
  {
    id: 'emoji-vae-32-encoder',
    name: 'Emoji VAE 32×32 encoder',
    task: 'image-encoder',
    file: 'emoji-vae-32-encoder.onnx',
    license: 'Apache-2.0',
    source:
      `Trained here by scripts/generative/train.py (conditional VAE, unconditional encoder) on 1,584 curated ` +
      `${EMOJI_DATA}; exported by scripts/generative/export-onnx.py; input ${note}`,
    layout: 'nchw',
    latentSize: LATENT,
    imageSize: SIZE,
    decoder: 'emoji-vae-32-decoder',
    inputs: [image],
    outputs: [
      { name: 'mean', dtype: 'float32', shape: ['batch', LATENT] },
      { name: 'logvar', dtype: 'float32', shape: ['batch', LATENT] },
    ],
  },
];
