import { z } from 'zod';
import {
  FrameRateSchema,
  FrameSizeSchema,
  SampleRateSchema,
  type FrameRate,
  type FrameSize,
  type SampleRate,
} from '../video-format';
import { compareMarkers, validateTimeline } from './invariants';
import {
  ClipReasonSchema,
  FrameCountSchema,
  FrameSchema,
  MARKER_COLOURS,
  MAX_CLIPS_PER_TRACK,
  MAX_TRACKS_PER_KIND,
  TimelineIdSchema,
  VolumeSchema,
  TimelineSchema,
  clipEnd,
  type Clip,
  type Marker,
  type RemovedRegion,
  type Timeline,
  type Track,
  type Transition,
} from './timeline';

/**
 * The timeline file: a sequence as a JSON file that scripts and the CLI can write and read, outside any project, so it
 * names media by file path. docs/timeline-format.md is its reference; change both together, and bump the version when
 * an old reader would misread a new file.
 */

export const TIMELINE_FILE_FORMAT = 'reelsmith-timeline';
export const TIMELINE_FILE_VERSION = 1;

/** A media file: absolute, or relative to the folder holding the timeline file. */
const MediaPathSchema = z.string().min(1, 'a media path cannot be empty').max(4096);

const fileClipFields = {
  id: TimelineIdSchema.optional(),
  start: FrameSchema,
  duration: FrameCountSchema,
  /** Frames of crossfade from the clip before this one on the track, which this clip overlaps by that much. */
  crossfadeIn: FrameCountSchema.optional(),
  reason: ClipReasonSchema.optional(),
};
const fileTimedClipFields = {
  ...fileClipFields,
  media: MediaPathSchema,
  sourceIn: FrameSchema.optional(),
  volume: VolumeSchema.optional(),
};
const FileVideoClipSchema = z.strictObject({ kind: z.literal('video'), ...fileTimedClipFields });
const FileAudioClipSchema = z.strictObject({ kind: z.literal('audio'), ...fileTimedClipFields });
const FileImageClipSchema = z.strictObject({ kind: z.literal('image'), ...fileClipFields, media: MediaPathSchema });
const FileTitleClipSchema = z.strictObject({
  kind: z.literal('title'),
  ...fileClipFields,
  text: z.string().min(1).max(2000),
});
const FileRemovedRegionSchema = z.strictObject({
  id: TimelineIdSchema.optional(),
  frame: FrameSchema,
  kind: z.enum(['video', 'audio']),
  media: MediaPathSchema,
  sourceIn: FrameSchema,
  duration: FrameCountSchema,
  reason: ClipReasonSchema.optional(),
});
const FileVideoTrackSchema = z.strictObject({
  id: TimelineIdSchema.optional(),
  muted: z.boolean().optional(),
  hidden: z.boolean().optional(),
  clips: z.array(z.discriminatedUnion('kind', [FileVideoClipSchema, FileImageClipSchema])).max(MAX_CLIPS_PER_TRACK),
  removedRegions: z.array(FileRemovedRegionSchema).max(MAX_CLIPS_PER_TRACK).optional(),
});
const FileAudioTrackSchema = z.strictObject({
  id: TimelineIdSchema.optional(),
  muted: z.boolean().optional(),
  clips: z.array(FileAudioClipSchema).max(MAX_CLIPS_PER_TRACK),
  removedRegions: z.array(FileRemovedRegionSchema).max(MAX_CLIPS_PER_TRACK).optional(),
});
const FileOverlayTrackSchema = z.strictObject({
  id: TimelineIdSchema.optional(),
  hidden: z.boolean().optional(),
  clips: z.array(z.discriminatedUnion('kind', [FileImageClipSchema, FileTitleClipSchema])).max(MAX_CLIPS_PER_TRACK),
});
const FileMarkerSchema = z.strictObject({
  id: TimelineIdSchema.optional(),
  frame: FrameSchema,
  label: z.string().max(200).optional(),
  colour: z.enum(MARKER_COLOURS).optional(),
});

export const TimelineFileSchema = z.strictObject({
  format: z.literal(TIMELINE_FILE_FORMAT),
  version: z.literal(TIMELINE_FILE_VERSION),
  name: z.string().trim().min(1).max(120).optional(),
  frameRate: FrameRateSchema,
  frameSize: FrameSizeSchema,
  sampleRate: SampleRateSchema,
  tracks: z.strictObject({
    video: z.array(FileVideoTrackSchema).max(MAX_TRACKS_PER_KIND),
    audio: z.array(FileAudioTrackSchema).max(MAX_TRACKS_PER_KIND),
    overlay: FileOverlayTrackSchema.optional(),
  }),
  markers: z.array(FileMarkerSchema).max(10_000).optional(),
});
export type TimelineFile = z.infer<typeof TimelineFileSchema>;

