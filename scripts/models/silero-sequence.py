"""
Rewrites Silero VAD v5 to run a sequence of frames per call, with the same weights and the same arithmetic: the
probabilities agree with the upstream model run frame by frame to about 1e-6 (checked by extract-silero-vad.mjs, which runs this).

Upstream takes one frame per call: input [batch, context + frame], state [2, batch, 128], sr. This model takes
input [batch, steps, context + frame] and gives output [batch, steps] and the state after the last step, so a caller
runs a whole stretch of each row in one call. Three changes make it about twice as fast on onnxruntime's CPU
(8 kHz, one thread, AVX-512: 10 us a frame against 18):
- The encoder runs on all the call's frames at once; its output feeds one ONNX LSTM over the steps (upstream runs
  the same LSTM with a sequence of one), so the recurrence runs inside the kernel instead of once per call.
- The 1-D convolutions are written as 2-D ones of height 1: onnxruntime's CPU runs 2-D convolutions through its
  blocked (NCHWc) kernels, which take a batch of frames in one pass.
- The spectrum's bins (65 at 8 kHz, 129 at 16 kHz) are padded with zero filters to a multiple of 16, so that the
  first encoder convolution also takes the blocked kernels (its weights for the padding are zero; alone it took
  half the model's time).

Both sample rates stay, chosen by `sr` as upstream chooses them.

Usage: /usr/bin/python3 scripts/models/silero-sequence.py <upstream.onnx> <out.onnx>   (Debian: apt install python3-onnx)
"""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HIDDEN = 128
# onnxruntime's blocked kernels take channels in blocks of 16 (AVX-512; 8 on AVX2, which 16 also suits).
CHANNEL_BLOCK = 16


class Builder:
    """Nodes of one branch, with its constants as Constant nodes (names prefixed, as subgraph names must be unique)."""

    def __init__(self, prefix):
        self.prefix = prefix
        self.nodes = []

    def const(self, name, value):
        full = f'{self.prefix}{name}'
        self.nodes.append(helper.make_node('Constant', [], [full], value=numpy_helper.from_array(np.ascontiguousarray(value), full)))
        return full

    def ints(self, name, values):
        return self.const(name, np.array(values, np.int64))

    def node(self, op, inputs, name, **attrs):
        full = f'{self.prefix}{name}'
        self.nodes.append(helper.make_node(op, inputs, [full], name=full, **attrs))
        return full


def to_onnx_gates(x):
    """PyTorch's LSTM gate order (input, forget, cell, output) to ONNX's (input, output, forget, cell)."""
    h = HIDDEN
    return np.concatenate([x[0:h], x[3 * h:4 * h], x[h:2 * h], x[2 * h:3 * h]], axis=0)


def upstream_branch(graph, name):
    node = next(n for n in graph.node if n.op_type == 'If')
    return next(a.g for a in node.attribute if a.name == name)


def branch_weights(branch):
    constants = {n.output[0]: numpy_helper.to_array(n.attribute[0].t) for n in branch.node if n.op_type == 'Constant'}

    def named(suffix):
        found = [value for key, value in constants.items() if key.endswith(suffix)]
        if len(found) != 1:
            raise SystemExit(f'expected one constant named *{suffix}, found {len(found)}')
        return found[0]

    convs = [n for n in branch.node if n.op_type == 'Conv']
    if len(convs) != 6:
        raise SystemExit(f'expected 6 convolutions (STFT, 4 encoder, decoder), found {len(convs)}')
    attrs = [{a.name: helper.get_attribute_value(a) for a in n.attribute} for n in convs]
    return {
        'weights': [constants[n.input[1]] for n in convs],
        'biases': [constants[n.input[2]] if len(n.input) > 2 else None for n in convs],
        'strides': [a['strides'][0] for a in attrs],
        'right_pad': int(named('stft/padding/Constant_1_output_0')[1]),
        'lstm': [named(f'decoder.rnn.{part}') for part in ('weight_ih', 'weight_hh', 'bias_ih', 'bias_hh')],
    }


