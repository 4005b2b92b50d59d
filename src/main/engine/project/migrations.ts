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
  // Version 3 gives each sequence a timeline: one empty video track, one empty audio track and the overlay track.
  {
    from: 2,
    migrate: (doc) => ({
      ...doc,
      // Anything but a list is left for validation to report.
      sequences: Array.isArray(doc.sequences)
        ? doc.sequences.map((sequence: Record<string, unknown>) => ({
            ...sequence,
            timeline: {
              videoTracks: [{ kind: 'video', id: 'video-1', muted: false, hidden: false, clips: [], transitions: [] }],
              audioTracks: [{ kind: 'audio', id: 'audio-1', muted: false, clips: [], transitions: [] }],
              overlayTrack: { kind: 'overlay', id: 'overlay', hidden: false, clips: [], transitions: [] },
              markers: [],
              removedRegions: [],
            },
          }))
        : doc.sequences,
    }),
  },
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
