#!/usr/bin/env python3
"""Honest checks of the emoji models, printed as JSON and drawn as docs/generative-samples.png.

- Memorisation: for each sample, the L2 distance (pixels in [-1, 1], 4x32x32) to its nearest training image (flips
  included, as training used them), against the same nearest-neighbour distance of every training image to the rest
  of the training set. Samples far closer to the training set than training images are to each other would be copies.
- Diversity: mean pairwise L2 distance between samples against the same figure for real images, overall and within
  each class; and coverage: the share of training images that are the nearest neighbour of at least one sample.
- VAE: reconstruction PSNR on the training images (there is no held-out set: 1,584 images is all there is).

Usage: /usr/bin/python3 scripts/generative/checks.py [weightsDir]   (writes .cache/generative/checks.json too)
"""
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image, ImageDraw

from nets import NUM_CLASSES, Encoder, Generator

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, '..', '..'))
WEIGHTS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, '.cache', 'generative', 'weights')
DATA = os.path.join(REPO, '.cache', 'generative', 'emoji-32.npz')
SHEET = os.path.join(REPO, 'docs', 'generative-samples.png')
SAMPLES_PER_CLASS = 128


def flat(x):
    return x.reshape(x.shape[0], -1)


def nearest(queries, reference, exclude_self=False):
    d = torch.cdist(flat(queries), flat(reference))
    if exclude_self:
        n = queries.shape[0]
        d[torch.arange(n), torch.arange(n)] = float('inf')  # itself
        d[torch.arange(n), torch.arange(n) + n] = float('inf')  # its own mirror image
    return d.min(dim=1)


def mean_pairwise(x):
    d = torch.cdist(flat(x), flat(x))
    n = x.shape[0]
    return (d.sum() / (n * (n - 1))).item()


def stats(values):
    v = values.numpy()
    return {'median': round(float(np.median(v)), 2), 'p5': round(float(np.percentile(v, 5)), 2),
            'min': round(float(v.min()), 2)}


def sample_set(G, gen, latent):
    ys = torch.arange(NUM_CLASSES).repeat_interleave(SAMPLES_PER_CLASS)
    z = torch.randn(len(ys), latent, generator=gen)
    return G(z, F.one_hot(ys, NUM_CLASSES).float()), ys


def evaluate(name, samples, ys, real, labels, reference, train_nn):
    nn_dist, nn_idx = nearest(samples, reference)
    threshold = float(np.percentile(train_nn.numpy(), 5))
    per_class = {}
    for c in range(NUM_CLASSES):
        per_class[c] = {'samples': round(mean_pairwise(samples[ys == c]), 2), 'real': round(mean_pairwise(real[labels == c]), 2)}
    covered = len(set((nn_idx % len(real)).tolist()))
    return {
        'model': name,
        'samples': int(samples.shape[0]),
        'nnToTrain': stats(nn_dist),
        'shareBelowTrainP5': round(float((nn_dist < threshold).float().mean()), 4),
        'diversity': {'samples': round(mean_pairwise(samples), 2), 'real': round(mean_pairwise(real), 2)},
        'diversityWithinClassMean': {
            'samples': round(float(np.mean([v['samples'] for v in per_class.values()])), 2),
            'real': round(float(np.mean([v['real'] for v in per_class.values()])), 2),
        },
        'coverage': round(covered / len(real), 4),
    }


