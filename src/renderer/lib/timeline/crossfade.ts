import { allTracks, clipEnd, type Timeline } from '../../../shared/timeline/timeline';

/** What the Crossfade button does for a clip: add one into the clip right after it, remove the one it has, or nothing. */
export type CrossfadeAction = { kind: 'add'; afterClipId: string } | { kind: 'remove'; afterClipId: string } | null;

/** A crossfade joins a clip to the next clip on its track when they touch (or already overlap by a crossfade). */
export function crossfadeAction(timeline: Timeline, clipId: string): CrossfadeAction {
  for (const track of allTracks(timeline)) {
    const index = track.clips.findIndex((clip) => clip.id === clipId);
    if (index < 0) continue;
    if (track.transitions.some((t) => t.afterClipId === clipId)) return { kind: 'remove', afterClipId: clipId };
    const clip = track.clips[index]!;
    const next = track.clips[index + 1];
    return next && next.start === clipEnd(clip) ? { kind: 'add', afterClipId: clipId } : null;
  }
  return null;
}

/** Half a second, the length editors reach for first, in whole frames of the sequence. */
export function defaultCrossfadeFrames(rate: { num: number; den: number }): number {
  return Math.max(1, Math.round((rate.num / rate.den) * 0.5));
}

/** Where each crossfade of a track is drawn: the overlap of its two clips, in frames. */
export function crossfadeSpans(
  track: { clips: readonly { id: string; start: number; duration: number }[]; transitions: readonly { afterClipId: string; duration: number }[] },
): { afterClipId: string; start: number; duration: number }[] {
  return track.transitions.flatMap((transition) => {
    const clip = track.clips.find((c) => c.id === transition.afterClipId);
    return clip ? [{ afterClipId: transition.afterClipId, start: clipEnd(clip) - transition.duration, duration: transition.duration }] : [];
  });
}
