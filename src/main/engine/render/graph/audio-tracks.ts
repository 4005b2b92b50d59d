import type { AudioTrack, RenderPlan } from '../../../../shared/render/render-plan';
import type { GraphContext, RenderSourceInfo } from './graph-context';
import { layoutTrack, type SegmentSpan } from './layout';
import { dealRead, planTrackReads, type TapRange } from './reads';
import { sampleAtFrame } from './timing';

/** The channels of a plan's mixed sound, as ffmpeg names the layout. */
export type MixLayout = 'mono' | 'stereo';

/**
 * Mono when every audible segment (on an unmuted track, from a source with sound) comes from a mono source, stereo
 * otherwise. A mono talk stays mono at its own level: made stereo, ffmpeg would put it in both channels at −3 dB
 * each (×0.7071), a file twice the size holding the same sound.
 */
export function mixLayout(plan: RenderPlan, source: (file: string) => RenderSourceInfo): MixLayout {
  const sounds = plan.audio
    .filter((track) => !track.muted)
    .flatMap((track) => track.segments.map((segment) => source(segment.source).audio))
    .filter((sound) => sound !== null);
  return sounds.length > 0 && sounds.every((sound) => sound.channels === 1) ? 'mono' : 'stereo';
}

/**
 * The plan's audible tracks mixed into one stream (layout by mixLayout) of exactly the plan's samples; returns its
 * label. Tracks are summed (`amix` with normalize=0, as an editor's mixer does: a track's level does not depend on how
 * many others play); volumes are the user's to set.
 */
export function mixAudioTracks(ctx: GraphContext): string {
  const { plan, writer } = ctx;
  const layout = mixLayout(plan, (file) => ctx.source(file));
  const total = sampleAtFrame(plan.duration, plan.frameRate, plan.sampleRate);
  const tracks = plan.audio.filter((track) => !track.muted).map((track) => trackStream(ctx, track, layout));
  const out = '[aout]';
  if (tracks.length === 0) writer.chain([], [silence(plan.sampleRate, layout, total)], [out]);
  else if (tracks.length === 1) writer.chain(tracks, ['anull'], [out]);
  else writer.chain(tracks, [`amix=inputs=${tracks.length}:normalize=0`], [out]);
  return out;
}

/**
 * One track. Each read is resampled to the plan's sample rate and the mix's layout with `first_pts=0` (silence fills a
 * late start) and padded with silence at its end (all that a segment past the source's end gets), so sample k of a
 * read is the source at seek + k / sampleRate. Pieces are cut with `atrim` on whole sample numbers; their lengths come
 * from the timeline positions, so the track has exactly the plan's samples and every cut lands within half a sample
 * of its frame.
 */
function trackStream(ctx: GraphContext, track: AudioTrack, layout: MixLayout): string {
  const { plan, writer } = ctx;
  const at = (frame: number) => sampleAtFrame(frame, plan.frameRate, plan.sampleRate);
  const { reads, readOfSegment } = planTrackReads(track.segments, plan.frameRate, (s) => ctx.source(s));
  const taps: TapRange[][] = reads.map(() => []);

  const span = (from: SegmentSpan, timelineStart: number, length: number, fades = false): string => {
    const segment = track.segments[from.segment]!;
    const samples = at(timelineStart + length) - at(timelineStart);
    const out = writer.label('aspan');
    if (ctx.source(segment.source).audio === null) {
      writer.chain([], [silence(plan.sampleRate, layout, samples)], [out]);
      return out;
    }
    const readIndex = readOfSegment[from.segment]!;
    const read = reads[readIndex]!;
    const start = at(segment.sourceStart + from.offset) - at(read.seek);
    taps[readIndex]!.push({ label: out, start, end: start + samples, fades, then: segment.volume === 1 ? [] : [`volume=${segment.volume}`] });
    return out;
  };

  const pieces = layoutTrack(track.segments, plan.duration).map((piece) => {
    if (piece.kind === 'clip') return span(piece.from, piece.start, piece.length);
    const out = writer.label('apiece');
    const samples = at(piece.start + piece.length) - at(piece.start);
    if (piece.kind === 'gap') {
      writer.chain([], [silence(plan.sampleRate, layout, samples)], [out]);
    } else {
      const outgoing = span(piece.from, piece.start, piece.length, true);
      const incoming = span(piece.to, piece.start, piece.length, true);
      writer.chain([outgoing, incoming], [`acrossfade=nb_samples=${samples}:curve1=tri:curve2=tri`], [out]);
    }
    return out;
  });

  reads.forEach((read, index) => {
    const readTaps = taps[index]!;
    if (readTaps.length === 0) return;
    const input = ctx.inputs.forRead(read, ctx.source(read.source).decoder);
    const prepare = [
      `aresample=${plan.sampleRate}:async=1:first_pts=0`,
      `aformat=sample_fmts=fltp:channel_layouts=${layout}`,
      // Decoders hand out small frames (a WAV packet is 2,048 samples); every frame costs each filter downstream
      // a pass, so they are joined into frames of about a third of a second (a 30-minute dead-air cut rendered in
      // 0.8 s against 1.5 s, bit for bit the same).
      `asetnsamples=n=${AUDIO_FRAME_SAMPLES}:p=0`,
      'apad',
    ];
    dealRead(writer, `[${input}:a:0]`, prepare, readTaps, 'audio');
  });

  const out = writer.label('track');
  writer.chain(pieces, [`concat=n=${pieces.length}:v=0:a=1`, ...(track.volume === 1 ? [] : [`volume=${track.volume}`])], [out]);
  return out;
}

/** Samples in each frame the audio reads are joined into. */
const AUDIO_FRAME_SAMPLES = 16_384;

function silence(sampleRate: number, layout: MixLayout, samples: number): string {
  return `anullsrc=r=${sampleRate}:cl=${layout},atrim=end_sample=${samples}`;
}