def to_tile(x, scale=2):
    """[4, 32, 32] in [-1, 1] → RGB PIL tile, composited over a light checkerboard so alpha shows."""
    a = ((x[3:4] + 1) / 2).clamp(0, 1)
    rgb_white = ((x[:3] + 1) / 2).clamp(0, 1)
    fg = (rgb_white - (1 - a)) / a.clamp(min=1e-3)  # undo the white composite
    yy, xx = torch.meshgrid(torch.arange(32), torch.arange(32), indexing='ij')
    checker = torch.where(((yy // 4 + xx // 4) % 2) == 0, 0.92, 0.80).expand(3, 32, 32)
    out = (fg.clamp(0, 1) * a + checker * (1 - a)).permute(1, 2, 0).numpy()
    im = Image.fromarray((out * 255).round().astype(np.uint8))
    return im.resize((32 * scale, 32 * scale), Image.NEAREST)


def contact_sheet(rows, classes):
    scale, pad, label_w = 2, 4, 200
    cols = max(len(r[1]) for r in rows)
    w = label_w + cols * (64 + pad) + pad
    h = len(rows) * (64 + pad) + pad
    sheet = Image.new('RGB', (w, h), (255, 255, 255))
    draw = ImageDraw.Draw(sheet)
    for i, (label, images) in enumerate(rows):
        y = pad + i * (64 + pad)
        draw.text((pad, y + 26), label, fill=(0, 0, 0))
        for j, x in enumerate(images):
            sheet.paste(to_tile(x, scale), (label_w + pad + j * (64 + pad), y))
    os.makedirs(os.path.dirname(SHEET), exist_ok=True)
    sheet.save(SHEET, optimize=True)


def training_summary(kind):
    """Steps, time, hardware and the losses averaged over windows of 500 steps, from <kind>-log.json."""
    path = os.path.join(WEIGHTS, f'{kind}-log.json')
    if not os.path.exists(path):
        return None
    with open(path) as f:
        meta = json.load(f)
    keys = [k for k in meta['log'][0] if k not in ('step', 'seconds')]
    windows = {}
    for entry in meta['log']:
        windows.setdefault((entry['step'] - 1) // 500, []).append(entry)
    curve = [{'steps': f'{w * 500 + 1}-{(w + 1) * 500}', **{k: round(float(np.mean([e[k] for e in es])), 3) for k in keys}}
             for w, es in sorted(windows.items())]
    return {k: meta[k] for k in ('steps', 'seconds', 'steps_per_second', 'batch', 'hardware')} | {'curve': curve}


def main():
    torch.manual_seed(0)
    data = np.load(DATA)
    real = torch.from_numpy(data['images'].astype(np.float32) / 127.5 - 1.0)
    labels = torch.from_numpy(data['labels'])
    classes = [str(c) for c in data['classes']]
    reference = torch.cat([real, real.flip(3)])
    train_nn, _ = nearest(real, reference, exclude_self=True)
    report = {'trainNnToTrain': stats(train_nn), 'trainImages': int(len(real))}

    gan = torch.load(os.path.join(WEIGHTS, 'gan.pt'))
    G = Generator(**gan['config']).eval()
    G.load_state_dict(gan['generator'])
    gan_samples, ys = sample_set(G, torch.Generator().manual_seed(1), gan['config']['latent'])
    report['gan'] = evaluate('emoji-gan-32', gan_samples, ys, real, labels, reference, train_nn)

    rows = [(f'real: {c}', real[labels == i][:: max(1, int((labels == i).sum()) // 10)][:10]) for i, c in enumerate(classes[:2])]
    for i, c in enumerate(classes):
        rows.append((f'GAN: {c}', gan_samples[ys == i][:10]))

    if os.path.exists(os.path.join(WEIGHTS, 'vae.pt')):
        vae = torch.load(os.path.join(WEIGHTS, 'vae.pt'))
        E = Encoder(**vae['config']).eval()
        E.load_state_dict(vae['encoder'])
        Dec = Generator(**vae['config']).eval()
        Dec.load_state_dict(vae['decoder'])
        mean, logvar = E(real)
        recon = Dec(mean, F.one_hot(labels, NUM_CLASSES).float())
        mse = ((recon - real) ** 2).flatten(1).mean(1)
        psnr = 10 * torch.log10(4.0 / mse)  # peak-to-peak 2 in [-1, 1]
        vae_samples, vys = sample_set(Dec, torch.Generator().manual_seed(2), vae['config']['latent'])
        report['vae'] = evaluate('emoji-vae-32-decoder', vae_samples, vys, real, labels, reference, train_nn)
        report['vae']['reconPsnrDb'] = {'mean': round(psnr.mean().item(), 2), 'median': round(psnr.median().item(), 2)}
        report['vae']['latentStd'] = round(float(torch.exp(0.5 * logvar).mean()), 3)
        pick = torch.arange(0, len(real), len(real) // 10)[:10]
        rows.append(('VAE input', real[pick]))
        rows.append(('VAE reconstruction', recon[pick]))
        # variations: sample around the encoded mean of the first pick
        k = pick[3]
        zv = mean[k : k + 1] + 0.6 * torch.randn(10, mean.shape[1], generator=torch.Generator().manual_seed(3))
        rows.append(('VAE variations', Dec(zv, F.one_hot(labels[k].repeat(10), NUM_CLASSES).float())))
        # morph between two encoded images (latent and class blended linearly)
        a, b = pick[1], pick[6]
        t = torch.linspace(0, 1, 10).view(-1, 1)
        zm = (1 - t) * mean[a : a + 1] + t * mean[b : b + 1]
        cm = (1 - t) * F.one_hot(labels[a], NUM_CLASSES).float() + t * F.one_hot(labels[b], NUM_CLASSES).float()
        rows.append(('VAE morph', Dec(zm, cm)))
        for i, c in enumerate(classes[:3]):
            rows.append((f'VAE sample: {c}', vae_samples[vys == i][:10]))
    contact_sheet(rows, classes)
    report['classes'] = classes
    report['training'] = {'gan': training_summary('gan'), 'vae': training_summary('vae')}
    out = json.dumps(report, indent=2)
    with open(os.path.join(REPO, '.cache', 'generative', 'checks.json'), 'w') as f:
        f.write(out)
    print(out)


if __name__ == '__main__':
    torch.set_num_threads(1)
    with torch.no_grad():
        main()
