import type { FrameRate } from '../../../../shared/video-format';

/**
 * How the segments of one layer or track are read from their sources. A read is one ffmpeg input, decoded once
 * from its seek point onwards and split among the segments it serves.
 *
 * A segment continues the read of the previous segment from the same source on its track when it starts at or after
 * the point that read has reached and no more than SEEK_GAP_SECONDS beyond it: decoding through the skipped stretch
 * is then no slower than seeking, which decodes from the keyframe before the seek point (on average half a GOP).
 * Measured on 1080p30 H.264 with 250-frame GOPs (ffmpeg 5.1, 2 cores): a 2 s or 5 s skip costs the same as a seek,
 * a 10 s skip 15% more, a 20 s skip 50% more. Fewer inputs also means fewer decoders held in memory. Anything
 * else (an earlier part of the source, a far jump) starts a new read with an input seek.
 */
export const SEEK_GAP_SECONDS = 5;

/** A new read seeks a frame early so that the exact first frame never depends on how ffmpeg rounds the seek point. */
const SEEK_MARGIN_FRAMES = 1;

/**
 * A read seeks no later than this before its source's end. A read that seeks to or past the last frame decodes
 * nothing, so `tpad` has no frame to repeat and `apad` no timestamp to go on from: its segments come out empty or
 * mistimed and end their track early, and ffmpeg writes a file shorter than the plan while exiting 0, or fails with
 * "Invalid data" where `asegment` deals the read out (FFmpeg 5.1). Read from before the end, a segment past it holds
 * the source's last frame and is silent, like a segment that runs on past the end (and like the preview, whose
 * player stops on the last frame). Seconds, not a frame, because a stream can end before its container's duration
 * (a picture stopping a little before its sound, a slow frame rate); the extra decoding touches only reads in a
 * source's last two seconds and costs little next to the seek itself (half a GOP on average).
 */
const SEEK_END_MARGIN_SECONDS = 2;

export interface ReadSegment {
  source: string;
  sourceStart: number;
  timelineStart: number;
  duration: number;
}

/** What reading a source depends on. */
export interface ReadSource {
  /** A still image: read looped at the plan's rate, never seeked. */
  still: boolean;
  /** Seconds the source lasts, by its container (as the timeline measures media); null when unknown. */
  duration: number | null;
}

export interface SourceRead {
  source: string;
  /** A still image: read looped at the plan's rate; its segments start at its first frame whatever their sourceStart. */
  still: boolean;
  /** Frames (at the plan's rate) skipped by seeking the input; 0 reads from the start. */
  seek: number;
  /** The first source frame (at the plan's rate) no segment needs. */
  end: number;
  segments: ReadSegment[];
}

export interface TrackReads {
  reads: SourceRead[];
  /** For each segment of the track, the index of the read that serves it. */
  readOfSegment: number[];
}

export function planTrackReads(
  segments: readonly ReadSegment[],
  rate: FrameRate,
  source: (file: string) => ReadSource,
): TrackReads {
  const gapFrames = Math.ceil((SEEK_GAP_SECONDS * rate.num) / rate.den);
  const reads: SourceRead[] = [];
  const readOfSegment: number[] = [];
  const openReads = new Map<string, number>();
  for (const segment of segments) {
    const { still, duration } = source(segment.source);
    const segmentEnd = segment.sourceStart + segment.duration;
    const open = still ? undefined : openReads.get(segment.source);
    const current = open === undefined ? undefined : reads[open];
    if (open !== undefined && current && segment.sourceStart >= current.end && segment.sourceStart - current.end <= gapFrames) {
      current.end = segmentEnd;
      current.segments.push(segment);
      readOfSegment.push(open);
      continue;
    }
    const seek = still || segment.sourceStart <= gapFrames ? 0 : Math.min(segment.sourceStart - SEEK_MARGIN_FRAMES, lastSeek(duration, rate));
    reads.push({ source: segment.source, still, seek, end: still ? segment.duration : segmentEnd, segments: [segment] });
    readOfSegment.push(reads.length - 1);
    if (!still) openReads.set(segment.source, reads.length - 1);
  }
  return { reads, readOfSegment };
}

/** The latest frame a read of a source lasting `duration` seconds seeks to (see SEEK_END_MARGIN_SECONDS). */
function lastSeek(duration: number | null, rate: FrameRate): number {
  if (duration === null) return Infinity;
  return Math.max(0, Math.floor(((duration - SEEK_END_MARGIN_SECONDS) * rate.num) / rate.den));
}

