import type { Scene } from '../analysis/scenes';
import { secondsToFrames } from '../timeline/time';
import { newTimeline, type ClipReason, type RemovedRegion, type Timeline, type TimedClip } from '../timeline/timeline';
import type { FrameRate } from '../video-format';
import type { DeadAirPlan } from './dead-air';

/**
 * Automatic edits as ordinary timelines for one asset: a dead-air plan or a scene list becomes clips (each with the
 * reason it exists) laid end to end from frame 0, and every cut-out stretch becomes a removed region at the cut it
 * was taken from, so the timeline shows it as a ghost and `region.restore` puts it back. Runs anywhere.
 *
 * Seconds become frames once, at the boundaries: each boundary between two stretches is rounded to the nearest
 * frame of the sequence (never past the media's last whole frame), and both stretches use that one frame. So
 * neighbouring stretches never overlap or leave a gap, and the clips last exactly the sum of the kept frames.
 */

/** The asset an automatic edit cuts: a video (its clips carry its sound, on V1) or a sound file (clips on A1). */
export interface AutoEditSource {
  assetId: string;
  kind: 'video' | 'audio';
  /** Whole frames of the sequence's rate the media lasts (as `SourceInfo.frames`). */
  frames: number;
}

/** A stretch of the source in frames, kept as a clip or removed as a region. */
export interface FramePiece {
  sourceIn: number;
  /** The frame after the last one. */
  sourceOut: number;
  kept: boolean;
  reason: ClipReason;
}

/** The dead-air plan's stretches in frames at `rate`, in source order; adjacent removed stretches become one. */
export function deadAirPieces(plan: DeadAirPlan, source: AutoEditSource, rate: FrameRate): FramePiece[] {
  const stretches = [
    ...plan.kept.map((k) => ({ start: k.start, end: k.end, keptAs: k.reason })),
    ...plan.removed.map((r) => ({ start: r.start, end: r.end, keptAs: null })),
  ].sort((a, b) => a.start - b.start);
  const frame = boundaryFrame(source, rate);
  const seconds = (frames: number) => (frames * rate.den) / rate.num;
  const pieces: FramePiece[] = [];
  for (const stretch of stretches) {
    const sourceIn = frame(stretch.start);
    const sourceOut = frame(stretch.end);
    if (sourceOut <= sourceIn) continue;
    const last = pieces.at(-1);
    // A kept stretch shorter than half a frame vanishes; the removed ones around it become one cut.
    if (stretch.keptAs === null && last && !last.kept && last.sourceOut === sourceIn) {
      last.sourceOut = sourceOut;
      last.reason = removedPauseReason(seconds(sourceOut - last.sourceIn));
      continue;
    }
    const length = seconds(sourceOut - sourceIn);
    const reason: ClipReason =
      stretch.keptAs === null
        ? removedPauseReason(length)
        : stretch.keptAs === 'pause'
          ? { kind: 'pause', text: `Pause kept (${length.toFixed(1)} s)` }
          : { kind: 'speech', text: `Speech ${clockTime(seconds(sourceIn), 1)}–${clockTime(seconds(sourceOut), 1)}` };
    pieces.push({ sourceIn, sourceOut, kept: stretch.keptAs !== null, reason });
  }
  return pieces;
}

/** One kept stretch per scene, in order; `scenes` are issue 7's, in seconds of the source. */
export function scenePieces(scenes: readonly Pick<Scene, 'start' | 'end'>[], source: AutoEditSource, rate: FrameRate): FramePiece[] {
  const frame = boundaryFrame(source, rate);
  const pieces: FramePiece[] = [];
  for (const scene of [...scenes].sort((a, b) => a.start - b.start)) {
    const sourceIn = Math.max(frame(scene.start), pieces.at(-1)?.sourceOut ?? 0);
    const sourceOut = frame(scene.end);
    if (sourceOut <= sourceIn) continue;
    const text = `Scene ${pieces.length + 1} (${clockTime(scene.start, 0)}–${clockTime(scene.end, 0)})`;
    pieces.push({ sourceIn, sourceOut, kept: true, reason: { kind: 'scene', text } });
  }
  return pieces;
}

/** A dead-air plan as a new sequence's timeline. */
export function deadAirTimeline(plan: DeadAirPlan, source: AutoEditSource, rate: FrameRate, idPrefix = 'auto'): Timeline {
  return timelineFromPieces(deadAirPieces(plan, source, rate), source, idPrefix);
}

/** A scene list as a new sequence's timeline: one clip per scene. */
export function scenesTimeline(scenes: readonly Pick<Scene, 'start' | 'end'>[], source: AutoEditSource, rate: FrameRate, idPrefix = 'auto'): Timeline {
  return timelineFromPieces(scenePieces(scenes, source, rate), source, idPrefix);
}

/**
 * Kept pieces end to end from frame 0 on V1 (a video source) or A1 (a sound file), removed pieces as regions at the
 * cut between the kept pieces around them. Ids are `<prefix>-c<n>` for clips and `<prefix>-r<n>` for regions.
 */
export function timelineFromPieces(pieces: readonly FramePiece[], source: AutoEditSource, idPrefix: string): Timeline {
  const timeline = newTimeline();
  const trackId = source.kind === 'video' ? timeline.videoTracks[0]!.id : timeline.audioTracks[0]!.id;
  const clips: Omit<TimedClip, 'kind'>[] = [];
  const removedRegions: RemovedRegion[] = [];
  let at = 0;
  for (const piece of pieces) {
    const duration = piece.sourceOut - piece.sourceIn;
    const media = { assetId: source.assetId, sourceIn: piece.sourceIn, duration, reason: piece.reason };
    if (piece.kept) {
      clips.push({ id: `${idPrefix}-c${clips.length + 1}`, start: at, volume: 1, ...media });
      at += duration;
    } else {
      removedRegions.push({ id: `${idPrefix}-r${removedRegions.length + 1}`, trackId, frame: at, kind: source.kind, ...media });
    }
  }
  const [video, audio] = [timeline.videoTracks[0]!, timeline.audioTracks[0]!];
  return source.kind === 'video'
    ? { ...timeline, removedRegions, videoTracks: [{ ...video, clips: clips.map((c) => ({ ...c, kind: 'video' as const })) }] }
    : { ...timeline, removedRegions, audioTracks: [{ ...audio, clips: clips.map((c) => ({ ...c, kind: 'audio' as const })) }] };
}

/** 12.4 → "0:12.4", 3725 → "1:02:05" with no decimals: source times on clips and in reports. */
export function clockTime(seconds: number, decimals: 0 | 1): string {
  const scale = 10 ** decimals;
  const units = Math.max(0, Math.round(seconds * scale));
  const whole = Math.floor(units / scale);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  const fraction = decimals > 0 ? `.${units % scale}` : '';
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}${fraction}` : `${m}:${s}${fraction}`;
}

function removedPauseReason(seconds: number): ClipReason {
  return { kind: 'pause', text: `Pause ${seconds.toFixed(1)} s removed` };
}

/** A boundary in seconds as the nearest frame, never past the media's last whole frame. */
function boundaryFrame(source: AutoEditSource, rate: FrameRate): (seconds: number) => number {
  return (seconds) => Math.min(source.frames, secondsToFrames(seconds, rate, 'nearest'));
}
