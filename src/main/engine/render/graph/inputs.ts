import type { FrameRate } from '../../../../shared/video-format';
import { sameRead, type SourceRead } from './reads';
import { rateOption, secondsOption } from './timing';

/** Frames read past a read's last needed frame, so rounding at the end never leaves it short. */
const READ_END_MARGIN_FRAMES = 2;

/** The ffmpeg inputs of a render, in order; a video read and an audio read of the same stretch share one. */
export class InputList {
  private readonly inputs: { args: string[]; read: SourceRead | null }[] = [];

  constructor(private readonly rate: FrameRate) {}

  /** The input index for `read`, adding an input unless an identical read already has one. */
  forRead(read: SourceRead, decoder: readonly string[] = []): number {
    const existing = this.inputs.findIndex((input) => input.read !== null && sameRead(input.read, read));
    if (existing >= 0) return existing;
    const args = read.still
      ? ['-loop', '1', '-framerate', rateOption(this.rate), '-t', secondsOption(read.end + READ_END_MARGIN_FRAMES, this.rate), '-i', read.source]
      : [
          ...(read.seek > 0 ? ['-ss', secondsOption(read.seek, this.rate)] : []),
          '-t', secondsOption(read.end - read.seek + READ_END_MARGIN_FRAMES, this.rate),
          ...decoder,
          '-i', read.source,
        ];
    this.inputs.push({ args, read });
    return this.inputs.length - 1;
  }

  /** An input used whole (an overlay image). */
  forFile(file: string): number {
    this.inputs.push({ args: ['-i', file], read: null });
    return this.inputs.length - 1;
  }

  count(): number {
    return this.inputs.length;
  }

  args(): string[] {
    return this.inputs.flatMap((input) => input.args);
  }
}
