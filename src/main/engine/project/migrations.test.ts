import { describe, expect, it } from 'vitest';
import { PROJECT_SCHEMA_VERSION, ProjectDocumentSchema } from '../../../shared/project/document';
import { newTimeline } from '../../../shared/timeline/timeline';
import { migrateProject, NewerSchemaError, type Migration } from './migrations';

describe('migrateProject', () => {
  const migrations: Migration[] = [
    { from: 1, migrate: (doc) => ({ ...doc, title: doc.name }) },
    { from: 2, migrate: ({ title, ...rest }) => ({ ...rest, label: String(title).toUpperCase() }) },
  ];

  it('runs each step in order up to the target version', () => {
    const { doc, migratedFrom } = migrateProject({ schemaVersion: 1, name: 'talk' }, migrations, 3);
    expect(doc).toEqual({ schemaVersion: 3, name: 'talk', label: 'TALK' });
    expect(migratedFrom).toBe(1);
  });

  it('leaves a current document alone', () => {
    const input = { schemaVersion: 3, name: 'x' };
    expect(migrateProject(input, migrations, 3)).toEqual({ doc: input, migratedFrom: null });
  });

  it('refuses a document from a newer version', () => {
    expect(() => migrateProject({ schemaVersion: 4 }, migrations, 3)).toThrow(NewerSchemaError);
  });

  it('refuses a document without a usable version or with a gap in the chain', () => {
    expect(() => migrateProject({ name: 'x' }, migrations, 3)).toThrow(/schemaVersion/);
    expect(() => migrateProject({ schemaVersion: 0 }, migrations, 3)).toThrow(/schemaVersion/);
    expect(() => migrateProject({ schemaVersion: 1 }, [migrations[1]!], 3)).toThrow(/no migration from schema version 1/);
  });
});

describe('PROJECT_MIGRATIONS', () => {
  it('brings a version 1 project (before ingest) to the current schema with no assets', () => {
    const v1 = {
      schemaVersion: 1,
      id: 'p1',
      name: 'Talk',
      createdAt: '2026-01-01T00:00:00.000Z',
      modifiedAt: '2026-01-01T00:00:00.000Z',
      settings: { frameRate: { num: 30, den: 1 }, frameSize: { width: 1920, height: 1080 }, sampleRate: 48000 },
      sequences: [],
    };
    const { doc, migratedFrom } = migrateProject(v1);
    expect(migratedFrom).toBe(1);
    expect(ProjectDocumentSchema.parse(doc)).toEqual({ ...v1, schemaVersion: PROJECT_SCHEMA_VERSION, assets: [] });
  });

  it('brings a version 2 project (before timelines) to the current schema with empty tracks in every sequence', () => {
    const sequence = {
      id: 's1',
      name: 'Main cut',
      frameRate: { num: 30000, den: 1001 },
      frameSize: { width: 1280, height: 720 },
      createdAt: '2026-01-02T00:00:00.000Z',
    };
    const v2 = {
      schemaVersion: 2,
      id: 'p1',
      name: 'Talk',
      createdAt: '2026-01-01T00:00:00.000Z',
      modifiedAt: '2026-01-01T00:00:00.000Z',
      settings: { frameRate: { num: 30, den: 1 }, frameSize: { width: 1920, height: 1080 }, sampleRate: 48000 },
      sequences: [sequence, { ...sequence, id: 's2', name: 'Shorts cut' }],
      assets: [],
    };
    const { doc, migratedFrom } = migrateProject(v2);
    expect(migratedFrom).toBe(2);
    expect(ProjectDocumentSchema.parse(doc)).toEqual({
      ...v2,
      schemaVersion: PROJECT_SCHEMA_VERSION,
      sequences: v2.sequences.map((s) => ({ ...s, timeline: newTimeline() })),
    });
  });
});
