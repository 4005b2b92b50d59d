import type { AudioFrameClassifierModel } from '../../inference/models/silero-vad';
import type { FeedMap, ModelRunner } from '../../inference/tensor';

/**
 * Silero VAD over many parts of one recording at once. The recording is cut into parts (see quiet-splits.ts), each
 * run from a fresh model state; the parts are dealt to lanes, and every model call carries the next `steps` frames of
 * each lane that has them ready, as rows of a batch (input [N, steps, context + frame], state [2, N, 128]; the bundled
 * model runs a row's steps in order, carrying its state): a 30-minute file takes a few hundred calls instead of
 * 56,000. The decoded samples are in a raw float32 file, which the inference host reads the frames from itself (a
 * framed-file feed), so the audio is not copied through the message port. Parts arrive while the audio is still
 * decoding (PartFeed), and a lane runs as far as the decoded audio and its part's known end allow; a lane that has to
 * wait sits out the call.
 *
 * Within a part the model's contract is kept exactly as SileroVad keeps it for one stream: every frame comes with
 * the 64 samples before it and the state the previous frame returned. A part starts `prerollFrames` before its split
 * point, those results dropped, so the fresh state has heard the noise floor when the part's own frames come. The
 * result depends on the parts only, never on how they were batched: one lane gives what a hundred give.
 */

export interface VadPart {
  /** The frame the part runs from (its preroll). */
  first: number;
  /** The first frame whose result is kept. */
  keepFrom: number;
  /** The frame after its last; null until the next split is decided. */
  end: number | null;
  /** While `end` is unknown, frames before this certainly belong to the part. */
  surelyBefore: number;
}

/** The parts and decoded audio as they become known. */
export interface PartFeed {
  /** The next part no lane has taken yet, or null. */
  take(): VadPart | null;
  /** Whole frames that can be read: their samples are in the sample file. */
  readonly readableFrames: number;
  /** True once decoding has ended and every part is known. */
  readonly complete: boolean;
  /** Settles when something above changes; rejects when decoding failed. */
  changed(): Promise<void>;
}

export interface BatchedVadOptions {
  /** Most rows in one batch, over all groups. */
  maxLanes: number;
  /**
   * Batches in flight at once, each over its share of the lanes: while one batch runs, the others' results travel
   * back and their next calls are prepared, so the host always has one waiting.
   */
  groups: number;
  signal?: AbortSignal;
  /** Frames of each lane per call. */
  steps: number;
  /** Each frame's speech probability, as it is known (frames arrive in no particular order). */
  onProbability: (frame: number, probability: number) => void;
}

/**
 * Runs the model over the parts `feed` deals, reading their samples from `sampleFile` (mono float32 at the model's
 * rate, as decoded so far; before its start and past its end is silence).
 */
export async function runBatchedVad(runner: ModelRunner, model: AudioFrameClassifierModel, sampleFile: string, feed: PartFeed, options: BatchedVadOptions): Promise<void> {
  const groups = Math.max(1, Math.min(options.groups, options.maxLanes));
  const lanesPerGroup = Math.max(1, Math.floor(options.maxLanes / groups));
  await Promise.all(Array.from({ length: groups }, () => runGroup(runner, model, sampleFile, feed, lanesPerGroup, options)));
}

class Lane {
  frame: number;
  readonly state: Float32Array;

  constructor(
    readonly part: VadPart,
    stateSize: number,
  ) {
    this.frame = part.first;
    this.state = new Float32Array(stateSize);
  }

  /**
   * Whether the lane can run its next `steps` frames: the first is in its part, all are decoded (or decoding ended:
   * past the end is silence), and while the part's end is unknown, all are surely in the part. Frames past a known
   * end are run too and their results dropped, which costs less than a call of their own.
   */
  ready(readableFrames: number, complete: boolean, steps: number): boolean {
    const { end, surelyBefore } = this.part;
    if (this.frame >= (end ?? surelyBefore)) return false;
    if (end === null && this.frame + steps > surelyBefore) return false;
    return complete || this.frame + steps <= readableFrames;
  }

  get done(): boolean {
    return this.part.end !== null && this.frame >= this.part.end;
  }