export interface TimelineFileProblem {
  /** Where in the JSON, as `tracks.video[0].clips[2].duration`; empty for the file as a whole. */
  path: string;
  message: string;
}

export class TimelineFileError extends Error {
  constructor(readonly problems: TimelineFileProblem[]) {
    const lines = problems.slice(0, 10).map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
    const more = problems.length > 10 ? `\n(and ${problems.length - 10} more)` : '';
    super(`This is not a usable Reelsmith timeline file:\n${lines.join('\n')}${more}`);
    this.name = 'TimelineFileError';
  }
}

export interface ParsedTimelineFile {
  name: string | null;
  frameRate: FrameRate;
  frameSize: FrameSize;
  sampleRate: SampleRate;
  /** Clips refer to media by the asset ids in `media`; swap in real ones with `replaceAssetIds` once it is imported. */
  timeline: Timeline;
  /** Each media file the timeline uses, once, in order of first use, with its path as the file wrote it. */
  media: { assetId: string; path: string }[];
}

/**
 * Reads a timeline file, given as JSON text or the value it parses to. Ids the file leaves out are made up; media is
 * checked for nothing but its path, since its length is known only once it is probed. Throws `TimelineFileError`
 * listing each problem with where it is.
 */
export function parseTimelineFile(input: unknown): ParsedTimelineFile {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new TimelineFileError([{ path: '', message: `It is not JSON (${(error as Error).message})` }]);
    }
  }
  rejectOtherFormats(value);
  const parsed = TimelineFileSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({ path: jsonPath(issue.path), message: issue.message }));
    throw new TimelineFileError(problems);
  }
  return timelineFromFile(parsed.data);
}

/**
 * The file for a sequence. `assetPathById` gives each asset's path as it should be written (relative or absolute).
 * What it writes reads back as the same timeline, ids included.
 */
export function timelineFileFromSequence(
  sequence: { name: string; frameRate: FrameRate; frameSize: FrameSize; timeline: Timeline },
  assetPathById: ReadonlyMap<string, string>,
  sampleRate: SampleRate,
): TimelineFile {
  const pathOf = (assetId: string) => {
    const path = assetPathById.get(assetId);
    if (path === undefined) {
      throw new Error(`Asset ${assetId} is used in “${sequence.name}” but has no file path to write`);
    }
    return path;
  };
  const { timeline } = sequence;
  const fileTrack = (track: Track) => {
    const fades = new Map(track.transitions.map((t) => [t.afterClipId, t.duration]));
    const clips = track.clips.map((clip, index) => {
      const crossfadeIn = fades.get(track.clips[index - 1]?.id ?? '');
      const { assetId, ...rest } = 'assetId' in clip ? clip : { ...clip, assetId: null };
      return {
        ...rest,
        ...(assetId === null ? {} : { media: pathOf(assetId) }),
        ...(crossfadeIn === undefined ? {} : { crossfadeIn }),
      };
    });
    const regions = timeline.removedRegions
      .filter((r) => r.trackId === track.id)
      .map(({ trackId: _, assetId, ...region }) => ({ ...region, media: pathOf(assetId) }));
    const { kind: _, transitions: __, ...flags } = track;
    return { ...flags, clips, ...(regions.length === 0 ? {} : { removedRegions: regions }) };
  };
  // Parsing what was built checks it against the format it promises.
  return TimelineFileSchema.parse({
    format: TIMELINE_FILE_FORMAT,
    version: TIMELINE_FILE_VERSION,
    name: sequence.name,
    frameRate: sequence.frameRate,
    frameSize: sequence.frameSize,
    sampleRate,
    tracks: {
      video: timeline.videoTracks.map(fileTrack),
      audio: timeline.audioTracks.map(fileTrack),
      overlay: fileTrack(timeline.overlayTrack),
    },
    markers: timeline.markers,
  });
}

type FileClip =
  | z.infer<typeof FileVideoClipSchema>
  | z.infer<typeof FileAudioClipSchema>
  | z.infer<typeof FileImageClipSchema>
  | z.infer<typeof FileTitleClipSchema>;

