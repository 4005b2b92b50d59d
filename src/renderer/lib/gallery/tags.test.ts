import { describe, expect, it } from 'vitest';
import { parseTagInput, tagsOf } from './tags';

describe('parseTagInput', () => {
  it('reads one tag, trimmed', () => {
    expect(parseTagInput('  beach ')).toEqual({ tags: ['beach'] });
  });

  it('reads several tags separated by commas, without blanks or repeats', () => {
    expect(parseTagInput('beach, sunset,, beach ,b-roll')).toEqual({ tags: ['beach', 'sunset', 'b-roll'] });
  });

  it('gives nothing for blank input', () => {
    expect(parseTagInput(' , ')).toEqual({ tags: [] });
  });

  it('says why a tag is refused', () => {
    expect(parseTagInput('ok, ' + 'x'.repeat(41))).toEqual({ error: 'A tag is at most 40 characters' });
    expect(parseTagInput('a\tb')).toEqual({ error: 'A tag cannot contain commas, tabs or line breaks' });
  });
});

describe('tagsOf', () => {
  it('collects every tag of the assets once, alphabetically', () => {
    expect(tagsOf([{ tags: ['b', 'a'] }, { tags: ['c', 'a'] }, { tags: [] }])).toEqual(['a', 'b', 'c']);
  });
});
