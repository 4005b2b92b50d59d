import path from 'node:path';

/** The fixed layout of a `Name.reelsmith/` folder. */
export const PROJECT_EXTENSION = '.reelsmith';
export const PROJECT_FILE = 'project.json';
export const LOCK_FILE = '.reelsmith.lock';
export const BACKUP_DIR = 'backups';
export const PROJECT_SUBFOLDERS = ['media', 'cache', 'generated', 'renders', BACKUP_DIR] as const;

/** Accepts the project folder or its project.json, as users drop either. */
export function resolveProjectFolder(input: string): string {
  const absolute = path.resolve(input);
  return path.basename(absolute) === PROJECT_FILE ? path.dirname(absolute) : absolute;
}

export function withProjectExtension(folder: string): string {
  const absolute = path.resolve(folder);
  return absolute.endsWith(PROJECT_EXTENSION) ? absolute : absolute + PROJECT_EXTENSION;
}

export function projectNameFromFolder(folder: string): string {
  return path.basename(folder, PROJECT_EXTENSION);
}
