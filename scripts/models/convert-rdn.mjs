#!/usr/bin/env node
/**
 * Converts the RDN super-resolution models of @upscalerjs/esrgan-slim and @upscalerjs/esrgan-medium (tfjs Layers
 * models: model.json topology + float32 weight shards) to ONNX, one file per model in resources/models/.
 *
 * The graph takes NHWC float32 pixels in [0, 255] like the package does, with free batch, height and width,
 * transposes to NCHW for the convolutions, and transposes back. The output is clipped to [0, 255], as UpscalerJS
 * clips before it makes an image. Keras layers map one to one: Conv2D → Conv, Activation(relu) → Relu,
 * Concatenate → Concat, Add → Add, UpSampling2D(nearest) → Resize(nearest, asymmetric, floor). Any other layer stops
 * the conversion rather than producing a wrong graph.
 *
 * The output is deterministic: the same package files give the same bytes (no timestamps; layers in file order).
 *
 * Usage: node scripts/models/convert-rdn.mjs [outputDir]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { modelPackageDir } from './model-packages.mjs';

const require = createRequire(import.meta.url);
const { onnx } = require('onnx-proto');

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outputDir = resolve(process.argv[2] ?? join(repoRoot, 'resources/models'));

/** The models we bundle: package, scale, output file. x3 and x8 are left out (x8 is large and rarely wanted). */
const RDN_MODELS = [
  { pkg: '@upscalerjs/esrgan-slim', scale: 2, file: 'rdn-slim-x2.onnx' },
  { pkg: '@upscalerjs/esrgan-slim', scale: 4, file: 'rdn-slim-x4.onnx' },
  { pkg: '@upscalerjs/esrgan-medium', scale: 2, file: 'rdn-medium-x2.onnx' },
  { pkg: '@upscalerjs/esrgan-medium', scale: 4, file: 'rdn-medium-x4.onnx' },
];

const INPUT_NAME = 'image';
const OUTPUT_NAME = 'upscaled';
/** Opset 13 has every op used here and runs on every onnxruntime execution provider. */
const OPSET = 13;
/** IR version 7 goes with opset 13. */
const IR_VERSION = 7;
const { FLOAT } = onnx.TensorProto.DataType;

/** The packages' exports hide package.json and the model files, so they are read from the unpacked tarball. */
function packageDir(pkg) {
  return modelPackageDir(pkg);
}

/** Reads a tfjs Layers model: its Keras topology and a map from weight name to { shape, values }. */
function readTfjsLayersModel(modelDir) {
  const model = JSON.parse(readFileSync(join(modelDir, 'model.json'), 'utf8'));
  if (model.format !== 'layers-model') throw new Error(`${modelDir}: not a tfjs layers model (${model.format})`);
  const weights = new Map();
  for (const group of model.weightsManifest) {
    const bytes = Buffer.concat(group.paths.map((path) => readFileSync(join(modelDir, path))));
    let offset = 0;
    for (const spec of group.weights) {
      if (spec.dtype !== 'float32' || spec.quantization) {
        throw new Error(`${spec.name}: only unquantised float32 weights are supported`);
      }
      const count = spec.shape.reduce((product, dim) => product * dim, 1);
      const values = new Float32Array(count);
      for (let i = 0; i < count; i++) values[i] = bytes.readFloatLE(offset + i * 4);
      offset += count * 4;
      weights.set(spec.name, { shape: spec.shape, values });
    }
    if (offset !== bytes.length) throw new Error(`${modelDir}: weight shards hold ${bytes.length} bytes, specs ${offset}`);
  }
  return { topology: model.modelTopology.model_config, weights };
}

function floatInitializer(name, dims, values) {
  const raw = Buffer.alloc(values.length * 4);
  values.forEach((value, i) => raw.writeFloatLE(value, i * 4));
  return onnx.TensorProto.create({ name, dims, dataType: FLOAT, rawData: raw });
}

