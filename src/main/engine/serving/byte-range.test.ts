import { describe, expect, it } from 'vitest';
import { answerRange, rangeHeaders } from './byte-range';

describe('answerRange', () => {
  it('serves the whole file without a Range header', () => {
    expect(answerRange(undefined, 1000)).toEqual({ status: 200 });
  });

  it.each([
    ['bytes=0-99', { status: 206, start: 0, end: 99 }],
    ['bytes=500-', { status: 206, start: 500, end: 999 }],
    ['bytes=-100', { status: 206, start: 900, end: 999 }],
    ['bytes=-5000', { status: 206, start: 0, end: 999 }],
    ['bytes=900-5000', { status: 206, start: 900, end: 999 }],
    ['bytes=999-999', { status: 206, start: 999, end: 999 }],
    ['BYTES=1-2', { status: 206, start: 1, end: 2 }],
  ])('answers %s with the bytes asked for', (header, expected) => {
    expect(answerRange(header, 1000)).toEqual(expected);
  });

  it.each(['bytes=1000-', 'bytes=5000-6000', 'bytes=-0'])('refuses %s, which lies past the end, with 416', (header) => {
    expect(answerRange(header, 1000)).toEqual({ status: 416 });
  });

  it.each(['items=0-10', 'bytes=abc', 'bytes=-', 'bytes=10-5', 'bytes=0-1,5-6', 'bytes 0-10'])(
    'ignores %s and serves the whole file',
    (header) => {
      expect(answerRange(header, 1000)).toEqual({ status: 200 });
    },
  );

  it('refuses any range of an empty file', () => {
    expect(answerRange('bytes=0-', 0)).toEqual({ status: 416 });
    expect(answerRange('bytes=-1', 0)).toEqual({ status: 416 });
  });
});

describe('rangeHeaders', () => {
  it('describes a partial answer and always advertises ranges', () => {
    expect(rangeHeaders({ status: 206, start: 10, end: 19 }, 100, 'video/mp4')).toEqual({
      'Accept-Ranges': 'bytes',
      'Content-Type': 'video/mp4',
      'Content-Length': '10',
      'Content-Range': 'bytes 10-19/100',
    });
    expect(rangeHeaders({ status: 416 }, 100, 'video/mp4')['Content-Range']).toBe('bytes */100');
    expect(rangeHeaders({ status: 200 }, 100, 'video/mp4')['Content-Length']).toBe('100');
  });
});
