/**
 * Streaming voice-activity detection with Silero VAD v5: feed 16 kHz mono samples in chunks of any length, get one
 * speech probability per 512-sample frame (32 ms).
 *
 * The model's contract, which it does not enforce (any length goes in without complaint): every call gets the last
 * 64 samples of the previous frame followed by the 512 new ones (576 in all), and the recurrent state it returned
 * last time, as upstream's `OnnxWrapper` does. This class owns both and carries them across calls until `reset()`.
 */

import type { ModelEntry } from '../../../../shared/models/manifest';
import type { ModelRunner, TensorMap } from '../tensor';

export type AudioFrameClassifierModel = Extract<ModelEntry, { task: 'audio-frame-classifier' }>;

export class SileroVad {
  readonly frameSamples: number;
  readonly sampleRate: number;
  private readonly contextSamples: number;
  private readonly stateDims: number[];
  private readonly names: { audio: string; state: string; sampleRate: string; probability: string; nextState: string };
  private state: Float32Array;
  /** The 64 context samples followed by the frame being filled. */
  private window: Float32Array;
  private filled = 0;
  /** Calls run one after another: each needs the state the previous one returned. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly runner: ModelRunner,
    private readonly model: AudioFrameClassifierModel,
  ) {
    const [audio, state, sampleRate] = model.inputs;
    const [probability, nextState] = model.outputs;
    if (!audio || !state || !sampleRate || !probability || !nextState) {
      throw new Error(`${model.id}: a Silero VAD model has inputs (audio, state, sr) and outputs (probability, state)`);
    }
    if (!state.shape.every((dim): dim is number => typeof dim === 'number')) {
      throw new Error(`${model.id}: the state shape must be fixed, got [${state.shape.join(', ')}]`);
    }
    this.names = {
      audio: audio.name,
      state: state.name,
      sampleRate: sampleRate.name,
      probability: probability.name,
      nextState: nextState.name,
    };
    this.frameSamples = model.frameSamples;
    this.contextSamples = model.contextSamples;
    this.sampleRate = model.sampleRate;
    this.stateDims = state.shape;
    this.state = new Float32Array(this.stateSize());
    this.window = new Float32Array(this.contextSamples + this.frameSamples);
  }

  /** Forgets the stream: zero state, zero context, no buffered samples. Waits for calls already running. */
  async reset(): Promise<void> {
    await this.enqueue(async () => {
      this.state = new Float32Array(this.stateSize());
      this.window = new Float32Array(this.contextSamples + this.frameSamples);
      this.filled = 0;
    });
  }

  /**
   * Adds samples (mono, `sampleRate`, in [-1, 1]) and returns the speech probability of every frame they complete,
   * in order; samples past the last complete frame wait for the next call.
   */
  push(samples: Float32Array, signal?: AbortSignal): Promise<Float32Array> {
    const copy = samples.slice();
    return this.enqueue(async () => {
      const probabilities: number[] = [];
      let read = 0;
      while (read < copy.length) {
        const taken = Math.min(copy.length - read, this.frameSamples - this.filled);
        this.window.set(copy.subarray(read, read + taken), this.contextSamples + this.filled);
        this.filled += taken;
        read += taken;
        if (this.filled === this.frameSamples) probabilities.push(await this.runFrame(signal));
      }
      return Float32Array.from(probabilities);
    });
  }

  /** At the end of a stream: the probability of the samples still buffered, padded with silence; none if none. */
  flush(signal?: AbortSignal): Promise<Float32Array> {
    return this.enqueue(async () => {
      if (this.filled === 0) return new Float32Array(0);
      this.window.fill(0, this.contextSamples + this.filled);
      return Float32Array.of(await this.runFrame(signal));
    });
  }

  private async runFrame(signal: AbortSignal | undefined): Promise<number> {
    const feeds: TensorMap = {
      [this.names.audio]: { type: 'float32', data: this.window.slice(), dims: [1, 1, this.window.length] },
      [this.names.state]: { type: 'float32', data: this.state, dims: this.stateDims },
      [this.names.sampleRate]: { type: 'int64', data: BigInt64Array.of(BigInt(this.sampleRate)), dims: [] },
    };
    const outputs = await this.runner.run(this.model.id, feeds, signal);
    const probability = outputs[this.names.probability];
    const nextState = outputs[this.names.nextState];
    if (probability?.type !== 'float32' || probability.data.length !== 1) {
      throw new Error(`${this.model.id}: ${this.names.probability} must be one float32`);
    }
    if (nextState?.type !== 'float32' || nextState.data.length !== this.state.length) {
      throw new Error(`${this.model.id}: ${this.names.nextState} must be float32 [${this.stateDims.join(', ')}]`);
    }
    this.state = nextState.data;
    // The frame's last samples become the next call's context.
    this.window.copyWithin(0, this.frameSamples, this.frameSamples + this.contextSamples);
    this.filled = 0;
    return probability.data[0] ?? 0;
  }

  private stateSize(): number {
    return this.stateDims.reduce((product, dim) => product * dim, 1);
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    // A failed call must not block the ones after it.
    this.queue = result.catch(() => undefined);
    return result;
  }
}
