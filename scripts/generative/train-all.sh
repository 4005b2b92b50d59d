#!/usr/bin/env bash
# Rebuilds the emoji GAN and VAE from scratch: fetch and curate the data, train on ONE CPU thread, export to ONNX in
# resources/models, run the checks (docs/generative-samples.png, nearest-neighbour and diversity figures) and rewrite
# resources/models/models.json. About 2 hours 20 minutes on one core. `npm run models` alone rebuilds the manifest from the
# checked-in ONNX files without training.
#
# Step counts are the ones the checked-in models were trained for; GAN_STEPS / VAE_STEPS / GAN_RESUME_STEPS /
# GAN_TOTAL_STEPS override them.
set -euo pipefail
cd "$(dirname "$0")/../.."
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
PY=${PYTHON:-/usr/bin/python3}
node scripts/generative/fetch-emoji.mjs
"$PY" scripts/generative/prepare-emoji.py
# The checked-in models were trained in this order: GAN for 36 minutes (seed 0), VAE for 10, GAN resumed for 14 more
# (seed 1000, to step 4,324), then resumed again for 76 more (--seed 1, i.e. seed 1001, to step 11,275). Each resume
# restarts Adam and the random stream, so the stages must be run as they were to reproduce the weights.
nice -n 10 "$PY" scripts/generative/train.py gan --steps "${GAN_STEPS:-3005}" --minutes 1000
nice -n 10 "$PY" scripts/generative/train.py vae --steps "${VAE_STEPS:-2363}" --minutes 1000
nice -n 10 "$PY" scripts/generative/train.py gan --resume --steps "${GAN_RESUME_STEPS:-4324}" --minutes 1000
nice -n 10 "$PY" scripts/generative/train.py gan --resume --seed 1 --steps "${GAN_TOTAL_STEPS:-11275}" --minutes 1000
"$PY" scripts/generative/export-onnx.py
"$PY" scripts/generative/checks.py
node scripts/models/build-manifest.mjs
