import path from 'node:path';
import { segmentEnd, type RenderPlan } from '../../../shared/render/render-plan';
import type { StreamCopyVerdict } from '../../../shared/render/render-request';

/** What a lossless render needs to know about a source's video, read with ffprobe (see KeyframeIndex). */
export interface StreamCopySource {
  /** Null for a file without a moving picture (sound only, or a still image). */
  video: {
    codec: string;
    profile: string | null;
    width: number;
    height: number;
    pixelFormat: string | null;
    sampleAspectRatio: string | null;
    frameRate: { num: number; den: number };
    /** False when frames are not evenly spaced: copying would keep their uneven timing. */
    constantFrameRate: boolean;
    /** Decoder setup (SPS/PPS for H.264); files joined by copying must share it. */
    extradataHash: string | null;
    /** Frames stored out of display order: a cut between keyframes would keep or lose frames around it. */
    bFrames: boolean;
  } | null;
  /** Keyframe times in seconds from the start of the file, ascending. */
  keyframes: readonly number[];
  /** How far decoding runs ahead of display (seconds; 0 without B-frames): a copy that ends by time ends this early. */
  decodeDelay: number;
  /** Video frames in the file. */
  frameCount: number;
}

/** Video codecs each container this app writes can hold when copied. */
const CONTAINER_CODECS: Record<string, readonly string[]> = {
  '.mp4': ['h264', 'hevc', 'av1', 'vp9', 'mpeg4'],
  '.mov': ['h264', 'hevc', 'prores', 'dnxhd', 'mjpeg', 'mpeg4'],
};

/**
 * Whether `plan` can be rendered by copying its video losslessly (as LosslessCut does): one video layer of hard
 * cuts with no gaps, no overlays, every source identical in coding and matching the plan's frame size and rate,
 * every segment starting on a keyframe, and, for sources with B-frames, ending on one (or at the end of the file).
 * The sound is rendered either way, so audio tracks, volumes and mixes do not matter.
 */
export function canStreamCopy(plan: RenderPlan, sources: ReadonlyMap<string, StreamCopySource>, extension: string): StreamCopyVerdict {
  const no = (reason: string): StreamCopyVerdict => ({ ok: false, reason });
  const layers = plan.video.filter((layer) => layer.segments.length > 0);
  if (plan.overlays.length > 0) return no('Titles and images over the picture have to be drawn into it, which means re-encoding.');
  if (layers.length === 0) return no('The sequence has no video to copy.');
  if (layers.length > 1) return no(`The sequence stacks ${layers.length} video layers; only a single layer can be copied.`);
  const segments = layers[0]!.segments;
  const rate = plan.frameRate;
  const fps = rate.num / rate.den;
  const secondsAt = (frame: number) => `${((frame * rate.den) / rate.num).toFixed(2)} s`;

  let reached = 0;
  let reference: { file: string; video: NonNullable<StreamCopySource['video']> } | null = null;
  for (const [index, segment] of segments.entries()) {
    const name = path.basename(segment.source);
    const label = `Segment ${index + 1} (${name})`;
    if (segment.transitionIn) return no(`${label} cross-fades; a crossfade mixes two pictures, which means re-encoding.`);
    if (segment.timelineStart > reached) return no(`The sequence has a gap at ${secondsAt(reached)}; black frames have to be encoded.`);
    reached = segmentEnd(segment);

    const source = sources.get(segment.source);
    if (!source?.video) return no(`${name} has no moving picture to copy.`);
    const { video } = source;
    const allowed = CONTAINER_CODECS[extension.toLowerCase()] ?? [];
    if (!allowed.includes(video.codec)) return no(`${name} is ${video.codec}, which a ${extension} file cannot hold without re-encoding.`);
    if (video.width !== plan.frameSize.width || video.height !== plan.frameSize.height) {
      return no(`${name} is ${video.width}×${video.height} and the sequence ${plan.frameSize.width}×${plan.frameSize.height}; resizing means re-encoding.`);
    }
    if (!video.constantFrameRate) return no(`${name} has a variable frame rate; its frames cannot be copied onto the sequence’s frames.`);
    if (video.frameRate.num * rate.den !== rate.num * video.frameRate.den) {
      return no(`${name} runs at ${(video.frameRate.num / video.frameRate.den).toFixed(3)} fps and the sequence at ${fps.toFixed(3)} fps.`);
    }
    if (reference === null) reference = { file: segment.source, video };
    else if (reference.file !== segment.source && !sameCoding(reference.video, video)) {
      return no(`${path.basename(reference.file)} and ${name} are coded differently; only identically coded files can be joined without re-encoding.`);
    }

    const keyframes = new Set(source.keyframes.map((time) => Math.round(time * fps)));
    const end = segment.sourceStart + segment.duration;
    if (end > source.frameCount) return no(`${label} runs past the end of ${name}.`);
    if (!keyframes.has(segment.sourceStart)) {
      const [before, after] = neighbours(source.keyframes, (segment.sourceStart * rate.den) / rate.num);
      return no(
        `${label} starts at ${secondsAt(segment.sourceStart)} of ${name}, between keyframes` +
          `${before === null ? '' : ` at ${before.toFixed(2)} s`}${after === null ? '' : ` and ${after.toFixed(2)} s`}; ` +
          'a lossless render can only cut in at a keyframe.',
      );
    }
    if (video.bFrames && end < source.frameCount && !keyframes.has(end)) {
      return no(
        `${label} ends at ${secondsAt(end)} of ${name}, between keyframes, and ${name} stores frames out of order (B-frames), ` +
          'so a lossless render can only cut out at a keyframe or the end of the file.',
      );
    }
  }
  if (reached < plan.duration) return no(`The sequence ends with a gap at ${secondsAt(reached)}; black frames have to be encoded.`);
  return { ok: true };
}

function sameCoding(a: NonNullable<StreamCopySource['video']>, b: NonNullable<StreamCopySource['video']>): boolean {
  return (
    a.codec === b.codec &&
    a.profile === b.profile &&
    a.pixelFormat === b.pixelFormat &&
    a.sampleAspectRatio === b.sampleAspectRatio &&
    a.extradataHash === b.extradataHash
  );
}

/** The keyframe times just before and after `time`. */
function neighbours(keyframes: readonly number[], time: number): [number | null, number | null] {
  const after = keyframes.findIndex((k) => k > time);
  if (after === -1) return [keyframes.at(-1) ?? null, null];
  return [after > 0 ? keyframes[after - 1]! : null, keyframes[after]!];
}
