/**
 * Which sequence the timeline editor has open and where its playhead is. Kept outside the view so that switching to
 * the gallery and back keeps them, and so the gallery's "Add to timeline" knows which sequence to add to.
 */
export class TimelineState {
  /** The sequence open in the editor; null opens the first one. */
  openSequenceId = $state<string | null>(null);
  /** The playhead, in frames of the open sequence. */
  playhead = $state(0);

  open(sequenceId: string): void {
    if (this.openSequenceId !== sequenceId) this.playhead = 0;
    this.openSequenceId = sequenceId;
  }

  /** Another project opened: its sequences are not this one's. */
  reset(): void {
    this.openSequenceId = null;
    this.playhead = 0;
  }
}
