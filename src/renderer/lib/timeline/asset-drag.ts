/**
 * Dragging assets onto the timeline: the drag carries asset ids under a type of our own, so a drop of files from the
 * desktop (which the gallery imports) is never mistaken for one, and other apps ignore it.
 */
export const ASSET_DRAG_TYPE = 'application/x-reelsmith-asset';

/** An asset, or a stretch of it (a scene, in seconds of the source). */
export interface DraggedAsset {
  assetId: string;
  range?: { from: number; to: number };
}

/** The payload: one asset a line, `id` or `id@from-to` for a stretch of it. */
export function encodeAssetDrag(items: readonly (string | DraggedAsset)[]): string {
  return items
    .map((item) => (typeof item === 'string' ? item : item.range ? `${item.assetId}@${item.range.from}-${item.range.to}` : item.assetId))
    .join('\n');
}

export function decodeAssetDrag(payload: string): DraggedAsset[] {
  return payload.split('\n').flatMap((line) => {
    const match = /^([A-Za-z0-9_-]{1,64})(?:@(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?))?$/.exec(line);
    if (!match) return [];
    const [, assetId, from, to] = match;
    if (from === undefined || to === undefined) return [{ assetId: assetId! }];
    return Number(to) > Number(from) ? [{ assetId: assetId!, range: { from: Number(from), to: Number(to) } }] : [];
  });
}
