import type { AppInfo } from '../../../shared/api';

export const PROJECT_EXTENSION = '.reelsmith';

type Separator = AppInfo['pathSeparator'];

/**
 * The folder name for a project called `name`: characters no file system accepts become spaces, so "Intro: take 2"
 * is stored as "Intro take 2.reelsmith" while the project keeps its real name.
 */
export function projectFolderName(name: string): string {
  let base = name
    .replace(/[<>:"/\\|?*\p{Cc}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '')
    .slice(0, 100)
    .trim();
  if (base === '' || /^\.+$/.test(base)) base = 'Untitled';
  if (/^(con|prn|aux|nul|com\d|lpt\d)$/i.test(base)) base = `${base}_`;
  return `${base}${PROJECT_EXTENSION}`;
}

export function joinPath(dir: string, name: string, separator: Separator): string {
  if (dir === '') return name;
  const trimmed = dir.endsWith('/') || dir.endsWith(separator) ? dir.slice(0, -1) : dir;
  return `${trimmed}${separator}${name}`;
}

/** Where a new project goes unless the user says otherwise: `<projects folder>/<name>.reelsmith`. */
export function defaultProjectLocation(info: Pick<AppInfo, 'projectsDir' | 'pathSeparator'>, name: string): string {
  return joinPath(info.projectsDir, projectFolderName(name), info.pathSeparator);
}
