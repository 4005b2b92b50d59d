/** Small decisions of a generate job: how a sticker sheet is laid out and how its stages share the progress bar. */

/** Columns of a sticker sheet of `count` images: as square as it gets. */
export function sheetColumns(count: number): number {
  return Math.max(1, Math.ceil(Math.sqrt(count)));
}

/** `done` of `total` as a job's progress, for a stage that spans `from`..`to` of the job. */
export function fractionOf(done: number, total: number, from: number, to: number): number {
  return from + (to - from) * (total > 0 ? Math.min(1, done / total) : 1);
}
