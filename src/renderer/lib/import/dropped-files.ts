/**
 * Files dropped on the web shell or picked with its file inputs, named by their path inside any dropped folder
 * ("trip/day1/clip.mp4") so the import report and the asset names say where each came from. Hidden files and
 * folders (".DS_Store", ".git") are left out.
 */

export interface NamedFile<F> {
  name: string;
  file: F;
}

/**
 * The parts of the browser's File and Directory Entries API the walk uses (what `webkitGetAsEntry()` returns). A file
 * entry has `file`, a folder entry `createReader`.
 */
export interface DroppedEntry<F> {
  readonly name: string;
  readonly fullPath: string;
  readonly isDirectory: boolean;
  file?(success: (file: F) => void, failure?: (error: unknown) => void): void;
  createReader?(): {
    readEntries(success: (entries: DroppedEntry<F>[]) => void, failure?: (error: unknown) => void): void;
  };
}

export interface CollectedFiles<F> {
  files: NamedFile<F>[];
  /** Files or folders the browser would not read, with the reason, for the import report. */
  unreadable: { name: string; reason: string }[];
}

/** Walks dropped entries, descending into folders, in name order. */
export async function collectDroppedFiles<F>(roots: readonly DroppedEntry<F>[]): Promise<CollectedFiles<F>> {
  const collected: CollectedFiles<F> = { files: [], unreadable: [] };
  for (const entry of sortByName(roots)) await visit(entry, collected);
  return collected;
}

/** Files from `<input type=file>`, with or without `webkitdirectory` (which sets `webkitRelativePath`). */
export function namePickedFiles<F extends { name: string; webkitRelativePath: string }>(
  files: Iterable<F>,
): NamedFile<F>[] {
  const named: NamedFile<F>[] = [];
  for (const file of files) {
    const name = file.webkitRelativePath || file.name;
    if (!isHiddenPath(name)) named.push({ name, file });
  }
  return named;
}

export function isHiddenPath(path: string): boolean {
  return path.split('/').some((part) => part.startsWith('.'));
}

async function visit<F>(entry: DroppedEntry<F>, collected: CollectedFiles<F>): Promise<void> {
  if (entry.name.startsWith('.')) return;
  const name = relativePath(entry);
  try {
    if (entry.isDirectory && entry.createReader) {
      for (const child of sortByName(await readAllEntries(entry.createReader()))) await visit(child, collected);
    } else if (entry.file) {
      const read = entry.file.bind(entry);
      collected.files.push({ name, file: await new Promise<F>((resolve, reject) => read(resolve, reject)) });
    }
  } catch (error) {
    collected.unreadable.push({ name, reason: `The browser could not read it${detail(error)}.` });
  }
}

/** `readEntries` answers in batches (about 100 in Chromium) until it answers with none. */
async function readAllEntries<F>(reader: ReturnType<NonNullable<DroppedEntry<F>['createReader']>>) {
  const all: DroppedEntry<F>[] = [];
  for (;;) {
    const batch = await new Promise<DroppedEntry<F>[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

function relativePath(entry: DroppedEntry<unknown>): string {
  return entry.fullPath.replace(/^\/+/, '') || entry.name;
}

const collator = new Intl.Collator(undefined, { numeric: true });

function sortByName<E extends { name: string }>(entries: readonly E[]): E[] {
  return [...entries].sort((a, b) => collator.compare(a.name, b.name));
}

function detail(error: unknown): string {
  return error instanceof Error && error.message ? `: ${error.message}` : '';
}
