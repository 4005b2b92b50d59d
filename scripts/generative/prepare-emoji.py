#!/usr/bin/env python3
"""Curates the Noto Emoji PNGs of the npm package emoji-datasource-google (images Apache-2.0) into a training set.

Input: the unpacked package (`npm pack emoji-datasource-google` into .cache/generative, see fetch-emoji.sh).
Output: .cache/generative/emoji-32.npz with
  images  uint8 [N, 4, 32, 32]  RGB composited over white, then alpha (straight), NCHW
  labels  int64 [N]             index into `classes`
  classes, names                the category and short name of every image
and prints the counts per category (also written to .cache/generative/emoji-32.json).

Curation: one image per emoji (the base entry; skin-tone variants live in `skin_variations` and are skipped), no
flags (category Flags), no skin-tone/hair swatches (category Component), no keycaps (subcategory keycap), no letter
and number symbols (subcategory alphanum: regional-indicator style squares and text-like glyphs).

Usage: /usr/bin/python3 scripts/generative/prepare-emoji.py [packageDir] [size]
"""
import json
import os
import sys
from collections import Counter

import numpy as np
from PIL import Image

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
CACHE = os.path.join(REPO, '.cache', 'generative')
PACKAGE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(CACHE, 'package')
SIZE = int(sys.argv[2]) if len(sys.argv) > 2 else 32

CLASSES = [
    'Smileys & Emotion',
    'People & Body',
    'Animals & Nature',
    'Food & Drink',
    'Travel & Places',
    'Activities',
    'Objects',
    'Symbols',
]
SKIP_SUBCATEGORIES = {'keycap', 'alphanum'}


def load(path: str, size: int) -> np.ndarray:
    """RGBA PNG → [4, size, size] uint8: RGB over white, then alpha. Resized in premultiplied space (no dark fringes)."""
    im = np.asarray(Image.open(path).convert('RGBA'), dtype=np.float32) / 255.0
    alpha = im[..., 3:4]
    premul = np.concatenate([im[..., :3] * alpha, alpha], axis=-1)
    channels = []
    for c in range(4):
        plane = Image.fromarray(premul[..., c].astype(np.float32), mode='F')
        channels.append(np.asarray(plane.resize((size, size), Image.BOX), dtype=np.float32))
    small = np.clip(np.stack(channels, axis=0), 0.0, 1.0)
    a = small[3:4]
    over_white = small[:3] + (1.0 - a)  # premultiplied colour + white where transparent
    out = np.concatenate([over_white, a], axis=0)
    return np.round(np.clip(out, 0.0, 1.0) * 255.0).astype(np.uint8)


def main() -> None:
    version = json.load(open(os.path.join(PACKAGE, 'package.json')))['version']
    emoji = json.load(open(os.path.join(PACKAGE, 'emoji.json')))
    images, labels, names = [], [], []
    skipped = Counter()
    for entry in sorted(emoji, key=lambda e: e['sort_order']):
        category = entry['category']
        if category not in CLASSES:
            skipped[category] += 1
            continue
        if entry['subcategory'] in SKIP_SUBCATEGORIES:
            skipped[entry['subcategory']] += 1
            continue
        if not entry.get('has_img_google'):
            skipped['no google image'] += 1
            continue
        path = os.path.join(PACKAGE, 'img', 'google', '64', entry['image'])
        if not os.path.exists(path):
            skipped['missing file'] += 1
            continue
        images.append(load(path, SIZE))
        labels.append(CLASSES.index(category))
        names.append(entry['short_name'])
    images = np.stack(images)
    labels = np.asarray(labels, dtype=np.int64)
    counts = {name: int((labels == i).sum()) for i, name in enumerate(CLASSES)}
    os.makedirs(CACHE, exist_ok=True)
    np.savez_compressed(
        os.path.join(CACHE, f'emoji-{SIZE}.npz'), images=images, labels=labels, classes=np.array(CLASSES), names=np.array(names)
    )
    summary = {
        'package': f'emoji-datasource-google@{version}',
        'size': SIZE,
        'total': int(len(labels)),
        'perCategory': counts,
        'skipped': dict(skipped),
        'skinToneVariantsNotUsed': int(sum(len(e.get('skin_variations', {})) for e in emoji)),
    }
    json.dump(summary, open(os.path.join(CACHE, f'emoji-{SIZE}.json'), 'w'), indent=2)
    print(json.dumps(summary, indent=2))


if __name__ == '__main__':
    main()
