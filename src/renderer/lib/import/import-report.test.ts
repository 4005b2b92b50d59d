import { describe, expect, it } from 'vitest';
import type { ImportResult } from '../../../shared/assets';
import { describeSummary, notImported, withRejected } from './import-report';

const imported = (name: string): ImportResult => ({ name, outcome: 'imported', assetId: `id-${name}`, reason: null });
const duplicate: ImportResult = { name: 'b.mp4', outcome: 'duplicate', assetId: 'id-a', reason: 'Same file as a.mp4.' };

describe('withRejected', () => {
  it('counts files that never reached the engine as rejected, with their reason', () => {
    const report = withRejected([imported('a.mp4'), duplicate], [{ name: 'big.mov', reason: 'Too large.' }]);
    expect(report).toMatchObject({ imported: 1, duplicates: 1, rejected: 1 });
    expect(report.results.at(-1)).toEqual({ name: 'big.mov', outcome: 'rejected', assetId: null, reason: 'Too large.' });
  });
});

describe('describeSummary', () => {
  it('is the engine’s one line, plus what was stopped before sending', () => {
    const report = withRejected([imported('a'), imported('b'), duplicate], []);
    expect(describeSummary({ report, stoppedFiles: 0 })).toBe('2 imported, 1 duplicate');
    expect(describeSummary({ report, stoppedFiles: 4 })).toBe('2 imported, 1 duplicate; 4 not sent (stopped)');
  });
});

describe('notImported', () => {
  it('lists duplicates and rejections only', () => {
    const report = withRejected([imported('a'), duplicate], [{ name: 'x', reason: 'Unreadable.' }]);
    expect(notImported(report).map((r) => r.name)).toEqual(['b.mp4', 'x']);
  });
});