  /** Whether the lane's frame `frame` is one whose result is kept. */
  keeps(frame: number): boolean {
    return frame >= this.part.keepFrom && (this.part.end === null || frame < this.part.end);
  }

}

async function runGroup(
  runner: ModelRunner,
  model: AudioFrameClassifierModel,
  sampleFile: string,
  feed: PartFeed,
  maxLanes: number,
  options: BatchedVadOptions,
): Promise<void> {
  const names = modelNames(model);
  const window = model.contextSamples + model.frameSamples;
  const [layers, , width] = stateShape(model);
  const sampleRate = BigInt64Array.of(BigInt(model.sampleRate));
  const steps = options.steps;
  let lanes: Lane[] = [];
  for (;;) {
    options.signal?.throwIfAborted();
    while (lanes.length < maxLanes) {
      const part = feed.take();
      if (!part) break;
      lanes.push(new Lane(part, layers * width));
    }
    const complete = feed.complete;
    // Decoding has ended: every frame reads, those past the end as silence. Before, a lane's frames are all decoded.
    const readable = complete ? Number.POSITIVE_INFINITY : feed.readableFrames;
    const batch = lanes.filter((lane) => lane.ready(readable, complete, steps));
    if (batch.length === 0) {
      if (lanes.length === 0 && complete) return;
      await feed.changed();
      continue;
    }
    const rows = batch.length;
    const state = new Float32Array(layers * rows * width);
    for (let row = 0; row < rows; row++) {
      const lane = batch[row]!;
      for (let layer = 0; layer < layers; layer++) state.set(lane.state.subarray(layer * width, (layer + 1) * width), (layer * rows + row) * width);
    }
    const feeds: FeedMap = {
      // Each frame is the context samples before it followed by its own.
      [names.audio]: {
        type: 'float32-frames-file',
        file: sampleFile,
        rowStarts: batch.map((lane) => lane.frame * model.frameSamples - model.contextSamples),
        steps,
        hop: model.frameSamples,
        window,
      },
      [names.state]: { type: 'float32', data: state, dims: [layers, rows, width] },
      [names.sampleRate]: { type: 'int64', data: sampleRate, dims: [] },
    };
    const outputs = await runner.run(model.id, feeds, options.signal);
    const probability = outputs[names.probability];
    const nextState = outputs[names.nextState];
    if (probability?.type !== 'float32' || probability.data.length !== steps * rows) {
      throw new Error(`${model.id}: ${names.probability} must hold one float32 per batch row and step, [${rows}, ${steps}]`);
    }
    if (nextState?.type !== 'float32' || nextState.data.length !== state.length) {
      throw new Error(`${model.id}: ${names.nextState} must be float32 [${layers}, ${rows}, ${width}]`);
    }
    for (let row = 0; row < rows; row++) {
      const lane = batch[row]!;
      for (let layer = 0; layer < layers; layer++) lane.state.set(nextState.data.subarray((layer * rows + row) * width, (layer * rows + row + 1) * width), layer * width);
      for (let step = 0; step < steps; step++) {
        if (lane.keeps(lane.frame + step)) options.onProbability(lane.frame + step, probability.data[row * steps + step]!);
      }
      lane.frame += steps;
    }
    lanes = lanes.filter((lane) => !lane.done);
  }
}

function modelNames(model: AudioFrameClassifierModel) {
  const [audio, state, sampleRate] = model.inputs;
  const [probability, nextState] = model.outputs;
  if (!audio || !state || !sampleRate || !probability || !nextState) {
    throw new Error(`${model.id}: a Silero VAD model has inputs (audio, state, sr) and outputs (probability, state)`);
  }
  return { audio: audio.name, state: state.name, sampleRate: sampleRate.name, probability: probability.name, nextState: nextState.name };
}

/** The state's [layers, batch, width]; the manifest gives it for a batch of one. */
function stateShape(model: AudioFrameClassifierModel): [number, number, number] {
  const shape = model.inputs[1]?.shape ?? [];
  const [layers, batch, width] = shape;
  if (shape.length !== 3 || typeof layers !== 'number' || batch !== 1 || typeof width !== 'number') {
    throw new Error(`${model.id}: the state shape must be [layers, 1, width], got [${shape.join(', ')}]`);
  }
  return [layers, batch, width];
}
