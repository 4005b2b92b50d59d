import { describe, expect, it } from 'vitest';
import { clickSelection, EMPTY_SELECTION, retainExisting, selectAll, selectRange, type Selection } from './selection';

const order = ['a', 'b', 'c', 'd', 'e'];
const plain = { toggle: false, range: false };
const ctrl = { toggle: true, range: false };
const shift = { toggle: false, range: true };
const ctrlShift = { toggle: true, range: true };
const ids = (selection: Selection) => [...selection.ids].sort();

describe('clickSelection', () => {
  it('selects only the clicked asset on a plain click', () => {
    const before: Selection = { ids: new Set(['a', 'b']), anchor: 'a' };
    const after = clickSelection(before, order, 'd', plain);
    expect(ids(after)).toEqual(['d']);
    expect(after.anchor).toBe('d');
  });

  it('toggles one asset with Ctrl/Cmd and moves the anchor there', () => {
    const one = clickSelection(EMPTY_SELECTION, order, 'b', plain);
    const two = clickSelection(one, order, 'd', ctrl);
    expect(ids(two)).toEqual(['b', 'd']);
    const back = clickSelection(two, order, 'b', ctrl);
    expect(ids(back)).toEqual(['d']);
    expect(back.anchor).toBe('b');
  });

  it('selects from the anchor to the Shift+clicked asset, either direction, keeping the anchor', () => {
    const start = clickSelection(EMPTY_SELECTION, order, 'b', plain);
    const down = clickSelection(start, order, 'd', shift);
    expect(ids(down)).toEqual(['b', 'c', 'd']);
    expect(down.anchor).toBe('b');
    const up = clickSelection(down, order, 'a', shift);
    expect(ids(up)).toEqual(['a', 'b']);
  });

  it('adds the range to the selection with Ctrl+Shift', () => {
    const start: Selection = { ids: new Set(['e']), anchor: 'a' };
    expect(ids(clickSelection(start, order, 'b', ctrlShift))).toEqual(['a', 'b', 'e']);
  });

  it('starts a range at the clicked asset when the anchor is filtered out of view', () => {
    const hidden: Selection = { ids: new Set(['z']), anchor: 'z' };
    const after = clickSelection(hidden, order, 'c', shift);
    expect(ids(after)).toEqual(['c']);
    expect(after.anchor).toBe('c');
  });
});

describe('selectRange', () => {
  it('ignores an asset that is not shown', () => {
    const start: Selection = { ids: new Set(['a']), anchor: 'a' };
    expect(selectRange(start, order, 'nope', false)).toBe(start);
  });
});

describe('selectAll', () => {
  it('selects exactly the shown assets', () => {
    expect(ids(selectAll(['c', 'a']))).toEqual(['a', 'c']);
    expect(selectAll([]).anchor).toBeNull();
  });
});

describe('retainExisting', () => {
  it('drops removed assets and an anchor that went with them', () => {
    const start: Selection = { ids: new Set(['a', 'b', 'c']), anchor: 'b' };
    const after = retainExisting(start, (id) => id !== 'b');
    expect(ids(after)).toEqual(['a', 'c']);
    expect(after.anchor).toBeNull();
  });

  it('returns the same selection when every asset is still there', () => {
    const start: Selection = { ids: new Set(['a']), anchor: 'a' };
    expect(retainExisting(start, () => true)).toBe(start);
  });
});
