/**
 * Dragging assets onto the timeline: the drag carries asset ids under a type of our own, so a drop of files from the
 * desktop (which the gallery imports) is never mistaken for one, and other apps ignore it.
 */
export const ASSET_DRAG_TYPE = 'application/x-reelsmith-asset';

/** The payload: asset ids, one a line. */
export function encodeAssetDrag(ids: readonly string[]): string {
  return ids.join('\n');
}

export function decodeAssetDrag(payload: string): string[] {
  return payload.split('\n').filter((id) => /^[A-Za-z0-9_-]{1,64}$/.test(id));
}
