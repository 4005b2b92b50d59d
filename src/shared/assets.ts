import { z } from 'zod';
import { MEDIA_KINDS, MediaInfoSchema } from './media';

/**
 * Assets: the media a project knows about. The persisted record lives in project.json; the view adds what the engine
 * knows at run time (is the file there, which derived media are ready). Runs anywhere: no Node, no DOM.
 */

export const AssetIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Not an asset id');

export const TagSchema = z
  .string()
  .trim()
  .min(1, 'A tag cannot be empty')
  .max(40, 'A tag is at most 40 characters')
  .refine((t) => !/[,\n\r\t]/.test(t), 'A tag cannot contain commas, tabs or line breaks');

/**
 * A content fingerprint: the byte size and a SHA-256 over the first, middle and last MiB (`v1:<size>:<hex>`). Two
 * files with the same fingerprint are treated as the same media: duplicates on import, the same file when relinking,
 * and one cache entry for derived media.
 */
export const FingerprintSchema = z.string().regex(/^v1:\d+:[0-9a-f]{64}$/, 'Not a fingerprint');

/**
 * How the app made an asset: the operation, the model, its parameters and the assets it was made from, so it can be
 * told apart from imported media and made again exactly.
 */
export const LineageSchema = z.object({
  operation: z.enum(['upscale', 'sample', 'variation', 'morph', 'loop']),
  model: z.string().min(1).max(80),
  parameters: z.record(z.string().max(40), z.union([z.number(), z.string().max(200), z.boolean()])),
  sources: z.array(AssetIdSchema).max(16),
  seed: z.number().int().optional(),
});
export type Lineage = z.infer<typeof LineageSchema>;

export const AssetSchema = z.object({
  id: AssetIdSchema,
  /** The name shown in the gallery (the file name when imported). */
  name: z.string().min(1).max(255),
  kind: z.enum(MEDIA_KINDS),
  /** Absolute path of the media file. Media is referenced where it lies, except browser uploads (`stored`). */
  path: z.string().min(1),
  /** True when the file lives in the project's media/ folder because it was uploaded through the web shell. */
  stored: z.boolean(),
  fingerprint: FingerprintSchema,
  sizeBytes: z.number().int().nonnegative(),
  addedAt: z.iso.datetime(),
  media: MediaInfoSchema,
  tags: z.array(TagSchema).max(50),
  favourite: z.boolean(),
  /** Set when the app made the asset (an upscale, a generated image). */
  lineage: LineageSchema.optional(),
});
export type Asset = z.infer<typeof AssetSchema>;

/** Where an asset's file stands: found; not where it was (relink it); or unreadable (with a reason). */
export const ASSET_STATUSES = ['ready', 'missing', 'error'] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];

/** A derived file's state. `none` means this asset has no such thing (a filmstrip of an image, a waveform of silence). */
export const DERIVED_STATES = ['none', 'pending', 'making', 'ready', 'failed'] as const;
export type DerivedState = (typeof DERIVED_STATES)[number];

export const FilmstripGeometrySchema = z.object({
  /** Tiles in the sprite, left to right, top to bottom, at evenly spaced times. */
  tiles: z.number().int().positive(),
  columns: z.number().int().positive(),
  tileWidth: z.number().int().positive(),
  tileHeight: z.number().int().positive(),
  /** Seconds between tiles; tile i shows the frame at (i + 0.5) × interval. */
  interval: z.number().positive(),
});
export type FilmstripGeometry = z.infer<typeof FilmstripGeometrySchema>;

export const DerivedMediaSchema = z.object({
  poster: z.enum(DERIVED_STATES),
  filmstrip: z.enum(DERIVED_STATES),
  filmstripGeometry: FilmstripGeometrySchema.nullable(),
  waveform: z.enum(DERIVED_STATES),
  /** `none` when the original plays in Chromium as it is. */
  proxy: z.enum(DERIVED_STATES),
  /** 0..1 while the proxy is being made. */
  proxyProgress: z.number().min(0).max(1).nullable(),
  /** Why the last derived file failed, for the detail panel. */
  failure: z.string().nullable(),
});
export type DerivedMedia = z.infer<typeof DerivedMediaSchema>;

