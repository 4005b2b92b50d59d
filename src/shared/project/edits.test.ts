import { describe, expect, it } from 'vitest';
import { newTimeline } from '../timeline/timeline';
import { newProjectDocument } from './document';
import { applyEdit, nextSequenceName } from './edits';

const base = newProjectDocument({ id: 'p1', name: 'Talk', now: '2026-01-01T00:00:00.000Z' });

describe('applyEdit', () => {
  it('changes only the settings named and undoes exactly those', () => {
    const { document, inverse } = applyEdit(base, { type: 'project.settings', frameRate: { num: 24000, den: 1001 } });
    expect(document.settings).toEqual({ ...base.settings, frameRate: { num: 24000, den: 1001 } });
    expect(inverse).toEqual({ type: 'project.settings', frameRate: base.settings.frameRate });
    expect(applyEdit(document, inverse).document).toEqual(base);
  });

  it('refuses to insert a second sequence with the same id', () => {
    const seq = {
      id: 's',
      name: 'A',
      frameRate: { num: 25, den: 1 },
      frameSize: { width: 1280, height: 720 },
      createdAt: '2026-01-01T00:00:00.000Z',
      timeline: newTimeline(),
    };
    const once = applyEdit(base, { type: 'sequence.insert', sequence: seq, index: 0 }).document;
    expect(() => applyEdit(once, { type: 'sequence.insert', sequence: seq, index: 0 })).toThrow(/already exists/);
  });

  it('never mutates the document it is given', () => {
    const frozen = structuredClone(base);
    applyEdit(base, { type: 'project.rename', name: 'Other' });
    expect(base).toEqual(frozen);
  });
});

describe('nextSequenceName', () => {
  it('skips names already taken', () => {
    const seq = (name: string) => ({
      id: name,
      name,
      frameRate: { num: 25, den: 1 },
      frameSize: { width: 1280, height: 720 },
      createdAt: '2026-01-01T00:00:00.000Z',
      timeline: newTimeline(),
    });
    expect(nextSequenceName(base)).toBe('Sequence 1');
    expect(nextSequenceName({ ...base, sequences: [seq('Sequence 2')] })).toBe('Sequence 3');
    expect(nextSequenceName({ ...base, sequences: [seq('Intro')] })).toBe('Sequence 2');
  });
});
