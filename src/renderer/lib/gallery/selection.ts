/**
 * Gallery multi-selection, as file managers do it: a click selects one asset, Ctrl/Cmd+click toggles one, Shift+click
 * selects the range from the anchor (the last asset clicked without Shift) to the clicked one.
 */
export interface Selection {
  readonly ids: ReadonlySet<string>;
  /** Where a Shift+click range starts; null until something has been clicked. */
  readonly anchor: string | null;
}

export const EMPTY_SELECTION: Selection = { ids: new Set(), anchor: null };

export interface ClickModifiers {
  /** Ctrl on Windows and Linux, Cmd on macOS. */
  toggle: boolean;
  range: boolean;
}

/** The selection after a click on `id`; `order` is the assets as shown, which a range follows. */
export function clickSelection(
  selection: Selection,
  order: readonly string[],
  id: string,
  modifiers: ClickModifiers,
): Selection {
  if (modifiers.range) return selectRange(selection, order, id, modifiers.toggle);
  if (modifiers.toggle) return toggleOne(selection, id);
  return { ids: new Set([id]), anchor: id };
}

export function toggleOne(selection: Selection, id: string): Selection {
  const ids = new Set(selection.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { ids, anchor: id };
}

/**
 * Anchor to `id` in the shown order. `additive` (Ctrl+Shift) adds the range to what is selected; otherwise the range
 * replaces it. Without an anchor still on screen, the range starts at `id` itself.
 */
export function selectRange(selection: Selection, order: readonly string[], id: string, additive: boolean): Selection {
  const to = order.indexOf(id);
  if (to === -1) return selection;
  const anchorIndex = selection.anchor === null ? -1 : order.indexOf(selection.anchor);
  const from = anchorIndex === -1 ? to : anchorIndex;
  const ids = new Set(additive ? selection.ids : []);
  for (let i = Math.min(from, to); i <= Math.max(from, to); i += 1) ids.add(order[i]!);
  return { ids, anchor: order[from]! };
}

/** Ctrl/Cmd+A: everything shown (the filtered list), not what the filters hide. */
export function selectAll(order: readonly string[]): Selection {
  return { ids: new Set(order), anchor: order[0] ?? null };
}

/** Forgets assets that no longer exist (removed here, or by an undo elsewhere). Same object when nothing went. */
export function retainExisting(selection: Selection, exists: (id: string) => boolean): Selection {
  let gone = false;
  for (const id of selection.ids) {
    if (!exists(id)) {
      gone = true;
      break;
    }
  }
  const anchorGone = selection.anchor !== null && !exists(selection.anchor);
  if (!gone && !anchorGone) return selection;
  return { ids: new Set([...selection.ids].filter(exists)), anchor: anchorGone ? null : selection.anchor };
}
