import fc from 'fast-check';
import type { SourceInfo } from './sources';
import {
  MARKER_COLOURS,
  newTimeline,
  type AudioClip,
  type ImageClip,
  type RemovedRegion,
  type Timeline,
  type TitleClip,
  type Transition,
  type VideoClip,
} from './timeline';

/** Media and timelines for tests of the timeline model. */

export const SOURCES = new Map<string, SourceInfo>([
  ['talk', { kind: 'video', frames: 900, hasSound: true }],
  ['broll', { kind: 'video', frames: 300, hasSound: false }],
  ['music', { kind: 'audio', frames: 3000, hasSound: true }],
  ['logo', { kind: 'image', frames: null, hasSound: false }],
]);

export function videoClip(id: string, start: number, duration: number, sourceIn = 0, assetId = 'talk'): VideoClip {
  return { kind: 'video', id, assetId, start, duration, sourceIn, volume: 1 };
}

export function audioClip(id: string, start: number, duration: number, sourceIn = 0, assetId = 'music'): AudioClip {
  return { kind: 'audio', id, assetId, start, duration, sourceIn, volume: 1 };
}

export function imageClip(id: string, start: number, duration: number, assetId = 'logo'): ImageClip {
  return { kind: 'image', id, assetId, start, duration };
}

export function titleClip(id: string, start: number, duration: number, text = 'Hello'): TitleClip {
  return { kind: 'title', id, start, duration, text };
}

/** A new timeline with these clips (and crossfades) on V1, A1 and the overlay. */
export function timelineWith(parts: {
  video?: (VideoClip | ImageClip)[];
  videoTransitions?: Transition[];
  audio?: AudioClip[];
  overlay?: (ImageClip | TitleClip)[];
  removedRegions?: RemovedRegion[];
}): Timeline {
  const base = newTimeline();
  return {
    ...base,
    videoTracks: [{ ...base.videoTracks[0]!, clips: parts.video ?? [], transitions: parts.videoTransitions ?? [] }],
    audioTracks: [{ ...base.audioTracks[0]!, clips: parts.audio ?? [] }],
    overlayTrack: { ...base.overlayTrack, clips: parts.overlay ?? [] },
    removedRegions: parts.removedRegions ?? [],
  };
}

/** Freezes a value and everything in it, so a test fails loudly if anything writes to it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

interface RawClip {
  gap: number;
  duration: number;
  crossfade: number;
  source: number;
  pick: number;
}

const rawClip: fc.Arbitrary<RawClip> = fc.record({
  gap: fc.oneof(fc.constant(0), fc.nat({ max: 30 })),
  duration: fc.integer({ min: 1, max: 80 }),
  crossfade: fc.oneof(fc.constant(0), fc.nat({ max: 20 })),
  source: fc.nat({ max: 10_000 }),
  pick: fc.nat({ max: 3 }),
});

/**
 * Valid timelines: one to three video tracks, one or two audio tracks and the overlay, with gaps, touching clips and
 * crossfades, markers and removed parts, all within `SOURCES`.
 */
export const timelineArbitrary: fc.Arbitrary<Timeline> = fc
  .record({
    video: fc.array(fc.array(rawClip, { maxLength: 8 }), { minLength: 1, maxLength: 3 }),
    audio: fc.array(fc.array(rawClip, { maxLength: 6 }), { minLength: 1, maxLength: 2 }),
    overlay: fc.array(rawClip, { maxLength: 5 }),
    flags: fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
    markers: fc.uniqueArray(fc.nat({ max: 600 }), { maxLength: 5 }),
    regions: fc.array(fc.record({ track: fc.nat(), frame: fc.nat({ max: 600 }), raw: rawClip }), { maxLength: 3 }),
  })
  .map((raw) => {
    let serial = 0;
    const id = (prefix: string) => `${prefix}${(serial += 1)}`;
    const layout = <C extends { start: number; duration: number; id: string }>(
      raws: RawClip[],
      make: (raw: RawClip, start: number, duration: number) => C,
    ) => {
      const clips: C[] = [];
      const transitions: Transition[] = [];
      let incoming = 0;
      for (const r of raws) {
        const previous = clips.at(-1);
        let start = previous ? previous.start + previous.duration + r.gap : r.gap;
        let fade = 0;
        if (previous && r.gap === 0 && r.crossfade > 0) {
          const most = Math.min(previous.duration - incoming, previous.duration - 1, r.duration - 1);
          if (most >= 1) fade = 1 + (r.crossfade % most);
        }
        start -= fade;
        clips.push(make(r, start, r.duration));
        if (fade > 0) transitions.push({ afterClipId: previous!.id, duration: fade });
        incoming = fade;
      }
      return { clips, transitions };
    };
    const within = (frames: number, duration: number, pick: number) => pick % Math.max(1, frames - duration + 1);
    const video = raw.video.map((raws, index) => ({
      kind: 'video' as const,
      id: `v${index + 1}`,
      muted: raw.flags[index]!,
      hidden: raw.flags[index + 3]!,
      ...layout(raws, (r, start, duration) =>
        r.pick === 3
          ? imageClip(id('c'), start, duration)
          : r.pick === 2
            ? videoClip(id('c'), start, duration, within(300, duration, r.source), 'broll')
            : videoClip(id('c'), start, duration, within(900, duration, r.source)),
      ),
    }));
    const audio = raw.audio.map((raws, index) => ({
      kind: 'audio' as const,
      id: `a${index + 1}`,
      muted: raw.flags[index + 6]!,
      ...layout(raws, (r, start, duration) =>
        r.pick % 2 === 0
          ? audioClip(id('c'), start, duration, within(3000, duration, r.source))
          : audioClip(id('c'), start, duration, within(900, duration, r.source), 'talk'),
      ),
    }));
    const overlay = {
      kind: 'overlay' as const,
      id: 'overlay',
      hidden: raw.flags[9]!,
      ...layout(raw.overlay, (r, start, duration) =>
        r.pick % 2 === 0 ? titleClip(id('c'), start, duration, `Title ${r.source}`) : imageClip(id('c'), start, duration),
      ),
    };
    const regionTracks = [...video.map((t) => t.id), ...audio.map((t) => t.id)];
    const removedRegions: RemovedRegion[] = raw.regions.map(({ track, frame, raw: r }) => {
      const trackId = regionTracks[track % regionTracks.length]!;
      const duration = Math.min(r.duration, 300);
      return {
        id: id('r'),
        trackId,
        frame,
        kind: trackId.startsWith('v') ? 'video' : 'audio',
        assetId: 'talk',
        sourceIn: within(900, duration, r.source),
        duration,
        reason: { kind: 'pause', text: 'Silence' },
      };
    });
    const markers = [...raw.markers]
      .sort((a, b) => a - b)
      .map((frame, index) => ({
        id: `m${index}`,
        frame,
        label: `Marker ${index}`,
        colour: MARKER_COLOURS[index % MARKER_COLOURS.length]!,
      }));
    return { videoTracks: video, audioTracks: audio, overlayTrack: overlay, markers, removedRegions };
  });
