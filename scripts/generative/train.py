#!/usr/bin/env python3
"""Trains the emoji GAN or the conditional VAE on .cache/generative/emoji-32.npz (see prepare-emoji.py).

Runs on one CPU thread (the budget this project trained with) for a fixed wall-clock budget or step count, with fixed
seeds. Writes .cache/generative/weights/<model>.pt (read by export-onnx.py and checks.py; the ONNX files in
resources/models are the checked-in artefacts) and <model>-log.json (losses every 50 steps, steps/s, hardware).

Usage:
  OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 nice -n 10 /usr/bin/python3 scripts/generative/train.py gan --minutes 30
  ... train.py vae --minutes 12
  ... train.py gan --resume --steps 3000   (continue the saved GAN run up to step 3000)
  ... train.py gan --bench 20        (measure steps/s and exit)
"""
import argparse
import copy
import json
import os
import platform
import time

import numpy as np
import torch
import torch.nn.functional as F

from nets import NUM_CLASSES, Discriminator, Encoder, Generator

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, '..', '..'))
DATA = os.path.join(REPO, '.cache', 'generative', 'emoji-32.npz')
WEIGHTS = os.path.join(REPO, '.cache', 'generative', 'weights')
WHITE = torch.tensor([1.0, 1.0, 1.0, -1.0]).view(1, 4, 1, 1)  # background: white, transparent


def load_data():
    data = np.load(DATA)
    images = torch.from_numpy(data['images'].astype(np.float32) / 127.5 - 1.0)
    labels = torch.from_numpy(data['labels'])
    return images, labels


def batches(images, labels, batch, gen):
    """Endless shuffled batches with random horizontal flips."""
    n = len(labels)
    while True:
        order = torch.randperm(n, generator=gen)
        for i in range(0, n - batch + 1, batch):
            idx = order[i : i + batch]
            x = images[idx]
            flip = torch.rand(batch, generator=gen) < 0.5
            x = torch.where(flip.view(-1, 1, 1, 1), x.flip(3), x)
            yield x, labels[idx]


def translate(x, gen, shift=3, groups=4):
    """DiffAugment-style translation (padding is the white, transparent background), one shift per group of the batch."""
    n = x.shape[0]
    padded = F.pad(x - WHITE, (shift, shift, shift, shift)) + WHITE
    out = []
    for chunk, start in zip(padded.chunk(groups), range(0, n, (n + groups - 1) // groups)):
        dx, dy = torch.randint(0, 2 * shift + 1, (2,), generator=gen).tolist()
        out.append(chunk[:, :, dy : dy + x.shape[2], dx : dx + x.shape[3]])
    return torch.cat(out)


def colour(x, gen):
    """DiffAugment-style brightness / contrast of the colour channels (alpha untouched)."""
    n = x.shape[0]
    rgb, a = x[:, :3], x[:, 3:]
    b = (torch.rand(n, 1, 1, 1, generator=gen) - 0.5) * 0.4
    c = torch.rand(n, 1, 1, 1, generator=gen) * 0.5 + 0.75
    mean = rgb.mean(dim=(1, 2, 3), keepdim=True)
    rgb = ((rgb - mean) * c + mean + b).clamp(-1, 1)
    return torch.cat([rgb, a], dim=1)


def augment(x, gen):
    return colour(translate(x, gen), gen)


def hardware():
    cpu = platform.processor() or platform.machine()
    try:
        with open('/proc/cpuinfo') as f:
            for line in f:
                if line.startswith('model name'):
                    cpu = line.split(':', 1)[1].strip()
                    break
    except OSError:
        pass
    return {'cpu': cpu, 'threads': torch.get_num_threads(), 'torch': torch.__version__}


def train_gan(args, images, labels, gen):
    G = Generator(args.latent, args.width)
    D = Discriminator(args.width)
    G_ema = copy.deepcopy(G).eval()
    log, start, step, offset = [], time.time(), 0, 0.0
    if args.resume:  # continue a saved run (Adam's moments start afresh; with beta1 = 0 only the second moment matters)
        saved = torch.load(os.path.join(WEIGHTS, 'gan.pt'))
        G.load_state_dict(saved['generator_raw'])
        G_ema.load_state_dict(saved['generator'])
        D.load_state_dict(saved['discriminator'])
        with open(os.path.join(WEIGHTS, 'gan-log.json')) as f:
            previous = json.load(f)
        log, step, offset = previous['log'], previous['steps'], previous['seconds']
    opt_g = torch.optim.Adam(G.parameters(), lr=2e-4, betas=(0.0, 0.9))
    opt_d = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.0, 0.9))
    stream = batches(images, labels, args.batch, gen)
    while True:
        step += 1
        real, y = next(stream)
        z = torch.randn(args.batch, args.latent, generator=gen)
        onehot = F.one_hot(y, NUM_CLASSES).float()
        # discriminator: hinge loss
        with torch.no_grad():
            fake = G(z, onehot)
        d_real = D(augment(real, gen), y)
        d_fake = D(augment(fake, gen), y)
        loss_d = F.relu(1 - d_real).mean() + F.relu(1 + d_fake).mean()
        opt_d.zero_grad(set_to_none=True)
        loss_d.backward()
        opt_d.step()
        # generator
        z = torch.randn(args.batch, args.latent, generator=gen)
        fake = G(z, onehot)
        loss_g = -D(augment(fake, gen), y).mean()
        opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        opt_g.step()
        # EMA of the generator (parameters averaged, BatchNorm statistics copied)
        decay = 0.0 if step < 200 else 0.999
        with torch.no_grad():
            for pe, p in zip(G_ema.parameters(), G.parameters()):
                pe.mul_(decay).add_(p, alpha=1 - decay)
            for be, b in zip(G_ema.buffers(), G.buffers()):
                be.copy_(b)
        elapsed = time.time() - start + offset
        if step % 50 == 0 or step == 1:
            entry = {'step': step, 'seconds': round(elapsed, 1), 'loss_d': round(loss_d.item(), 4), 'loss_g': round(loss_g.item(), 4),
                     'd_real': round(d_real.mean().item(), 3), 'd_fake': round(d_fake.mean().item(), 3)}
            log.append(entry)
            print(json.dumps(entry), flush=True)
        done = (args.bench and step >= args.bench) or (args.steps and step >= args.steps) or elapsed - offset >= args.minutes * 60
        if step % 500 == 0 or done:
            save('gan', args, {'generator': G_ema.state_dict(), 'generator_raw': G.state_dict(), 'discriminator': D.state_dict()},
                 log, step, elapsed)
        if done:
            return step, elapsed


