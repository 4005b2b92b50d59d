import { describe, expect, it } from 'vitest';
import { StderrTail } from './stderr-tail';

describe('StderrTail', () => {
  it('joins lines split across chunks and keeps only the last ones', () => {
    const tail = new StderrTail(2);
    tail.push('one\ntw');
    tail.push('o\r\nthree\rfo');
    expect(tail.text()).toBe('two\nthree\nfo');
    tail.push('ur\n');
    expect(tail.text()).toBe('three\nfour');
  });
});
