import { describeImport, summariseImport, type ImportReport, type ImportResult } from '../../../shared/assets';

/** What one import came to: the engine's report, plus files the user stopped before they were sent. */
export interface ImportSummary {
  report: ImportReport;
  stoppedFiles: number;
}

/** The engine's results with the files that never reached it (failed uploads, unreadable files) as rejected. */
export function withRejected(results: readonly ImportResult[], rejected: readonly { name: string; reason: string }[]) {
  return summariseImport([
    ...results,
    ...rejected.map(({ name, reason }): ImportResult => ({ name, outcome: 'rejected', assetId: null, reason })),
  ]);
}

/** "12 imported, 1 duplicate, 2 rejected; 5 not sent (stopped)". */
export function describeSummary(summary: ImportSummary): string {
  const line = describeImport(summary.report);
  return summary.stoppedFiles > 0 ? `${line}; ${summary.stoppedFiles} not sent (stopped)` : line;
}

/** The files worth a line in the import-results panel: everything that was not imported. */
export function notImported(report: ImportReport): ImportResult[] {
  return report.results.filter((result) => result.outcome !== 'imported');
}