/** Says plainly when the file is some other JSON, or a timeline from a newer Reelsmith, before any detail. */
function rejectOtherFormats(value: unknown): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TimelineFileError([{ path: '', message: 'It should hold a JSON object' }]);
  }
  const { format, version } = value as { format?: unknown; version?: unknown };
  if (format !== TIMELINE_FILE_FORMAT) {
    const message = `It should be "${TIMELINE_FILE_FORMAT}"; this is not a Reelsmith timeline file`;
    throw new TimelineFileError([{ path: 'format', message }]);
  }
  if (typeof version === 'number' && Number.isInteger(version) && version > TIMELINE_FILE_VERSION) {
    const message = `The file is version ${version}, newer than this Reelsmith reads (${TIMELINE_FILE_VERSION}); update Reelsmith`;
    throw new TimelineFileError([{ path: 'version', message }]);
  }
}

function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return text === '' ? String(key) : `${text}.${String(key)}`;
  }, '');
}

/** Builds the timeline from a file that matched the schema, then checks what the schema cannot: overlaps, ids. */
function timelineFromFile(file: TimelineFile): ParsedTimelineFile {
  const problems: TimelineFileProblem[] = [];
  // Where each thing is in the file, by id (the later place for an id used twice, which is the one to fix).
  const pathOf = {
    clip: new Map<string, string>(),
    track: new Map<string, string>(),
    marker: new Map<string, string>(),
    region: new Map<string, string>(),
  };
  const ids = new IdMaker(file);
  const media = new Map<string, string>();
  const assetIdFor = (path: string) => {
    let assetId = media.get(path);
    if (assetId === undefined) {
      assetId = `media-${media.size + 1}`;
      media.set(path, assetId);
    }
    return assetId;
  };
  const removedRegions: RemovedRegion[] = [];

  const buildTrack = (
    fileTrack: { id?: string; clips: FileClip[]; removedRegions?: z.infer<typeof FileRemovedRegionSchema>[] },
    path: string,
    madeId: () => string,
  ) => {
    const id = fileTrack.id ?? madeId();
    pathOf.track.set(id, path);
    const placed = fileTrack.clips.map((fileClip, index) => {
      const clipPath = `${path}.clips[${index}]`;
      const clip = clipFromFile(fileClip, fileClip.id ?? ids.make('clip'), assetIdFor);
      pathOf.clip.set(clip.id, clipPath);
      return { clip, crossfadeIn: fileClip.crossfadeIn, path: clipPath };
    });
    placed.sort((a, b) => a.clip.start - b.clip.start);
    const transitions: Transition[] = [];
    placed.forEach(({ clip, crossfadeIn, path: clipPath }, index) => {
      const previous = placed[index - 1]?.clip;
      const problem = overlapProblem(previous, clip, crossfadeIn);
      if (problem) problems.push({ path: `${clipPath}.${problem.field}`, message: problem.message });
      else if (previous && crossfadeIn !== undefined) transitions.push({ afterClipId: previous.id, duration: crossfadeIn });
    });
    (fileTrack.removedRegions ?? []).forEach((region, index) => {
      const regionPath = `${path}.removedRegions[${index}]`;
      const { media: regionMedia, ...rest } = region;
      const removed: RemovedRegion = {
        ...rest,
        id: region.id ?? ids.make('removed'),
        trackId: id,
        assetId: assetIdFor(regionMedia),
      };
      pathOf.region.set(removed.id, regionPath);
      removedRegions.push(removed);
    });
    return { id, clips: placed.map((p) => p.clip), transitions };
  };

  const videoTracks = file.tracks.video.map((track, index) => {
    const built = buildTrack(track, `tracks.video[${index}]`, () => ids.make('video'));
    return { kind: 'video' as const, ...built, muted: track.muted ?? false, hidden: track.hidden ?? false };
  });
  const audioTracks = file.tracks.audio.map((track, index) => {
    const built = buildTrack(track, `tracks.audio[${index}]`, () => ids.make('audio'));
    return { kind: 'audio' as const, ...built, muted: track.muted ?? false };
  });
  const overlay = file.tracks.overlay ?? { clips: [] };
  const overlayTrack = {
    kind: 'overlay' as const,
    ...buildTrack(overlay, 'tracks.overlay', () => ids.take('overlay')),
    hidden: overlay.hidden ?? false,
  };
  const markers: Marker[] = (file.markers ?? []).map((marker, index) => {
    const id = marker.id ?? ids.make('marker');
    pathOf.marker.set(id, `markers[${index}]`);
    return { id, frame: marker.frame, label: marker.label ?? '', colour: marker.colour ?? 'blue' };
  });
  markers.sort(compareMarkers);
  // The schema already held each clip to its track's kinds; parsing again tells the type system so.
  const built = TimelineSchema.safeParse({ videoTracks, audioTracks, overlayTrack, markers, removedRegions });
  if (!built.success) {
    throw new TimelineFileError(built.error.issues.map((issue) => ({ path: '', message: issue.message })));
  }
  const timeline = built.data;
  if (problems.length === 0) {
    for (const issue of validateTimeline(timeline)) {
      const path =
        (issue.clipId && pathOf.clip.get(issue.clipId)) ??
        (issue.regionId && pathOf.region.get(issue.regionId)) ??
        (issue.markerId && pathOf.marker.get(issue.markerId)) ??
        (issue.trackId && pathOf.track.get(issue.trackId));
      problems.push({ path: path || '', message: issue.message });
    }
  }
  if (problems.length > 0) throw new TimelineFileError(problems);
  return {
    name: file.name ?? null,
    frameRate: file.frameRate,
    frameSize: file.frameSize,
    sampleRate: file.sampleRate,
    timeline,
    media: [...media].map(([path, assetId]) => ({ assetId, path })),
  };
}

