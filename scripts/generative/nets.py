"""The networks of the emoji generative models (32x32 RGBA, NCHW, values in [-1, 1]).

Channel layout of every image tensor: R, G, B composited over white, then straight alpha. The class is a one-hot
(or any convex mix of one-hots) over the 8 emoji categories, so classes can be blended.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils import spectral_norm as sn

IMAGE_SIZE = 32
CHANNELS = 4
NUM_CLASSES = 8


class Generator(nn.Module):
    """DCGAN generator: (latent, class one-hot) → linear 4x4 → 3 transposed convs → 3x3 conv → tanh. Also the VAE decoder."""

    def __init__(self, latent: int = 64, width: int = 32, classes: int = NUM_CLASSES):
        super().__init__()
        self.latent, self.width = latent, width
        self.fc = nn.Linear(latent + classes, width * 8 * 4 * 4)
        self.bn0 = nn.BatchNorm2d(width * 8)
        self.up1 = nn.ConvTranspose2d(width * 8, width * 4, 4, 2, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(width * 4)
        self.up2 = nn.ConvTranspose2d(width * 4, width * 2, 4, 2, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(width * 2)
        self.up3 = nn.ConvTranspose2d(width * 2, width, 4, 2, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(width)
        self.out = nn.Conv2d(width, CHANNELS, 3, 1, 1)

    def forward(self, z: torch.Tensor, onehot: torch.Tensor) -> torch.Tensor:
        h = self.fc(torch.cat([z, onehot], dim=1)).view(-1, self.width * 8, 4, 4)
        h = F.relu(self.bn0(h))
        h = F.relu(self.bn1(self.up1(h)))
        h = F.relu(self.bn2(self.up2(h)))
        h = F.relu(self.bn3(self.up3(h)))
        return torch.tanh(self.out(h))


class Discriminator(nn.Module):
    """Spectral-norm conv discriminator with a projection head for the class (Miyato & Koyama 2018)."""

    def __init__(self, width: int = 32, classes: int = NUM_CLASSES):
        super().__init__()
        self.c0 = sn(nn.Conv2d(CHANNELS, width, 3, 1, 1))
        self.c1 = sn(nn.Conv2d(width, width * 2, 4, 2, 1))  # 16
        self.c2 = sn(nn.Conv2d(width * 2, width * 4, 4, 2, 1))  # 8
        self.c3 = sn(nn.Conv2d(width * 4, width * 8, 4, 2, 1))  # 4
        self.linear = sn(nn.Linear(width * 8, 1))
        self.embed = sn(nn.Embedding(classes, width * 8))

    def forward(self, x: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        h = F.leaky_relu(self.c0(x), 0.1)
        h = F.leaky_relu(self.c1(h), 0.1)
        h = F.leaky_relu(self.c2(h), 0.1)
        h = F.leaky_relu(self.c3(h), 0.1)
        h = h.sum(dim=(2, 3))
        return self.linear(h).squeeze(1) + (self.embed(labels) * h).sum(dim=1)


class Encoder(nn.Module):
    """VAE encoder: image → (mean, logvar). Unconditional, so a user's image can be encoded without knowing its class."""

    def __init__(self, latent: int = 64, width: int = 32):
        super().__init__()
        self.c1 = nn.Conv2d(CHANNELS, width, 4, 2, 1)  # 16
        self.c2 = nn.Conv2d(width, width * 2, 4, 2, 1)  # 8
        self.c3 = nn.Conv2d(width * 2, width * 4, 4, 2, 1)  # 4
        self.mean = nn.Linear(width * 4 * 16, latent)
        self.logvar = nn.Linear(width * 4 * 16, latent)

    def forward(self, x: torch.Tensor):
        h = F.leaky_relu(self.c1(x), 0.1)
        h = F.leaky_relu(self.c2(h), 0.1)
        h = F.leaky_relu(self.c3(h), 0.1).flatten(1)
        return self.mean(h), self.logvar(h)
