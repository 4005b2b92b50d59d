import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Asset } from '../assets';
import { tagPatches } from './asset-patches';
import { newProjectDocument, type ProjectDocument } from './document';
import { applyEdit, EditRejected, type Edit } from './edits';
import { EditHistory } from './history';

const base = newProjectDocument({ id: 'p1', name: 'Talk', now: '2026-01-01T00:00:00.000Z' });

function testAsset(id: string, extra: Partial<Asset> = {}): Asset {
  return {
    id,
    name: `${id}.mp4`,
    kind: 'video',
    path: `/media/${id}.mp4`,
    stored: false,
    fingerprint: `v1:100:${id.padEnd(64, '0').slice(0, 64).replace(/[^0-9a-f]/g, 'a')}`,
    sizeBytes: 100,
    addedAt: '2026-01-01T00:00:00.000Z',
    media: {
      kind: 'video',
      container: 'mov,mp4,m4a,3gp,3g2,mj2',
      duration: 1,
      sizeBytes: 100,
      bitRate: null,
      creationTime: null,
      video: null,
      audio: [],
      subtitles: [],
      attachedPicture: null,
    },
    tags: [],
    favourite: false,
    ...extra,
  };
}

const withAssets = (...ids: string[]): ProjectDocument => ({ ...base, assets: ids.map((id) => testAsset(id)) });
const ids = (doc: ProjectDocument) => doc.assets.map((a) => a.id);

describe('asset edits', () => {
  it('inserts at indices and undoes by removing', () => {
    const doc = withAssets('a', 'c');
    const { document, inverse } = applyEdit(doc, {
      type: 'assets.insert',
      entries: [
        { index: 1, asset: testAsset('b') },
        { index: 3, asset: testAsset('d') },
      ],
    });
    expect(ids(document)).toEqual(['a', 'b', 'c', 'd']);
    expect(ids(applyEdit(document, inverse).document)).toEqual(['a', 'c']);
  });

  it('removes and restores assets in their places', () => {
    const doc = withAssets('a', 'b', 'c', 'd');
    const { document, inverse } = applyEdit(doc, { type: 'assets.remove', ids: ['d', 'b'] });
    expect(ids(document)).toEqual(['a', 'c']);
    expect(applyEdit(document, inverse).document.assets).toEqual(doc.assets);
  });

  it('refuses unknown ids and duplicate ids', () => {
    expect(() => applyEdit(withAssets('a'), { type: 'assets.remove', ids: ['x'] })).toThrow(EditRejected);
    expect(() => applyEdit(withAssets('a'), { type: 'assets.patch', patches: [{ id: 'x', favourite: true }] })).toThrow(EditRejected);
    expect(() => applyEdit(withAssets('a'), { type: 'assets.insert', entries: [{ index: 0, asset: testAsset('a') }] })).toThrow(EditRejected);
  });

  it('patches only the named fields and undoes to the exact previous values', () => {
    const doc = withAssets('a', 'b');
    const { document, inverse } = applyEdit(doc, {
      type: 'assets.patch',
      patches: [{ id: 'b', path: '/moved/b.mp4', tags: ['interview'] }],
    });
    expect(document.assets[1]).toMatchObject({ path: '/moved/b.mp4', tags: ['interview'], favourite: false });
    expect(document.assets[0]).toBe(doc.assets[0]);
    expect(inverse).toEqual({ type: 'assets.patch', patches: [{ id: 'b', path: '/media/b.mp4', tags: [] }] });
    expect(applyEdit(document, inverse).document.assets).toEqual(doc.assets);
  });

  it('a batch applies in order and undoes in reverse', () => {
    const doc = withAssets('a');
    const batch: Edit = {
      type: 'batch',
      edits: [
        { type: 'assets.insert', entries: [{ index: 1, asset: testAsset('b') }] },
        { type: 'assets.patch', patches: [{ id: 'b', favourite: true }] },
      ],
    };
    const { document, inverse } = applyEdit(doc, batch);
    expect(document.assets[1]?.favourite).toBe(true);
    expect(applyEdit(document, inverse).document).toEqual(doc);
  });

  it('any sequence of inserts, removals and patches undoes back to the start', () => {
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(20), id: fc.stringMatching(/^[a-z]{1,3}$/) }),
      fc.record({ kind: fc.constant('remove' as const), pick: fc.nat(20) }),
      fc.record({ kind: fc.constant('favourite' as const), pick: fc.nat(20) }),
    );
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 25 }), (steps) => {
        const history = new EditHistory(withAssets('s'));
        const start = history.document;
        for (const step of steps) {
          const current = history.document.assets;
          try {
            if (step.kind === 'insert') {
              history.apply({ type: 'assets.insert', entries: [{ index: step.at, asset: testAsset(`n${step.id}`) }] });
            } else if (current.length > 0) {
              const target = current[step.pick % current.length]!;
              history.apply(
                step.kind === 'remove'
                  ? { type: 'assets.remove', ids: [target.id] }
                  : { type: 'assets.patch', patches: [{ id: target.id, favourite: !target.favourite }] },
              );
            }
          } catch (error) {
            if (!(error instanceof EditRejected)) throw error;
          }
        }
        while (history.undo());
        expect(history.document).toEqual(start);
      }),
    );
  });
});

