import fs from 'node:fs/promises';
import path from 'node:path';
import { ApiError } from '../../../shared/errors';
import type { Backup } from '../../../shared/api';
import { writeFileAtomic } from '../storage/atomic-write';
import { parseProjectJson, ProblemOnly, type LoadedProject } from './project-file';
import { BACKUP_DIR, PROJECT_FILE } from './project-folder';

/** How many backups a project keeps; the oldest go first. */
export const BACKUPS_KEPT = 10;

const BACKUP_NAME = /^project-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.json$/;

export async function listBackups(folder: string): Promise<Backup[]> {
  const dir = path.join(folder, BACKUP_DIR);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const backups = await Promise.all(
    names
      .filter((name) => BACKUP_NAME.test(name))
      .map(async (name): Promise<Backup> => {
        const text = await fs.readFile(path.join(dir, name), 'utf8');
        return { id: name, savedAt: savedAtOf(name), bytes: Buffer.byteLength(text), valid: isValidProject(text) };
      }),
  );
  return backups.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

/**
 * Copy the current project.json (known good: it was just read or written by us) into backups/, unless the newest
 * backup already holds the same bytes, then drop the oldest beyond BACKUPS_KEPT.
 */
export async function createBackup(folder: string, now: Date): Promise<void> {
  const dir = path.join(folder, BACKUP_DIR);
  await fs.mkdir(dir, { recursive: true });
  const content = await fs.readFile(path.join(folder, PROJECT_FILE));
  const existing = (await fs.readdir(dir)).filter((n) => BACKUP_NAME.test(n)).sort();
  const newest = existing.at(-1);
  if (newest && content.equals(await fs.readFile(path.join(dir, newest)).catch(() => Buffer.alloc(0)))) return;
  const name = `project-${now.toISOString().replace(/[:.]/g, '-')}.json`;
  await writeFileAtomic(path.join(dir, name), content);
  const all = [...existing, name].sort();
  for (const old of all.slice(0, Math.max(0, all.length - BACKUPS_KEPT))) {
    await fs.rm(path.join(dir, old), { force: true });
  }
}

/**
 * Put a backup in place of project.json. The file being replaced is renamed aside (project.damaged-<time>.json),
 * never deleted, so nothing a user might still recover is lost.
 */
export async function restoreBackup(folder: string, backupId: string, now: Date): Promise<LoadedProject> {
  if (!BACKUP_NAME.test(backupId)) throw new ApiError('BACKUP_NOT_FOUND', `There is no backup named ${backupId}.`);
  const source = path.join(folder, BACKUP_DIR, backupId);
  let text: string;
  try {
    text = await fs.readFile(source, 'utf8');
  } catch {
    throw new ApiError('BACKUP_NOT_FOUND', `The backup ${backupId} no longer exists in ${path.join(folder, BACKUP_DIR)}.`);
  }
  let loaded: LoadedProject;
  try {
    loaded = parseProjectJson(text);
  } catch (error) {
    if (error instanceof ProblemOnly) {
      throw new ApiError('PROJECT_DAMAGED', `The backup ${backupId} cannot be used either; choose an older one.`, {
        backupId,
      });
    }
    throw error;
  }
  const current = path.join(folder, PROJECT_FILE);
  const aside = path.join(folder, `project.damaged-${now.toISOString().replace(/[:.]/g, '-')}.json`);
  await fs.rename(current, aside).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await writeFileAtomic(current, text);
  return loaded;
}

function savedAtOf(name: string): string {
  const m = BACKUP_NAME.exec(name)!;
  return `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`;
}

function isValidProject(text: string): boolean {
  try {
    parseProjectJson(text);
    return true;
  } catch {
    return false;
  }
}
