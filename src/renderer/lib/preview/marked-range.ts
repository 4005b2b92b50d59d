/**
 * The range the In and Out points mark in a sequence `duration` frames long: from In (or the start) up to Out (or the
 * end). Null when neither is set, or when what they mark lies past the end.
 */
export function markedRange(
  inPoint: number | null,
  outPoint: number | null,
  duration: number,
): { from: number; to: number } | null {
  if (inPoint === null && outPoint === null) return null;
  const from = Math.min(inPoint ?? 0, duration);
  const to = Math.min(outPoint ?? duration, duration);
  return to > from ? { from, to } : null;
}
