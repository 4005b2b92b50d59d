import { joinArrays } from '../../../shared/typed-arrays';

/**
 * Writes small ONNX graphs as protobuf bytes, without a protobuf library: the built-in probe graph that tells which
 * execution provider works when no model is installed, and the test models. Only the fields those graphs need.
 */

/** ONNX TensorProto.DataType codes. */
const ELEMENT_TYPES = { float32: 1, uint8: 2, int32: 6, int64: 7 } as const;
export type GraphDtype = keyof typeof ELEMENT_TYPES;

export interface GraphValue {
  name: string;
  dtype: GraphDtype;
  /** A number is a fixed dimension, a string a free one. */
  shape: readonly (number | string)[];
}

export interface GraphNode {
  op: string;
  inputs: readonly string[];
  outputs: readonly string[];
}

export interface GraphInitializer {
  name: string;
  dims: readonly number[];
  values: Float32Array;
}

export interface GraphDefinition {
  inputs: readonly GraphValue[];
  outputs: readonly GraphValue[];
  nodes: readonly GraphNode[];
  initializers?: readonly GraphInitializer[];
}

/** IR version 8 with opset 17: read by every onnxruntime this app can ship with. */
const IR_VERSION = 8;
const OPSET_VERSION = 17;

export function encodeOnnxModel(graph: GraphDefinition): Uint8Array {
  const graphBytes = concat([
    ...graph.nodes.map((node, index) => field(1, encodeNode(node, index))),
    field(2, text('reelsmith')),
    ...(graph.initializers ?? []).map((init) => field(5, encodeInitializer(init))),
    ...graph.inputs.map((value) => field(11, encodeValueInfo(value))),
    ...graph.outputs.map((value) => field(12, encodeValueInfo(value))),
  ]);
  return concat([
    varintField(1, IR_VERSION),
    field(2, text('reelsmith')),
    field(7, graphBytes),
    field(8, concat([field(1, text('')), varintField(2, OPSET_VERSION)])),
  ]);
}

/** `y = x * 2 + 1` over a float32 vector of free length: small, quick, and checkable. */
export function probeGraph(): Uint8Array {
  return encodeOnnxModel({
    inputs: [{ name: 'x', dtype: 'float32', shape: ['n'] }],
    outputs: [{ name: 'y', dtype: 'float32', shape: ['n'] }],
    initializers: [
      { name: 'two', dims: [], values: new Float32Array([2]) },
      { name: 'one', dims: [], values: new Float32Array([1]) },
    ],
    nodes: [
      { op: 'Mul', inputs: ['x', 'two'], outputs: ['doubled'] },
      { op: 'Add', inputs: ['doubled', 'one'], outputs: ['y'] },
    ],
  });
}

function encodeNode(node: GraphNode, index: number): Uint8Array {
  return concat([
    ...node.inputs.map((name) => field(1, text(name))),
    ...node.outputs.map((name) => field(2, text(name))),
    field(3, text(`${node.op.toLowerCase()}_${index}`)),
    field(4, text(node.op)),
  ]);
}

function encodeInitializer(init: GraphInitializer): Uint8Array {
  return concat([
    ...init.dims.map((dim) => varintField(1, dim)),
    varintField(2, ELEMENT_TYPES.float32),
    field(8, text(init.name)),
    field(9, new Uint8Array(init.values.buffer, init.values.byteOffset, init.values.byteLength)),
  ]);
}

function encodeValueInfo(value: GraphValue): Uint8Array {
  const dims = value.shape.map((dim) => field(1, typeof dim === 'number' ? varintField(1, dim) : field(2, text(dim))));
  const tensorType = concat([varintField(1, ELEMENT_TYPES[value.dtype]), field(2, concat(dims))]);
  return concat([field(1, text(value.name)), field(2, field(1, tensorType))]);
}

function varint(value: number): Uint8Array {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return Uint8Array.from(bytes);
}

function varintField(fieldNumber: number, value: number): Uint8Array {
  return concat([varint(fieldNumber * 8), varint(value)]);
}

/** A length-delimited field (wire type 2): strings, bytes and nested messages. */
function field(fieldNumber: number, payload: Uint8Array): Uint8Array {
  return concat([varint(fieldNumber * 8 + 2), varint(payload.length), payload]);
}

function text(value: string): Uint8Array {
  return new TextEncoder().encode(value);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  return joinArrays(parts, (length) => new Uint8Array(length));
}