def train_vae(args, images, labels, gen):
    E = Encoder(args.latent, args.width)
    Dec = Generator(args.latent, args.width)
    opt = torch.optim.Adam(list(E.parameters()) + list(Dec.parameters()), lr=1e-3)
    stream = batches(images, labels, args.batch, gen)
    log, start, step = [], time.time(), 0
    while True:
        step += 1
        x, y = next(stream)
        x = translate(x, gen, shift=1)
        mean, logvar = E(x)
        z = mean + torch.randn(mean.shape, generator=gen) * torch.exp(0.5 * logvar)
        recon = Dec(z, F.one_hot(y, NUM_CLASSES).float())
        # per-image sums: squared error on [-1,1] scaled as a Gaussian likelihood with sigma 0.2, KL to N(0, I)
        rec = ((recon - x) ** 2).sum(dim=(1, 2, 3)).mean() / (2 * 0.2**2)
        kl = (-0.5 * (1 + logvar - mean**2 - logvar.exp()).sum(dim=1)).mean()
        beta = min(1.0, step / 1000)  # KL warm-up
        loss = rec + beta * kl
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        elapsed = time.time() - start
        if step % 50 == 0 or step == 1:
            entry = {'step': step, 'seconds': round(elapsed, 1), 'loss': round(loss.item(), 2), 'recon': round(rec.item(), 2),
                     'kl': round(kl.item(), 2), 'mse': round(((recon - x) ** 2).mean().item(), 5)}
            log.append(entry)
            print(json.dumps(entry), flush=True)
        done = (args.bench and step >= args.bench) or (args.steps and step >= args.steps) or elapsed >= args.minutes * 60
        if step % 500 == 0 or done:
            save('vae', args, {'encoder': E.state_dict(), 'decoder': Dec.state_dict()}, log, step, elapsed)
        if done:
            return step, elapsed


def save(kind, args, state, log, step, elapsed):
    if args.bench:
        return
    os.makedirs(WEIGHTS, exist_ok=True)
    torch.save({'config': {'latent': args.latent, 'width': args.width}, **state}, os.path.join(WEIGHTS, f'{kind}.pt'))
    meta = {'model': kind, 'steps': step, 'seconds': round(elapsed, 1), 'steps_per_second': round(step / elapsed, 3),
            'batch': args.batch, 'latent': args.latent, 'width': args.width, 'seed': args.seed, 'hardware': hardware(),
            'log': log}
    with open(os.path.join(WEIGHTS, f'{kind}-log.json'), 'w') as f:
        json.dump(meta, f, indent=1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('model', choices=['gan', 'vae'])
    parser.add_argument('--minutes', type=float, default=30)
    parser.add_argument('--steps', type=int, default=0)
    parser.add_argument('--bench', type=int, default=0)
    parser.add_argument('--batch', type=int, default=64)
    parser.add_argument('--latent', type=int, default=64)
    parser.add_argument('--width', type=int, default=32)
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--resume', action='store_true', help='gan only: continue from the saved checkpoint and log')
    args = parser.parse_args()
    torch.set_num_threads(1)
    seed = args.seed + (1000 if args.resume else 0)  # a resumed run draws fresh batches and noise
    torch.manual_seed(seed)
    np.random.seed(seed)
    gen = torch.Generator().manual_seed(seed)
    images, labels = load_data()
    print(f'{len(labels)} images, {args.model}, width {args.width}, latent {args.latent}, batch {args.batch}', flush=True)
    fn = train_gan if args.model == 'gan' else train_vae
    step, elapsed = fn(args, images, labels, gen)
    print(f'done: {step} steps in {elapsed:.0f} s ({step / elapsed:.2f} steps/s)', flush=True)


if __name__ == '__main__':
    main()
