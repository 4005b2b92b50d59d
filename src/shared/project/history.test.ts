import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { newTimeline } from '../timeline/timeline';
import { newProjectDocument, type ProjectDocument } from './document';
import { EditHistory } from './history';
import type { Edit } from './edits';

const base = newProjectDocument({ id: 'p1', name: 'Talk', now: '2026-01-01T00:00:00.000Z' });

function sequence(id: string, name = `Seq ${id}`) {
  return {
    id,
    name,
    frameRate: { num: 30, den: 1 },
    frameSize: { width: 1920, height: 1080 },
    createdAt: '2026-01-01T00:00:00.000Z',
    timeline: newTimeline(),
  };
}

describe('EditHistory', () => {
  it('undoes and redoes a rename, labelling both directions', () => {
    const history = new EditHistory(base);
    history.apply({ type: 'project.rename', name: 'Podcast' });
    expect(history.document.name).toBe('Podcast');
    expect(history.state()).toEqual({ canUndo: true, canRedo: false, undoLabel: 'Rename project', redoLabel: null });
    expect(history.undo()).toBe(true);
    expect(history.document.name).toBe('Talk');
    expect(history.state().redoLabel).toBe('Rename project');
    expect(history.redo()).toBe(true);
    expect(history.document.name).toBe('Podcast');
  });

  it('reports nothing to undo or redo on a fresh history', () => {
    const history = new EditHistory(base);
    expect(history.undo()).toBe(false);
    expect(history.redo()).toBe(false);
    expect(history.document).toBe(base);
  });

  it('forgets the redo branch when a new edit is made after an undo', () => {
    const history = new EditHistory(base);
    history.apply({ type: 'project.rename', name: 'A' });
    history.undo();
    history.apply({ type: 'project.rename', name: 'B' });
    expect(history.redo()).toBe(false);
    expect(history.document.name).toBe('B');
  });

  it('restores a deleted sequence at its old position', () => {
    const history = new EditHistory(base);
    history.apply({ type: 'sequence.insert', sequence: sequence('a'), index: 0 });
    history.apply({ type: 'sequence.insert', sequence: sequence('b'), index: 1 });
    history.apply({ type: 'sequence.insert', sequence: sequence('c'), index: 2 });
    history.apply({ type: 'sequence.remove', id: 'b' });
    expect(history.state().undoLabel).toBe('Delete sequence “Seq b”');
    history.undo();
    expect(history.document.sequences.map((s) => s.id)).toEqual(['a', 'b', 'c']);
  });

  it('rejects an edit of a sequence that does not exist and leaves the document as it was', () => {
    const history = new EditHistory(base);
    expect(() => history.apply({ type: 'sequence.rename', id: 'missing', name: 'x' })).toThrow(/no sequence/);
    expect(history.document).toBe(base);
    expect(history.state().canUndo).toBe(false);
  });

  it('keeps at most its limit of undo steps', () => {
    const history = new EditHistory(base, 3);
    for (const name of ['1', '2', '3', '4', '5']) history.apply({ type: 'project.rename', name });
    let undone = 0;
    while (history.undo()) undone += 1;
    expect(undone).toBe(3);
    expect(history.document.name).toBe('2');
  });

  it('returns to the exact starting document after undoing any sequence of edits', () => {
    const editArb = (ids: string[]): fc.Arbitrary<Edit> =>
      fc.oneof(
        fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim().length > 0).map((name) => ({ type: 'project.rename' as const, name })),
        fc.record({
          type: fc.constant('project.settings' as const),
          frameRate: fc.option(fc.record({ num: fc.integer({ min: 1, max: 120 }), den: fc.constant(1) }), { nil: undefined }),
          sampleRate: fc.option(fc.constantFrom(44100 as const, 48000 as const), { nil: undefined }),
        }),
        fc.nat({ max: 5 }).map((index) => ({ type: 'sequence.insert' as const, sequence: sequence(`n${ids.length}-${index}`), index })),
        ...(ids.length > 0
          ? [
              fc.constantFrom(...ids).map((id) => ({ type: 'sequence.remove' as const, id })),
              fc.constantFrom(...ids).map((id) => ({ type: 'sequence.rename' as const, id, name: `renamed ${id}` })),
            ]
          : []),
      );
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 40 }), fc.integer(), (steps, seed) => {
        const history = new EditHistory(base);
        const snapshots: ProjectDocument[] = [history.document];
        let rng = seed;
        for (const step of steps) {
          const ids = history.document.sequences.map((s) => s.id);
          const [edit] = fc.sample(editArb(ids), { seed: rng + step, numRuns: 1 });
          rng += 1;
          try {
            history.apply(edit!);
            snapshots.push(history.document);
          } catch {
            // An insert whose generated id already exists is rejected; the document stays as it was.
          }
        }
        for (let i = snapshots.length - 1; i > 0; i -= 1) {
          expect(history.document).toEqual(snapshots[i]);
          history.undo();
        }
        expect(history.document).toEqual(base);
        for (let i = 1; i < snapshots.length; i += 1) {
          history.redo();
          expect(history.document).toEqual(snapshots[i]);
        }
      }),
      { numRuns: 200 },
    );
  });
});