function attribute(name, value) {
  const { AttributeType } = onnx.AttributeProto;
  if (typeof value === 'string') return { name, type: AttributeType.STRING, s: Buffer.from(value) };
  if (Array.isArray(value)) return { name, type: AttributeType.INTS, ints: value };
  return { name, type: AttributeType.INT, i: value };
}

function node(opType, name, inputs, outputs, attributes = {}) {
  return onnx.NodeProto.create({
    opType,
    name,
    input: inputs,
    output: outputs,
    attribute: Object.entries(attributes).map(([key, value]) => attribute(key, value)),
  });
}

/** Keras Conv2D kernel [kh, kw, in, out] → ONNX Conv weight [out, in, kh, kw]. */
function kerasKernelToOnnx({ shape: [kh, kw, inChannels, outChannels], values }) {
  const out = new Float32Array(values.length);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < inChannels; i++)
        for (let o = 0; o < outChannels; o++) {
          out[((o * inChannels + i) * kh + y) * kw + x] = values[((y * kw + x) * inChannels + i) * outChannels + o];
        }
  return { dims: [outChannels, inChannels, kh, kw], values: out };
}

/** The single inbound tensor names of a functional-model layer (each layer here is called once). */
function inboundNames(layer) {
  if (layer.inbound_nodes.length !== 1) throw new Error(`${layer.name}: shared layers are not supported`);
  return layer.inbound_nodes[0].map(([name, nodeIndex, tensorIndex]) => {
    if (nodeIndex !== 0 || tensorIndex !== 0) throw new Error(`${layer.name}: multi-output inbound not supported`);
    return name;
  });
}

/** Converts one Keras layer to ONNX nodes (NCHW), adding its weights to `initializers`. */
function convertLayer(layer, weights, initializers) {
  const { class_name: kind, config, name } = layer;
  const inputs = inboundNames(layer);
  switch (kind) {
    case 'Conv2D': {
      const [kh, kw] = config.kernel_size;
      const plain =
        config.strides.every((s) => s === 1) && config.dilation_rate.every((d) => d === 1) && config.groups === 1;
      if (!plain || config.activation !== 'linear' || config.data_format !== 'channels_last') {
        throw new Error(`${name}: only stride-1, undilated, ungrouped, linear channels_last Conv2D is supported`);
      }
      // Keras 'same' at stride 1 pads (k - 1) / 2 on both sides for the odd kernels these models use.
      if (config.padding === 'same' && (kh % 2 === 0 || kw % 2 === 0)) throw new Error(`${name}: even 'same' kernel`);
      const [padY, padX] = config.padding === 'same' ? [(kh - 1) / 2, (kw - 1) / 2] : [0, 0];
      const kernel = kerasKernelToOnnx(weights.get(`${name}/kernel`));
      initializers.push(floatInitializer(`${name}.weight`, kernel.dims, kernel.values));
      const convInputs = [inputs[0], `${name}.weight`];
      if (config.use_bias) {
        const bias = weights.get(`${name}/bias`);
        initializers.push(floatInitializer(`${name}.bias`, bias.shape, bias.values));
        convInputs.push(`${name}.bias`);
      }
      return [
        node('Conv', name, convInputs, [name], {
          kernel_shape: [kh, kw],
          pads: [padY, padX, padY, padX],
          strides: [1, 1],
          dilations: [1, 1],
          group: 1,
        }),
      ];
    }
    case 'Activation':
      if (config.activation !== 'relu') throw new Error(`${name}: activation ${config.activation} not supported`);
      return [node('Relu', name, inputs, [name])];
    case 'Concatenate':
      // Channels-last axis 3 (or -1) is the channel axis, 1 in NCHW.
      if (config.axis !== 3 && config.axis !== -1) throw new Error(`${name}: concatenation on axis ${config.axis}`);
      return [node('Concat', name, inputs, [name], { axis: 1 })];
    case 'Add': {
      // ONNX Add takes two inputs; Keras Add any number, summed left to right.
      const nodes = [];
      let sum = inputs[0];
      for (let i = 1; i < inputs.length; i++) {
        const output = i === inputs.length - 1 ? name : `${name}.partial${i}`;
        nodes.push(node('Add', output, [sum, inputs[i]], [output]));
        sum = output;
      }
      return nodes;
    }
    case 'UpSampling2D': {
      if (config.interpolation !== 'nearest') throw new Error(`${name}: ${config.interpolation} upsampling`);
      const [sy, sx] = config.size;
      initializers.push(floatInitializer(`${name}.scales`, [4], [1, 1, sy, sx]));
      // Asymmetric + floor makes output pixel i read input pixel floor(i / scale): Keras's nearest repeat.
      return [
        node('Resize', name, [inputs[0], '', `${name}.scales`], [name], {
          mode: 'nearest',
          coordinate_transformation_mode: 'asymmetric',
          nearest_mode: 'floor',
        }),
      ];
    }
    default:
      throw new Error(`${name}: Keras layer ${kind} has no ONNX mapping here`);
  }
}

