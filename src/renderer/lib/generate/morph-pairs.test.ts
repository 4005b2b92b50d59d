import { describe, expect, it } from 'vitest';
import { planMorphs } from './morph-pairs';

describe('pairing pictures for a morph', () => {
  it('holds a lone picture until the next one arrives, then morphs the held one into it', () => {
    const first = planMorphs(null, ['a']);
    expect(first).toEqual({ pairs: [], held: 'a' });
    expect(planMorphs(first.held, ['b'])).toEqual({ pairs: [{ from: 'a', to: 'b' }], held: null });
  });

  it('morphs two pictures dropped together at once', () => {
    expect(planMorphs(null, ['a', 'b'])).toEqual({ pairs: [{ from: 'a', to: 'b' }], held: null });
  });

  it('chains three pictures: the first into the second, the second into the third', () => {
    expect(planMorphs(null, ['a', 'b', 'c']).pairs).toEqual([
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
    ]);
  });

  it('keeps holding a picture dropped again rather than morphing it into itself', () => {
    expect(planMorphs('a', ['a'])).toEqual({ pairs: [], held: 'a' });
  });
});
