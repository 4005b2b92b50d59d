import fs from 'node:fs/promises';
import path from 'node:path';
import { prettifyError } from 'zod';
import { ApiError } from '../../../shared/errors';
import {
  PROJECT_SCHEMA_VERSION,
  ProjectDocumentSchema,
  type ProjectDocument,
} from '../../../shared/project/document';
import { writeFileAtomic } from '../storage/atomic-write';
import { migrateProject, NewerSchemaError, type Migration, PROJECT_MIGRATIONS } from './migrations';
import { PROJECT_FILE } from './project-folder';

export interface LoadedProject {
  document: ProjectDocument;
  /** Set when the file was written by an older schema and migrated in memory; the next save upgrades it. */
  migratedFrom: number | null;
}

/** Why a project.json could not be used. The file itself is never touched by a failed read. */
export type ProjectFileProblem =
  | { kind: 'missing' }
  | { kind: 'damaged'; reason: string }
  | { kind: 'too-new'; version: number };

export class ProjectFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: ProjectFileProblem,
  ) {
    super(describeProblem(file, problem));
  }

  toApiError(details: Record<string, unknown> = {}): ApiError {
    const code =
      this.problem.kind === 'missing'
        ? 'PROJECT_NOT_FOUND'
        : this.problem.kind === 'damaged'
          ? 'PROJECT_DAMAGED'
          : 'PROJECT_TOO_NEW';
    return new ApiError(code, this.message, { file: this.file, ...details });
  }
}

export function parseProjectJson(text: string, migrations: readonly Migration[] = PROJECT_MIGRATIONS): LoadedProject {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ProblemOnly({ kind: 'damaged', reason: `it is not valid JSON (${(error as Error).message})` });
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ProblemOnly({ kind: 'damaged', reason: 'it does not hold a project object' });
  }
  let migrated: ReturnType<typeof migrateProject>;
  try {
    migrated = migrateProject(raw as Record<string, unknown>, migrations);
  } catch (error) {
    if (error instanceof NewerSchemaError) throw new ProblemOnly({ kind: 'too-new', version: error.version });
    throw new ProblemOnly({ kind: 'damaged', reason: (error as Error).message });
  }
  const parsed = ProjectDocumentSchema.safeParse(migrated.doc);
  if (!parsed.success) {
    throw new ProblemOnly({ kind: 'damaged', reason: `its content is invalid:\n${prettifyError(parsed.error)}` });
  }
  return { document: parsed.data, migratedFrom: migrated.migratedFrom };
}

export async function readProjectFile(folder: string): Promise<LoadedProject> {
  const file = path.join(folder, PROJECT_FILE);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ProjectFileError(file, { kind: 'missing' });
    throw new ProjectFileError(file, { kind: 'damaged', reason: `it could not be read (${(error as Error).message})` });
  }
  try {
    return parseProjectJson(text);
  } catch (error) {
    if (error instanceof ProblemOnly) throw new ProjectFileError(file, error.problem);
    throw error;
  }
}

export function serializeProject(doc: ProjectDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export async function writeProjectFile(folder: string, doc: ProjectDocument): Promise<void> {
  await writeFileAtomic(path.join(folder, PROJECT_FILE), serializeProject(doc));
}

/** A parse problem before it is tied to a file path. */
export class ProblemOnly extends Error {
  constructor(readonly problem: ProjectFileProblem) {
    super(problem.kind);
  }
}

function describeProblem(file: string, problem: ProjectFileProblem): string {
  switch (problem.kind) {
    case 'missing':
      return `There is no Reelsmith project at ${path.dirname(file)} (no ${PROJECT_FILE}).`;
    case 'damaged':
      return `The project file ${file} is damaged: ${problem.reason}. It was left untouched; restore a backup to continue.`;
    case 'too-new':
      return `The project file ${file} was saved by a newer Reelsmith (schema ${problem.version}; this version reads up to ${PROJECT_SCHEMA_VERSION}). Update Reelsmith, or restore a backup.`;
  }
}
