import type { Overlay } from '../../../../shared/render/render-plan';
import { filterOptionValue } from './filter-escape';
import type { GraphContext } from './graph-context';

/**
 * Draws the plan's overlays over `base`, in order. Each is enabled on frame numbers (`n` counts the composed
 * stream's frames, which are the plan's frames), never on float times, so an item shows on exactly its frames.
 * Titles use `fontFile` when one was found, otherwise whatever fontconfig calls Sans.
 */
export function drawOverlays(ctx: GraphContext, base: string, fontFile: string | null): string {
  let current = base;
  for (const overlay of ctx.plan.overlays) {
    const next = ctx.writer.label('over');
    if (overlay.kind === 'image') drawImage(ctx, overlay, current, next);
    else drawTitle(ctx, overlay, current, next, fontFile);
    current = next;
  }
  return current;
}

function enabledOn(overlay: Overlay): string {
  return `enable=${filterOptionValue(`between(n,${overlay.start},${overlay.start + overlay.duration - 1})`)}`;
}

function drawImage(ctx: GraphContext, overlay: Extract<Overlay, { kind: 'image' }>, below: string, out: string): void {
  const { plan, writer } = ctx;
  const input = ctx.inputs.forFile(overlay.source);
  const image = writer.label('image');
  const width = Math.max(2, Math.round((plan.frameSize.width * overlay.width) / 2) * 2);
  writer.chain([`[${input}:v:0]`], [`scale=${width}:-2`], [image]);
  writer.chain(
    [below, image],
    [
      `overlay=${[
        `x=${filterOptionValue(`main_w*${overlay.x}-overlay_w/2`)}`,
        `y=${filterOptionValue(`main_h*${overlay.y}-overlay_h/2`)}`,
        enabledOn(overlay),
      ].join(':')}`,
    ],
    [out],
  );
}

function drawTitle(ctx: GraphContext, overlay: Extract<Overlay, { kind: 'title' }>, below: string, out: string, fontFile: string | null): void {
  const fontSize = Math.max(1, Math.round(ctx.plan.frameSize.height * overlay.size));
  const options = [
    fontFile === null ? 'font=Sans' : `fontfile=${filterOptionValue(fontFile)}`,
    `text=${filterOptionValue(overlay.text)}`,
    // Text is shown as typed: no %{…} expansion.
    'expansion=none',
    `fontsize=${fontSize}`,
    `fontcolor=0x${overlay.color.slice(1)}`,
    `x=${filterOptionValue(`w*${overlay.x}-text_w/2`)}`,
    `y=${filterOptionValue(`h*${overlay.y}-text_h/2`)}`,
    enabledOn(overlay),
  ];
  ctx.writer.chain([below], [`drawtext=${options.join(':')}`], [out]);
}
