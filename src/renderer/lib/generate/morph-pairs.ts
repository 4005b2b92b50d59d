/**
 * Morphing needs two pictures. Pictures dropped on the Morph target chain onto the one it already holds: A then B
 * morphs A into B; A, B and C at once make A into B and B into C. A single picture with none held is held as the
 * "from" until the next arrives.
 */
export interface MorphPlan {
  pairs: { from: string; to: string }[];
  /** The picture waiting for a partner, or null. */
  held: string | null;
}

export function planMorphs(held: string | null, dropped: readonly string[]): MorphPlan {
  // A picture right after itself would morph into itself: it counts once.
  const chain = [...(held === null ? [] : [held]), ...dropped].filter((id, index, all) => index === 0 || all[index - 1] !== id);
  if (chain.length < 2) return { pairs: [], held: chain[0] ?? null };
  return { pairs: chain.slice(1).map((to, index) => ({ from: chain[index]!, to })), held: null };
}
