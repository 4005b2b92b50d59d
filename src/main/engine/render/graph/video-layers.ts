import type { VideoLayer } from '../../../../shared/render/render-plan';
import { fitFilter } from '../../export/export-args';
import { toneMapFilters } from '../../ffmpeg/tone-map';
import type { GraphContext } from './graph-context';
import { layoutTrack, type SegmentSpan } from './layout';
import { dealRead, planTrackReads, readPosition, type TapRange } from './reads';
import { frameTimeBase, rateOption, secondsOption } from './timing';

/** The bottom layer is opaque (black in gaps and bars); layers above it are transparent where they show nothing. */
type LayerLook = 'opaque' | 'transparent';

/** The plan's video layers stacked into one stream of exactly `plan.duration` frames; returns its label. */
export function composeVideoLayers(ctx: GraphContext): string {
  const [bottom, ...above] = ctx.plan.video;
  let composed = layerStream(ctx, bottom ?? { segments: [] }, 'opaque');
  for (const layer of above.filter((l) => l.segments.length > 0)) {
    const stream = layerStream(ctx, layer, 'transparent');
    const stacked = ctx.writer.label('stack');
    ctx.writer.chain([composed, stream], ['overlay=eof_action=pass'], [stacked]);
    composed = stacked;
  }
  return composed;
}

/**
 * One layer: every source read is resampled to the plan's rate (`fps`), so frame k of a read is the source at
 * (seek + k) / rate and a segment is cut with `trim` on whole frame numbers; `tpad` repeats a read's last frame
 * so that a source a frame short still fills its segment, and a segment past the source's end holds its last frame
 * (reads never seek past the end: planTrackReads). The pieces are concatenated and renumbered so the layer has
 * exactly one frame per plan frame.
 */
function layerStream(ctx: GraphContext, layer: VideoLayer, look: LayerLook): string {
  const { plan, writer } = ctx;
  for (const segment of layer.segments) {
    if (!ctx.source(segment.source).hasVideo) {
      throw new Error(`${segment.source} has no picture, so it cannot be on a video layer.`);
    }
  }
  // A picture that stops before its file does is read from before its own end.
  const { reads, readOfSegment } = planTrackReads(layer.segments, plan.frameRate, (s) => {
    const { still, duration, pictureDuration } = ctx.source(s);
    return { still, duration: pictureDuration === null || duration === null ? duration : Math.min(duration, pictureDuration) };
  });
  const taps: TapRange[][] = reads.map(() => []);

  const span = (from: SegmentSpan, length: number, fades = false): string => {
    const segment = layer.segments[from.segment]!;
    const readIndex = readOfSegment[from.segment]!;
    const read = reads[readIndex]!;
    const start = readPosition(read, segment, from.offset);
    const { sar, displayWidth, displayHeight } = ctx.source(segment.source);
    const square = sar.num === sar.den;
    // Scaling and padding to the size a picture already has would still copy every frame.
    const fitsFrame = square && displayWidth === plan.frameSize.width && displayHeight === plan.frameSize.height;
    const out = writer.label('vspan');
    taps[readIndex]!.push({
      label: out,
      start,
      end: start + length,
      fades,
      then: [
        // `sar` as the filter sees it: after autorotation a turned picture's pixel shape is turned too.
        ...(square ? [] : ['scale=trunc(iw*sar/2)*2:ih', 'setsar=1']),
        ...(look === 'transparent' ? ['format=yuva420p'] : []),
        fitsFrame
          ? 'setsar=1'
          : fitFilter(plan.frameSize.width, plan.frameSize.height, plan.fit, look === 'transparent' ? 'black@0' : 'black'),
        look === 'transparent' ? 'format=yuva420p' : 'format=yuv420p',
      ],
    });
    return out;
  };

  const pieces = layoutTrack(layer.segments, plan.duration).map((piece) => {
    if (piece.kind === 'clip') return span(piece.from, piece.length);
    const out = writer.label('vpiece');
    if (piece.kind === 'gap') {
      const color = look === 'transparent' ? 'black@0' : 'black';
      writer.chain(
        [],
        [
          `color=c=${color}:s=${plan.frameSize.width}x${plan.frameSize.height}:r=${rateOption(plan.frameRate)}`,
          look === 'transparent' ? 'format=yuva420p' : 'format=yuv420p',
          `trim=end_frame=${piece.length}`,
        ],
        [out],
      );
    } else {
      // Both inputs are exactly the overlap, so xfade's output is too: frame k shows k/length of the next segment.
      const outgoing = span(piece.from, piece.length, true);
      const incoming = span(piece.to, piece.length, true);
      writer.chain([outgoing, incoming], [`xfade=transition=fade:duration=${secondsOption(piece.length, plan.frameRate)}:offset=0`], [out]);
    }
    return out;
  });

  reads.forEach((read, index) => {
    const input = ctx.inputs.forRead(read, ctx.source(read.source).decoder);
    const prepare = [...toneMapFilters(ctx.source(read.source).hdr), `fps=${rateOption(plan.frameRate)}:start_time=0`, 'tpad=stop=-1:stop_mode=clone'];
    dealRead(writer, `[${input}:v:0]`, prepare, taps[index]!, 'video');
  });

  const layerOut = writer.label('layer');
  writer.chain(pieces, [`concat=n=${pieces.length}:v=1:a=0`, `settb=expr=${frameTimeBase(plan.frameRate)}`, 'setpts=N'], [layerOut]);
  return layerOut;
}