function clipFromFile(fileClip: FileClip, clipId: string, assetIdFor: (path: string) => string): Clip {
  const { crossfadeIn: _, id: __, ...rest } = fileClip;
  switch (rest.kind) {
    case 'video':
    case 'audio': {
      const { media, sourceIn, volume, ...timing } = rest;
      return { ...timing, id: clipId, assetId: assetIdFor(media), sourceIn: sourceIn ?? 0, volume: volume ?? 1 };
    }
    case 'image': {
      const { media, ...timing } = rest;
      return { ...timing, id: clipId, assetId: assetIdFor(media) };
    }
    case 'title':
      return { ...rest, id: clipId };
  }
}

/** Why a clip cannot follow the one before it on its track as the file has them, with the field to fix. */
function overlapProblem(
  previous: Clip | undefined,
  clip: Clip,
  crossfadeIn: number | undefined,
): { field: string; message: string } | null {
  if (!previous) {
    return crossfadeIn === undefined
      ? null
      : { field: 'crossfadeIn', message: 'There is no earlier clip on this track to crossfade from' };
  }
  const overlap = clipEnd(previous) - clip.start;
  if (crossfadeIn === undefined) {
    return overlap > 0
      ? {
          field: 'start',
          message:
            `This clip starts at frame ${clip.start}, inside the clip before it (which ends at ${clipEnd(previous)}); ` +
            `start it later or give it "crossfadeIn": ${overlap}`,
        }
      : null;
  }
  if (overlap === crossfadeIn) return null;
  return {
    field: 'crossfadeIn',
    message:
      `A ${crossfadeIn}-frame crossfade needs this clip to start at frame ${clipEnd(previous) - crossfadeIn}, ` +
      `${crossfadeIn} frames before the clip before it ends, not at ${clip.start}`,
  };
}

/** Ids for what the file leaves unnamed, never one the file uses. */
class IdMaker {
  private readonly taken = new Set<string>();
  private readonly counts = new Map<string, number>();

  constructor(file: TimelineFile) {
    const tracks = [...file.tracks.video, ...file.tracks.audio, ...(file.tracks.overlay ? [file.tracks.overlay] : [])];
    for (const track of tracks) {
      if (track.id) this.taken.add(track.id);
      for (const clip of track.clips) if (clip.id) this.taken.add(clip.id);
      const regions = 'removedRegions' in track ? (track.removedRegions ?? []) : [];
      for (const region of regions) if (region.id) this.taken.add(region.id);
    }
    for (const marker of file.markers ?? []) if (marker.id) this.taken.add(marker.id);
  }

  /** `id` itself when the file does not use it, as a new sequence names its overlay track. */
  take(id: string): string {
    if (this.taken.has(id)) return this.make(id);
    this.taken.add(id);
    return id;
  }

  make(prefix: string): string {
    let n = this.counts.get(prefix) ?? 0;
    let id: string;
    do {
      n += 1;
      id = `${prefix}-${n}`;
    } while (this.taken.has(id));
    this.counts.set(prefix, n);
    this.taken.add(id);
    return id;
  }
}
