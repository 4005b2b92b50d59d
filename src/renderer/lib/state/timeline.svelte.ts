import { markedRange } from '../preview/marked-range';

/**
 * Which sequence the timeline editor has open, where its playhead is, and its In and Out points. Kept outside the
 * view so that switching to the gallery and back keeps them, and so the gallery's "Add to timeline" knows which
 * sequence to add to.
 */
export class TimelineState {
  /** The sequence open in the editor; null opens the first one. */
  openSequenceId = $state<string | null>(null);
  /** The playhead, in frames of the open sequence. */
  playhead = $state(0);
  /** First frame of the marked range (I), or null. */
  inPoint = $state<number | null>(null);
  /** The frame after the marked range (O marks the frame under the playhead as the last one), or null. */
  outPoint = $state<number | null>(null);
  /** Exports started from the timeline, newest last, so their progress shows beside the preview. */
  exports = $state.raw<{ jobId: string; fileName: string }[]>([]);

  open(sequenceId: string): void {
    if (this.openSequenceId !== sequenceId) {
      this.playhead = 0;
      this.inPoint = null;
      this.outPoint = null;
    }
    this.openSequenceId = sequenceId;
  }

  /** Sets the In point; an Out point before it is cleared, as the range would be empty. */
  markIn(frame: number): void {
    this.inPoint = frame;
    if (this.outPoint !== null && this.outPoint <= frame) this.outPoint = null;
  }

  /** Marks `frame` as the range's last frame. */
  markOut(frame: number): void {
    this.outPoint = frame + 1;
    if (this.inPoint !== null && this.inPoint >= this.outPoint) this.inPoint = null;
  }

  /** The marked range within a sequence `duration` frames long, or null when nothing is marked. */
  range(duration: number): { from: number; to: number } | null {
    return markedRange(this.inPoint, this.outPoint, duration);
  }

  /** Another project opened: its sequences are not this one's. */
  reset(): void {
    this.openSequenceId = null;
    this.playhead = 0;
    this.inPoint = null;
    this.outPoint = null;
    this.exports = [];
  }
}