describe('EditHistory coalescing', () => {
  it('joins batches of one import into one undo step with the total in its label', () => {
    const history = new EditHistory(withAssets());
    history.apply({ type: 'assets.insert', entries: [{ index: 0, asset: testAsset('a') }] }, { coalesce: 'import-1' });
    history.apply(
      { type: 'assets.insert', entries: [{ index: 1, asset: testAsset('b') }, { index: 2, asset: testAsset('c') }] },
      { coalesce: 'import-1' },
    );
    expect(history.state().undoLabel).toBe('Import 3 files');
    history.apply({ type: 'assets.insert', entries: [{ index: 3, asset: testAsset('d') }] }, { coalesce: 'import-2' });
    expect(history.state().undoLabel).toBe('Import 1 file');
    history.undo();
    expect(ids(history.document)).toEqual(['a', 'b', 'c']);
    history.undo();
    expect(ids(history.document)).toEqual([]);
    history.redo();
    expect(ids(history.document)).toEqual(['a', 'b', 'c']);
  });

  it('does not join across an undo', () => {
    const history = new EditHistory(withAssets());
    history.apply({ type: 'assets.insert', entries: [{ index: 0, asset: testAsset('a') }] }, { coalesce: 'k' });
    history.apply({ type: 'project.rename', name: 'Other' });
    history.undo();
    history.apply({ type: 'assets.insert', entries: [{ index: 1, asset: testAsset('b') }] }, { coalesce: 'k' });
    history.undo();
    expect(ids(history.document)).toEqual(['a']);
  });
});

describe('tagPatches', () => {
  const doc = { ...base, assets: [testAsset('a', { tags: ['B-roll'] }), testAsset('b'), testAsset('c', { favourite: true })] };

  it('adds tags without case duplicates and removes them case-insensitively', () => {
    expect(tagPatches(doc.assets, ['a', 'b'], { addTags: ['b-roll', 'Drone'] })).toEqual([
      { id: 'a', tags: ['B-roll', 'Drone'] },
      { id: 'b', tags: ['b-roll', 'Drone'] },
    ]);
    expect(tagPatches(doc.assets, ['a'], { removeTags: ['B-ROLL'] })).toEqual([{ id: 'a', tags: [] }]);
  });

  it('skips assets that would not change and refuses unknown ids', () => {
    expect(tagPatches(doc.assets, ['a', 'c'], { favourite: true })).toEqual([{ id: 'a', favourite: true }]);
    expect(tagPatches(doc.assets, ['a'], { addTags: ['b-roll'] })).toEqual([]);
    expect(() => tagPatches(doc.assets, ['zz'], { favourite: true })).toThrow(EditRejected);
  });
});
