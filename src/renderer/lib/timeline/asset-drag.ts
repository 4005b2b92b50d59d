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

/** Starts a drag of assets (or stretches of them) as a copy. */
export function startAssetDrag(event: DragEvent, items: readonly (string | DraggedAsset)[]): void {
  if (!event.dataTransfer) return;
  event.dataTransfer.setData(ASSET_DRAG_TYPE, encodeAssetDrag(items));
  event.dataTransfer.effectAllowed = 'copy';
}

/** Whether a drag carries assets (its payload can only be read on drop). */
export function carriesAssets(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes(ASSET_DRAG_TYPE) ?? false;
}

/** The assets a drop brings; none when it brings something else (files from the desktop, text). */
export function droppedAssets(event: DragEvent): DraggedAsset[] {
  const payload = event.dataTransfer?.getData(ASSET_DRAG_TYPE);
  return payload ? decodeAssetDrag(payload) : [];
}