function valueInfo(name, dims) {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType: FLOAT,
        shape: { dim: dims.map((dim) => (typeof dim === 'number' ? { dimValue: dim } : { dimParam: dim })) },
      },
    },
  });
}

/** Builds the ONNX model of one tfjs RDN model. */
function convertRdn({ pkg, scale }) {
  const version = JSON.parse(readFileSync(join(packageDir(pkg), 'package.json'), 'utf8')).version;
  const modelDir = join(packageDir(pkg), `models/x${scale}`);
  const { topology, weights } = readTfjsLayersModel(modelDir);
  const [inputLayer] = topology.config.input_layers.map(([name]) => name);
  const [outputLayer] = topology.config.output_layers.map(([name]) => name);
  if (topology.config.input_layers.length !== 1 || topology.config.output_layers.length !== 1) {
    throw new Error(`${modelDir}: expected one input and one output`);
  }

  const initializers = [floatInitializer('clip.min', [], [0]), floatInitializer('clip.max', [], [255])];
  const nodes = [node('Transpose', 'to_nchw', [INPUT_NAME], [inputLayer], { perm: [0, 3, 1, 2] })];
  const used = new Set();
  for (const layer of topology.config.layers) {
    if (layer.class_name === 'InputLayer') continue;
    nodes.push(...convertLayer(layer, weights, initializers));
    for (const suffix of ['kernel', 'bias']) used.add(`${layer.name}/${suffix}`);
  }
  const unused = [...weights.keys()].filter((name) => !used.has(name));
  if (unused.length > 0) throw new Error(`${modelDir}: weights not used by any layer: ${unused.join(', ')}`);
  nodes.push(
    node('Clip', 'clip', [outputLayer, 'clip.min', 'clip.max'], ['clipped']),
    node('Transpose', 'to_nhwc', ['clipped'], [OUTPUT_NAME], { perm: [0, 2, 3, 1] }),
  );

  const graph = onnx.GraphProto.create({
    name: `${pkg.replace('@upscalerjs/', '')}-x${scale}`,
    node: nodes,
    initializer: initializers,
    input: [valueInfo(INPUT_NAME, ['batch', 'height', 'width', 3])],
    output: [valueInfo(OUTPUT_NAME, ['batch', 'upscaled_height', 'upscaled_width', 3])],
  });
  const model = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: OPSET }],
    producerName: 'reelsmith scripts/models/convert-rdn.mjs',
    producerVersion: '1',
    docString: `RDN x${scale} from ${pkg}@${version} (MIT, © Kevin Scott), models/x${scale}. NHWC float32 in [0, 255].`,
    graph,
  });
  return Buffer.from(onnx.ModelProto.encode(model).finish());
}

mkdirSync(outputDir, { recursive: true });
for (const spec of RDN_MODELS) {
  const bytes = convertRdn(spec);
  writeFileSync(join(outputDir, spec.file), bytes);
  console.log(`${spec.file}: ${bytes.length} bytes from ${spec.pkg} x${spec.scale}`);
}
