/**
 * Uploading files to the web shell a few at a time, with progress over all bytes and a way to stop. The sender is
 * passed in (XMLHttpRequest in the window), so the scheduling is plain logic.
 */

export interface UploadItem {
  /** The file name, or its path inside a dropped folder. */
  readonly name: string;
  readonly size: number;
}

/** Sends one file; reports bytes sent so far; resolves with the upload id; rejects when it fails or is stopped. */
export type SendUpload<T extends UploadItem> = (
  item: T,
  onSent: (bytes: number) => void,
  signal: AbortSignal,
) => Promise<string>;

export interface UploadProgress {
  sentBytes: number;
  totalBytes: number;
  /** Files finished, whether they arrived or failed. */
  doneFiles: number;
  totalFiles: number;
}

export type UploadOutcome<T extends UploadItem> =
  | { item: T; uploadId: string }
  | { item: T; error: string; stopped: boolean };

export interface UploadOptions {
  concurrency: number;
  signal: AbortSignal;
  onProgress: (progress: UploadProgress) => void;
}

export const STOPPED_MESSAGE = 'Not uploaded: the upload was stopped.';

/** Uploads every item, at most `concurrency` at once, and answers for each in the order given. */
export async function uploadAll<T extends UploadItem>(
  items: readonly T[],
  send: SendUpload<T>,
  options: UploadOptions,
): Promise<UploadOutcome<T>[]> {
  const outcomes: UploadOutcome<T>[] = new Array(items.length);
  const sent = items.map(() => 0);
  const totalBytes = items.reduce((sum, item) => sum + item.size, 0);
  let doneFiles = 0;
  let next = 0;

  const report = () =>
    options.onProgress({
      sentBytes: sent.reduce((sum, bytes) => sum + bytes, 0),
      totalBytes,
      doneFiles,
      totalFiles: items.length,
    });

  const finish = (index: number, outcome: UploadOutcome<T>) => {
    outcomes[index] = outcome;
    sent[index] = items[index]!.size;
    doneFiles += 1;
    report();
  };

  const worker = async () => {
    while (next < items.length && !options.signal.aborted) {
      const index = next++;
      const item = items[index]!;
      try {
        const uploadId = await send(
          item,
          (bytes) => {
            sent[index] = Math.min(item.size, bytes);
            report();
          },
          options.signal,
        );
        finish(index, { item, uploadId });
      } catch (error) {
        const stopped = options.signal.aborted;
        finish(index, { item, error: stopped ? STOPPED_MESSAGE : messageOf(error), stopped });
      }
    }
  };

  report();
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, items.length)) }, worker));
  for (let index = 0; index < items.length; index += 1) {
    outcomes[index] ??= { item: items[index]!, error: STOPPED_MESSAGE, stopped: true };
  }
  return outcomes;
}

function messageOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : 'The upload failed.';
}
