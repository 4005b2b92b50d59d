import fs from 'node:fs/promises';
import path from 'node:path';

export interface FoundFile {
  path: string;
  /** The file name, or its path from the dropped folder ("trip/day 1/clip.mp4"), for results and the gallery. */
  name: string;
}

export interface UnusableInput {
  name: string;
  reason: string;
}

/** Files no one means to import: system litter, and Reelsmith's own project folders (their caches hold thumbnails). */
const SKIPPED_NAMES = new Set(['Thumbs.db', 'desktop.ini', '$RECYCLE.BIN', 'System Volume Information']);
const isSkipped = (name: string) => name.startsWith('.') || SKIPPED_NAMES.has(name) || name.endsWith('.reelsmith');

const naturalOrder = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * Expands dropped paths into files: folders recurse in natural name order, hidden files and folders are skipped,
 * symbolic links are followed once (a link back up the tree is not walked again), and each path is listed once.
 */
export async function collectFiles(inputs: readonly string[]): Promise<{ files: FoundFile[]; unusable: UnusableInput[] }> {
  const files: FoundFile[] = [];
  const unusable: UnusableInput[] = [];
  const seenFiles = new Set<string>();
  const walkedFolders = new Set<string>();

  async function visit(file: string, name: string, explicit: boolean): Promise<void> {
    let real: string;
    let info;
    try {
      real = await fs.realpath(file);
      info = await fs.stat(real);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (explicit || code !== 'ENOENT') {
        unusable.push({ name, reason: code === 'ENOENT' ? `${file} does not exist.` : `${file} cannot be read (${code ?? 'error'}).` });
      }
      return;
    }
    if (info.isDirectory()) {
      if (walkedFolders.has(real)) return;
      walkedFolders.add(real);
      let entries: string[];
      try {
        entries = await fs.readdir(file);
      } catch (error) {
        unusable.push({ name, reason: `The folder ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).` });
        return;
      }
      for (const entry of entries.filter((e) => !isSkipped(e)).sort(naturalOrder.compare)) {
        await visit(path.join(file, entry), `${name}/${entry}`, false);
      }
      return;
    }
    if (!info.isFile()) {
      if (explicit) unusable.push({ name, reason: `${file} is not a regular file.` });
      return;
    }
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    files.push({ path: path.resolve(file), name });
  }

  for (const input of inputs) {
    const resolved = path.resolve(input);
    await visit(resolved, path.basename(resolved) || resolved, true);
  }
  return { files, unusable };
}