export const AssetViewSchema = AssetSchema.extend({
  status: z.enum(ASSET_STATUSES),
  /** Why the asset is missing or in error; null when ready. */
  statusMessage: z.string().nullable(),
  derived: DerivedMediaSchema,
  /** Whether `play` gives something Chromium can play now (the original, or a finished proxy). */
  playable: z.boolean(),
});
export type AssetView = z.infer<typeof AssetViewSchema>;

/**
 * The files an asset can be fetched as, by id only: `media://asset/<id>/<variant>` in Electron and
 * `/media/asset/<id>/<variant>` in the web shell. `play` is the proxy when one is needed, else the original.
 */
export const MEDIA_VARIANTS = ['original', 'play', 'poster', 'filmstrip', 'waveform', 'proxy'] as const;
export type MediaVariant = (typeof MEDIA_VARIANTS)[number];

export function isMediaVariant(value: string): value is MediaVariant {
  return (MEDIA_VARIANTS as readonly string[]).includes(value);
}

/** The path both media servers answer, relative to their origin. `version` busts caches after a relink or remake. */
export function assetMediaPath(id: string, variant: MediaVariant, version?: string): string {
  const query = version === undefined ? '' : `?v=${encodeURIComponent(version)}`;
  return `/media/asset/${encodeURIComponent(id)}/${variant}${query}`;
}

/** Reads `/asset/<id>/<variant>` (after the scheme or the `/media` prefix); null for anything else. */
export function parseAssetMediaPath(pathname: string): { id: string; variant: MediaVariant } | null {
  const match = /^\/asset\/([^/]+)\/([a-z]+)$/.exec(pathname);
  if (!match) return null;
  let id: string;
  try {
    id = decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
  const variant = match[2]!;
  if (!AssetIdSchema.safeParse(id).success || !isMediaVariant(variant)) return null;
  return { id, variant };
}

export const IMPORT_OUTCOMES = ['imported', 'duplicate', 'rejected'] as const;

/** What became of one file of an import. */
export const ImportResultSchema = z.object({
  /** The file name, or its path relative to the dropped folder. */
  name: z.string(),
  outcome: z.enum(IMPORT_OUTCOMES),
  /** The new asset, or for a duplicate the asset it duplicates. */
  assetId: AssetIdSchema.nullable(),
  /** Why a file was rejected or which asset it duplicates, in a sentence. */
  reason: z.string().nullable(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

export const ImportReportSchema = z.object({
  results: z.array(ImportResultSchema),
  imported: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

export function summariseImport(results: ImportResult[]): ImportReport {
  const count = (outcome: ImportResult['outcome']) => results.filter((r) => r.outcome === outcome).length;
  return { results, imported: count('imported'), duplicates: count('duplicate'), rejected: count('rejected') };
}

/** "3 imported, 1 duplicate, 2 rejected": the one line a shell shows after an import. */
export function describeImport(report: ImportReport): string {
  const parts = [`${report.imported} imported`];
  if (report.duplicates > 0) parts.push(`${report.duplicates} duplicate${report.duplicates === 1 ? '' : 's'}`);
  if (report.rejected > 0) parts.push(`${report.rejected} rejected`);
  return parts.join(', ');
}

/** Pushed when assets change: the changed views, the removed ids, or `reset` when the whole list must be fetched again. */
export const AssetsChangedSchema = z.object({
  upserted: z.array(AssetViewSchema),
  removed: z.array(AssetIdSchema),
  reset: z.boolean(),
});
export type AssetsChanged = z.infer<typeof AssetsChangedSchema>;
