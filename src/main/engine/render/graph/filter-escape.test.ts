import { describe, expect, it } from 'vitest';
import { filterOptionValue } from './filter-escape';

describe('filter option values', () => {
  it('quotes plain text', () => {
    expect(filterOptionValue('Hello world')).toBe("\\'Hello world\\'");
  });

  it('protects the characters each parsing level would act on', () => {
    expect(filterOptionValue("it's")).toBe("\\'it\\'\\\\\\'\\'s\\'");
    expect(filterOptionValue('a:b,c;d[e]')).toBe("\\'a:b\\,c\\;d\\[e\\]\\'");
    expect(filterOptionValue('C:\\Windows\\Fonts\\arial.ttf')).toBe("\\'C:\\\\Windows\\\\Fonts\\\\arial.ttf\\'");
  });
});
