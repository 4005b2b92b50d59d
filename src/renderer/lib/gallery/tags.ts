import { TagSchema } from '../../../shared/assets';

/**
 * What the user typed into a tag field: one tag, or several separated by commas (a tag cannot contain one). Repeats
 * and blanks are dropped; the first invalid tag stops the lot, with the reason.
 */
export function parseTagInput(text: string): { tags: string[] } | { error: string } {
  const tags: string[] = [];
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    const parsed = TagSchema.safeParse(part);
    if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? 'Not a valid tag' };
    if (!tags.includes(parsed.data)) tags.push(parsed.data);
  }
  return { tags };
}

/** Tags carried by any of `assets`, alphabetically: what "Remove tag" can offer for a selection. */
export function tagsOf(assets: Iterable<{ tags: readonly string[] }>): string[] {
  const found = new Set<string>();
  for (const asset of assets) for (const tag of asset.tags) found.add(tag);
  return [...found].sort((a, b) => a.localeCompare(b));
}