def sequence_branch(branch, prefix, window):
    w = branch_weights(branch)
    b = Builder(prefix)
    stft, *encoder, decoder = w['weights']
    n_fft = stft.shape[2]
    bins = stft.shape[0] // 2
    padded = -(-bins // CHANNEL_BLOCK) * CHANNEL_BLOCK

    # Every frame of every row as one batch of 1 x 1 x window images, reflect-padded on the right as upstream pads it.
    x = b.node('Reshape', ['input', b.ints('frame_shape', [-1, 1, 1, window])], 'frames')
    x = b.node('Pad', [x, b.ints('pads', [0, 0, 0, 0, 0, 0, 0, w['right_pad']])], 'padded', mode='reflect')
    basis = np.zeros((2 * padded, 1, 1, n_fft), np.float32)
    basis[:bins, :, 0, :] = stft[:bins]
    basis[padded:padded + bins, :, 0, :] = stft[bins:]
    x = b.node('Conv', [x, b.const('stft_basis', basis)], 'stft', kernel_shape=[1, n_fft], strides=[1, w['strides'][0]])
    axis1 = b.ints('axis1', [1])
    real = b.node('Slice', [x, b.ints('real_from', [0]), b.ints('real_to', [padded]), axis1], 'real')
    imag = b.node('Slice', [x, b.ints('imag_from', [padded]), b.ints('imag_to', [2 * padded]), axis1], 'imag')
    power = b.node('Add', [b.node('Mul', [real, real], 'real2'), b.node('Mul', [imag, imag], 'imag2')], 'power')
    x = b.node('Sqrt', [power], 'magnitude')
    for index, (weight, bias, stride) in enumerate(zip(encoder, w['biases'][1:5], w['strides'][1:5])):
        kernel = weight[:, :, None, :]
        if index == 0:
            kernel = np.concatenate([kernel, np.zeros((kernel.shape[0], padded - bins, 1, kernel.shape[3]), np.float32)], axis=1)
        x = b.node('Conv', [x, b.const(f'encoder{index}_weight', kernel), b.const(f'encoder{index}_bias', bias)], f'encoder{index}',
                   kernel_shape=[1, kernel.shape[3]], pads=[0, 1, 0, 1], strides=[1, stride])
        x = b.node('Relu', [x], f'encoder{index}_relu')

    # [rows * steps, 128, 1, 1] -> [steps, rows, 128], the LSTM's sequence-first layout.
    rows_steps = b.node('Slice', [b.node('Shape', ['input'], 'input_shape'), b.ints('zero', [0]), b.ints('two', [2]), b.ints('axis0', [0])], 'rows_steps')
    x = b.node('Reshape', [x, b.node('Concat', [rows_steps, b.ints('hidden', [HIDDEN])], 'sequence_shape', axis=0)], 'features')
    x = b.node('Transpose', [x], 'features_by_step', perm=[1, 0, 2])
    h0 = b.node('Slice', ['state', b.ints('h_from', [0]), b.ints('h_to', [1]), b.ints('state_axis', [0])], 'h0')
    c0 = b.node('Slice', ['state', b.ints('c_from', [1]), b.ints('c_to', [2]), b.ints('state_axis2', [0])], 'c0')
    weight_ih, weight_hh, bias_ih, bias_hh = w['lstm']
    lstm_outputs = [f'{prefix}lstm_y', f'{prefix}lstm_h', f'{prefix}lstm_c']
    b.nodes.append(helper.make_node(
        'LSTM',
        [x, b.const('lstm_w', to_onnx_gates(weight_ih)[None]), b.const('lstm_r', to_onnx_gates(weight_hh)[None]),
         b.const('lstm_b', np.concatenate([to_onnx_gates(bias_ih), to_onnx_gates(bias_hh)])[None]), '', h0, c0],
        lstm_outputs, name=f'{prefix}lstm', hidden_size=HIDDEN))
    y = b.node('Relu', [b.node('Squeeze', [lstm_outputs[0], axis1], 'hidden_by_step')], 'hidden_relu')
    y = b.node('Add', [b.node('MatMul', [y, b.const('decoder_weight', decoder[:, :, 0].T)], 'logit'), b.const('decoder_bias', w['biases'][5])], 'logit_biased')
    y = b.node('Squeeze', [b.node('Sigmoid', [y], 'probability_by_step'), b.ints('axis2', [2])], 'probability_steps_rows')
    probability = b.node('Transpose', [y], 'probability', perm=[1, 0])
    state = b.node('Concat', [lstm_outputs[1], lstm_outputs[2]], 'state_next', axis=0)
    return helper.make_graph(
        b.nodes, f'{prefix}graph', [],
        [helper.make_tensor_value_info(probability, TensorProto.FLOAT, None), helper.make_tensor_value_info(state, TensorProto.FLOAT, None)])


def main():
    source, target = sys.argv[1], sys.argv[2]
    upstream = onnx.load(source)
    # Upstream's If takes its then-branch for 16 kHz, its else-branch for 8 kHz; frames are 512 + 64 and 256 + 32.
    rate_16k = sequence_branch(upstream_branch(upstream.graph, 'then_branch'), 'sr16k_', 576)
    rate_8k = sequence_branch(upstream_branch(upstream.graph, 'else_branch'), 'sr8k_', 288)
    nodes = [
        helper.make_node('Constant', [], ['rate_16k'], value=numpy_helper.from_array(np.array(16000, np.int64), 'rate_16k')),
        helper.make_node('Equal', ['sr', 'rate_16k'], ['is_16k']),
        helper.make_node('If', ['is_16k'], ['output', 'stateN'], then_branch=rate_16k, else_branch=rate_8k),
    ]
    graph = helper.make_graph(
        nodes, 'silero_vad_v5_sequence',
        [helper.make_tensor_value_info('input', TensorProto.FLOAT, ['batch', 'steps', 'window']),
         helper.make_tensor_value_info('state', TensorProto.FLOAT, [2, 'batch', HIDDEN]),
         helper.make_tensor_value_info('sr', TensorProto.INT64, [])],
        [helper.make_tensor_value_info('output', TensorProto.FLOAT, ['batch', 'steps']),
         helper.make_tensor_value_info('stateN', TensorProto.FLOAT, [2, 'batch', HIDDEN])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', 16)], producer_name='reelsmith scripts/models/silero-sequence.py')
    model.ir_version = 8
    onnx.checker.check_model(model, full_check=True)
    onnx.save(model, target)
    print(f'{target}: Silero VAD v5 as a sequence model (8 and 16 kHz)')


if __name__ == '__main__':
    main()
