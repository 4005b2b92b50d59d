#!/usr/bin/env python3
"""Exports the trained emoji models to ONNX in resources/models (opset 13, CPU, float32, batch dimension free).

  emoji-gan-32.onnx          latent [batch, 64], class [batch, 8] → image [batch, 4, 32, 32]   (EMA generator)
  emoji-vae-32-decoder.onnx  latent [batch, 64], class [batch, 8] → image [batch, 4, 32, 32]
  emoji-vae-32-encoder.onnx  image [batch, 4, 32, 32] → mean [batch, 64], logvar [batch, 64]

Images are NCHW in [-1, 1]: R, G, B composited over white, then straight alpha (-1 transparent, 1 opaque). `class` is
a one-hot over the 8 categories (a convex mix blends classes). Each file is checked against PyTorch after export.

Also writes scripts/generative/onnx-reference.json: two inputs per model and every 97th output value as PyTorch
computed them, which generative-models.test.ts compares with onnxruntime-node's outputs.

Usage: /usr/bin/python3 scripts/generative/export-onnx.py [weightsDir] [outDir]
"""
import json
import os
import sys

import numpy as np
import torch

from nets import NUM_CLASSES, Encoder, Generator

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, '..', '..'))
WEIGHTS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, '.cache', 'generative', 'weights')
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(REPO, 'resources', 'models')


def export(module, args, names_in, names_out, path):
    dynamic = {name: {0: 'batch'} for name in names_in + names_out}
    torch.onnx.export(module, args, path, input_names=names_in, output_names=names_out, dynamic_axes=dynamic,
                      opset_version=13, do_constant_folding=True)
    check(module, args, names_in, path)
    print(f'{os.path.relpath(path, REPO)}: {os.path.getsize(path)} bytes')


def check(module, args, names_in, path):
    try:
        import onnxruntime  # noqa: F401  (not in Debian; the Node test checks the files with onnxruntime-node)
    except ImportError:
        import onnx

        onnx.checker.check_model(onnx.load(path))
        return
    session = onnxruntime.InferenceSession(path)
    got = session.run(None, {n: a.numpy() for n, a in zip(names_in, args)})
    want = module(*args)
    want = want if isinstance(want, tuple) else (want,)
    for g, w in zip(got, want):
        assert np.abs(g - w.detach().numpy()).max() < 1e-4


class InRange(torch.nn.Module):
    """The generator with its output clipped to [-1, 1]: onnxruntime's tanh can overshoot by one ulp."""

    def __init__(self, generator):
        super().__init__()
        self.generator = generator

    def forward(self, z, onehot):
        return self.generator(z, onehot).clamp(-1.0, 1.0)


def values(t):
    return [round(float(v), 6) for v in t.flatten()]


def reference(module, args, names_in, names_out):
    module.eval()
    out = module(*args)
    out = out if isinstance(out, tuple) else (out,)
    return {
        'inputs': {n: {'dims': list(a.shape), 'data': values(a)} for n, a in zip(names_in, args)},
        'outputs': {n: {'dims': list(o.shape), 'stride': 97, 'data': values(o.flatten()[::97])} for n, o in zip(names_out, out)},
    }


def main():
    torch.manual_seed(0)
    os.makedirs(OUT, exist_ok=True)
    z = torch.randn(2, 64)
    onehot = torch.nn.functional.one_hot(torch.tensor([0, 3]), NUM_CLASSES).float()
    gan = torch.load(os.path.join(WEIGHTS, 'gan.pt'))
    G = Generator(**gan['config'])
    G.load_state_dict(gan['generator'])
    G = InRange(G).eval()
    export(G, (z, onehot), ['latent', 'class'], ['image'], os.path.join(OUT, 'emoji-gan-32.onnx'))

    vae = torch.load(os.path.join(WEIGHTS, 'vae.pt'))
    E = Encoder(**vae['config'])
    E.load_state_dict(vae['encoder'])
    E.eval()
    Dec = Generator(**vae['config'])
    Dec.load_state_dict(vae['decoder'])
    Dec = InRange(Dec).eval()
    export(Dec, (z, onehot), ['latent', 'class'], ['image'], os.path.join(OUT, 'emoji-vae-32-decoder.onnx'))
    with torch.no_grad():
        image = Dec(z, onehot)
    export(E, (image,), ['image'], ['mean', 'logvar'], os.path.join(OUT, 'emoji-vae-32-encoder.onnx'))
    refs = {
        'emoji-gan-32': reference(G, (z, onehot), ['latent', 'class'], ['image']),
        'emoji-vae-32-decoder': reference(Dec, (z, onehot), ['latent', 'class'], ['image']),
        'emoji-vae-32-encoder': reference(E, (image,), ['image'], ['mean', 'logvar']),
    }
    # the encoder's input is the decoder's output on the decoder's reference inputs: not repeated in the file
    refs['emoji-vae-32-encoder']['inputs'] = {'image': {'fromModel': 'emoji-vae-32-decoder'}}
    with open(os.path.join(HERE, 'onnx-reference.json'), 'w') as f:
        json.dump(refs, f, separators=(',', ':'))


if __name__ == '__main__':
    with torch.no_grad():
        main()
