import { PROJECT_SCHEMA_VERSION } from '../../../shared/project/document';

/** Turns a document of `from` into one of `from + 1`. Plain JSON in, plain JSON out; validation happens after. */
export interface Migration {
  from: number;
  migrate(doc: Record<string, unknown>): Record<string, unknown>;
}

/** A change to project.json adds a migration here and bumps the version. */
export const PROJECT_MIGRATIONS: readonly Migration[] = [
  // Version 2 adds imported media.
  { from: 1, migrate: (doc) => ({ ...doc, assets: [] }) },
];

export class NewerSchemaError extends Error {
  constructor(readonly version: number) {
    super(`schema version ${version} is newer than ${PROJECT_SCHEMA_VERSION}`);
  }
}

export function migrateProject(
  doc: Record<string, unknown>,
  migrations: readonly Migration[] = PROJECT_MIGRATIONS,
  target = PROJECT_SCHEMA_VERSION,
): { doc: Record<string, unknown>; migratedFrom: number | null } {
  const start = doc.schemaVersion;
  if (typeof start !== 'number' || !Number.isInteger(start) || start < 1) {
    throw new TypeError('schemaVersion is missing or not a positive integer');
  }
  if (start > target) throw new NewerSchemaError(start);
  let current = doc;
  for (let version = start; version < target; version += 1) {
    const step = migrations.find((m) => m.from === version);
    if (!step) throw new TypeError(`no migration from schema version ${version}`);
    current = { ...step.migrate(current), schemaVersion: version + 1 };
  }
  return { doc: current, migratedFrom: start === target ? null : start };
}
