/**
 * Upscaling throughput and the pipeline's overhead, measured in the same run, median of BENCH_ROUNDS, rounds
 * interleaved so a busy machine slows all alike:
 *
 *   bare session.run   the tiles upscaleFile feeds the model (recorded from a run), run straight through an onnxruntime
 *                      InferenceSession in this process with the host's session options: the floor
 *   upscaleFile, in process   the engine's code path (ffmpeg decode, tiling, blending, ffmpeg encode) on that session
 *   upscaleFile, host         the same through the inference host process, as the app runs it
 *
 * on a real photograph (test/media/photos.ts, BENCH_SIZE, 512x320 unless told) with RDN slim ×2, slim ×4 and medium ×2,
 * and on a 1-second 160x90 25 fps clip with slim ×2. Throughput in megapixels per second of input and of output.
 *
 *   npx tsx bench/upscale.bench.ts        BENCH_ROUNDS=3 (default)  BENCH_SIZE=512x320
 */
import { createRequire } from 'node:module';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { standaloneInference } from '../src/main/engine/analysis/speech/local-vad';
import { locateTool } from '../src/main/engine/ffmpeg/locate';
import { runFfmpeg } from '../src/main/engine/ffmpeg/run-ffmpeg';
import { upscaleFile } from '../src/main/engine/generate/upscale-file';
import { threadCounts } from '../src/main/engine/inference/execution-providers';
import { resolveFeeds } from '../src/main/engine/inference/framed-file-feed';
import type { ImageToImageModel } from '../src/main/engine/inference/models/image-upscale';
import { BUNDLED_MODELS_DIR, bundledModel } from '../src/main/engine/inference/models/onnx-direct-runner';
import { toTensorData } from '../src/main/engine/inference/ort-runtime';
import type { ModelRunner, TensorMap } from '../src/main/engine/inference/tensor';
import { probeFile } from '../src/main/engine/media/probe';
import type { MediaInfo } from '../src/shared/media';
import { realPhotos } from '../test/media/photos';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const [WIDTH, HEIGHT] = (process.env.BENCH_SIZE ?? '512x320').split('x').map(Number) as [number, number];
const CLIP = { width: 160, height: 90, fps: 25, seconds: 1 };
const ffmpeg = locateTool('ffmpeg').path;
const ffprobe = locateTool('ffprobe').path;
// require, not import(): onnxruntime-node is CommonJS (as in ort-runtime.ts).
const ort = createRequire(import.meta.url)('onnxruntime-node') as typeof import('onnxruntime-node');
ort.env.logLevel = 'error';
const intraOpThreads = threadCounts(os.availableParallelism()).intraOp;

/** A ModelRunner over one in-process session opened with the options the inference host uses. */
class BareSessionRunner implements ModelRunner {
  private constructor(private readonly session: InferenceSession) {}

