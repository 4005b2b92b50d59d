import { describe, expect, it } from 'vitest';
import { findTitleFont } from './title-font';

describe('title font', () => {
  it('takes the first system font that exists', () => {
    const present = new Set(['/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf']);
    expect(findTitleFont('linux', (f) => present.has(f))).toBe('/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf');
    expect(findTitleFont('win32', (f) => f === 'C:\\Windows\\Fonts\\arial.ttf')).toBe('C:\\Windows\\Fonts\\arial.ttf');
  });

  it('leaves the choice to fontconfig when none exists', () => {
    expect(findTitleFont('linux', () => false)).toBeNull();
    expect(findTitleFont('aix', () => true)).toBeNull();
  });
});