/** Where `offset` frames into a segment lies in its read's decoded stream (frame 0 is the read's seek point). */
export function readPosition(read: SourceRead, segment: ReadSegment, offset: number): number {
  return read.still ? offset : segment.sourceStart + offset - read.seek;
}

/** Reads that can share one input: same source, seek, end and segments, so their streams are consumed in step. */
export function sameRead(a: SourceRead, b: SourceRead): boolean {
  return (
    a.source === b.source &&
    a.still === b.still &&
    a.seek === b.seek &&
    a.end === b.end &&
    a.segments.length === b.segments.length &&
    a.segments.every((s, i) => {
      const other = b.segments[i]!;
      return s.sourceStart === other.sourceStart && s.timelineStart === other.timelineStart && s.duration === other.duration;
    })
  );
}

/** A stretch of a read's decoded stream (in its samples or frames) that one tap takes, [start, end). */
export interface TapRange {
  /** Where the stretch goes out, its timestamps restarted at 0. */
  label: string;
  start: number;
  end: number;
  /** The tap feeds a crossfade. */
  fades: boolean;
  /** Filters the stretch goes through after the cut (volume, scaling). */
  then: readonly string[];
}

/**
 * The filters that deal a read's stream out to its taps. With one tap, the stream goes to it whole and is trimmed.
 * With several in stream order, not overlapping (a dead-air cut: hundreds of pieces of one talk), the stream is cut
 * at their edges by `asegment`/`segment`, so every frame goes to one tap only, already cut where the tap needs it, and
 * the stream ends after the last: with `asplit`/`split` each tap would receive, and the graph buffer, the whole stream
 * (340 cuts of 30 minutes took 33 s to render, against under a second cut in one pass). Taps out of order (a source
 * used again earlier) still split and trim, and so do reads that feed a crossfade: acrossfade loses the overlap when
 * its input is an asegment output (FFmpeg 5.1).
 */
export function dealRead(
  writer: { label(prefix: string): string; chain(inputs: readonly string[], filters: readonly string[], outputs: readonly string[]): void },
  input: string,
  prepare: readonly string[],
  taps: readonly TapRange[],
  kind: 'audio' | 'video',
): void {
  const [trim, setpts, split, segment] = kind === 'audio' ? ['atrim', 'asetpts', 'asplit', 'asegment'] : ['trim', 'setpts', 'split', 'segment'];
  const restart = `${setpts}=PTS-STARTPTS`;
  const trimmed = (tap: TapRange) => [`${trim}=start_pts=${tap.start}:end_pts=${tap.end}`, restart, ...tap.then];
  const ordered = taps.every((tap, i) => tap.end > tap.start && (i === 0 || tap.start >= taps[i - 1]!.end));
  if (taps.length === 1) {
    writer.chain([input], [...prepare, ...trimmed(taps[0]!)], [taps[0]!.label]);
    return;
  }
  if (taps.length === 0) return;
  if (!ordered || taps.some((tap) => tap.fades)) {
    const branches = taps.map(() => writer.label(split));
    writer.chain([input], [...prepare, `${split}=${taps.length}`], branches);
    taps.forEach((tap, i) => writer.chain([branches[i]!], trimmed(tap), [tap.label]));
    return;
  }
  const points: number[] = [];
  const outputs: string[] = [];
  const dropped: string[] = [];
  let at = 0;
  for (const tap of taps) {
    if (tap.start > at) {
      const drop = writer.label(kind === 'audio' ? 'adrop' : 'vdrop');
      outputs.push(drop);
      dropped.push(drop);
      points.push(tap.start);
    }
    const piece = writer.label(segment);
    outputs.push(piece);
    writer.chain([piece], [restart, ...tap.then], [tap.label]);
    points.push(tap.end);
    at = tap.end;
  }
  // The stream ends where the last tap does; the output after the last point then only sees its end.
  const tail = writer.label(kind === 'audio' ? 'adrop' : 'vdrop');
  outputs.push(tail);
  dropped.push(tail);
  const last = points.at(-1)!;
  writer.chain(
    [input],
    kind === 'audio'
      ? [...prepare, `atrim=end_sample=${last}`, `asegment=samples=${points.join('|')}`]
      : [...prepare, `trim=end_frame=${last}`, `segment=frames=${points.join('|')}`],
    outputs,
  );
  for (const drop of dropped) writer.chain([drop], [kind === 'audio' ? 'anullsink' : 'nullsink'], []);
}