  static async open(model: ImageToImageModel): Promise<BareSessionRunner> {
    const session = await ort.InferenceSession.create(path.join(BUNDLED_MODELS_DIR, model.file), {
      executionProviders: ['cpu'],
      intraOpNumThreads: intraOpThreads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
    return new BareSessionRunner(session);
  }

  async run(_modelId: string, feeds: TensorMap): Promise<TensorMap> {
    return this.convert(await this.session.run(this.tensors(feeds)));
  }

  /** Only session.run, with the feeds already made into tensors: the floor the pipeline is compared with. */
  async runBare(feeds: Record<string, Tensor>[]): Promise<void> {
    for (const feed of feeds) await this.session.run(feed);
  }

  tensors(feeds: TensorMap): Record<string, Tensor> {
    const tensors: Record<string, Tensor> = {};
    for (const [name, tensor] of Object.entries(feeds)) tensors[name] = new ort.Tensor(tensor.type, tensor.data, tensor.dims);
    return tensors;
  }

  release(): Promise<void> {
    return this.session.release();
  }

  private convert(results: InferenceSession.ReturnType): TensorMap {
    const outputs: TensorMap = {};
    for (const [name, tensor] of Object.entries(results)) outputs[name] = toTensorData(name, tensor);
    return outputs;
  }
}

/** Passes runs through and keeps a copy of every feed: the exact tiles upscaleFile asks for. */
function recording(inner: ModelRunner, feeds: TensorMap[]): ModelRunner {
  return {
    run: (modelId, tensorFeeds, signal) => {
      const copy: TensorMap = {};
      for (const [name, tensor] of Object.entries(resolveFeeds(tensorFeeds))) copy[name] = { ...tensor, data: tensor.data.slice() } as TensorMap[string];
      feeds.push(copy);
      return inner.run(modelId, tensorFeeds, signal);
    },
  };
}

interface Case {
  label: string;
  modelId: string;
  input: string;
  media: MediaInfo;
  /** Input pixels per run: width × height × frames. */
  pixels: number;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return (performance.now() - started) / 1000;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const work = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-bench-upscale-'));
const inference = standaloneInference(path.join(work, 'config'));
try {
  const photo = realPhotos()[0]!;
  const image = path.join(work, 'photo.png');
  await runFfmpeg({ program: ffmpeg, args: ['-i', photo.path, '-frames:v', '1', '-vf', `scale=${WIDTH}:${HEIGHT}:force_original_aspect_ratio=increase:flags=area,crop=${WIDTH}:${HEIGHT},setsar=1`, '-y', image] });
  const clip = path.join(work, 'clip.mp4');
  await runFfmpeg({
    program: ffmpeg,
    args: [
      '-f', 'lavfi', '-i', `testsrc2=s=${CLIP.width}x${CLIP.height}:r=${CLIP.fps}:d=${CLIP.seconds}`,
      '-f', 'lavfi', '-i', `sine=f=440:d=${CLIP.seconds}`,
      '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', '-y', clip,
    ],
  });
  const imageMedia = await probeFile(ffprobe, image);
  const clipMedia = await probeFile(ffprobe, clip);
  const clipPixels = CLIP.width * CLIP.height * CLIP.fps * CLIP.seconds;
  const cases: Case[] = [
    { label: `photo ${WIDTH}x${HEIGHT}, slim ×2`, modelId: 'rdn-slim-x2', input: image, media: imageMedia, pixels: WIDTH * HEIGHT },
    { label: `photo ${WIDTH}x${HEIGHT}, slim ×4`, modelId: 'rdn-slim-x4', input: image, media: imageMedia, pixels: WIDTH * HEIGHT },
    { label: `photo ${WIDTH}x${HEIGHT}, medium ×2`, modelId: 'rdn-medium-x2', input: image, media: imageMedia, pixels: WIDTH * HEIGHT },
    { label: `clip ${CLIP.width}x${CLIP.height} ${CLIP.seconds} s ${CLIP.fps} fps, slim ×2`, modelId: 'rdn-slim-x2', input: clip, media: clipMedia, pixels: clipPixels },
  ];

  console.log(`upscaling benchmark: ${os.availableParallelism()} cores, ${intraOpThreads} intra-op threads (as the host), median of ${ROUNDS}`);
  for (const benchCase of cases) {
    const model = bundledModel(benchCase.modelId, 'image-to-image');
    const session = await BareSessionRunner.open(model);
    const extension = benchCase.media.kind === 'video' ? '.mp4' : '.png';
    const output = path.join(work, `out${extension}`);
    const options = { ffmpeg, model, media: benchCase.media };
    try {
      // One untimed run of each: records the tiles, opens the host's session, warms both.
      const recorded: TensorMap[] = [];
      await upscaleFile(benchCase.input, output, { ...options, runner: recording(session, recorded) });
      await upscaleFile(benchCase.input, output, { ...options, runner: inference });
      const feeds = recorded.map((feed) => session.tensors(feed));
      const times = { bare: [] as number[], inProcess: [] as number[], host: [] as number[] };
      for (let round = 0; round < ROUNDS; round++) {
        times.bare.push(await timed(() => session.runBare(feeds)));
        times.inProcess.push(await timed(() => upscaleFile(benchCase.input, output, { ...options, runner: session })));
        times.host.push(await timed(() => upscaleFile(benchCase.input, output, { ...options, runner: inference })));
      }
      const floor = median(times.bare);
      const outputPixels = benchCase.pixels * model.scale * model.scale;
      console.log(`\n${benchCase.label}: ${recorded.length} tiles of ${model.tileSize}x${model.tileSize}`);
      const row = (name: string, seconds: number) =>
        console.log(
          `  ${name.padEnd(28)} ${seconds.toFixed(2).padStart(7)} s  ${(benchCase.pixels / seconds / 1e6).toFixed(3).padStart(6)} MP/s in  ` +
            `${(outputPixels / seconds / 1e6).toFixed(3).padStart(6)} MP/s out  ${(seconds / floor).toFixed(2)}× bare`,
        );
      row('bare session.run', floor);
      row('upscaleFile, in process', median(times.inProcess));
      row('upscaleFile, host process', median(times.host));
    } finally {
      await session.release();
    }
  }
} finally {
  inference.dispose();
  await fs.rm(work, { recursive: true, force: true });
}
