import fs from 'node:fs/promises';
import path from 'node:path';
import type { ApiMethodName, ApiInput, ApiOutput, ProjectInfo, ProjectState } from '../../shared/api';
import { describeImport } from '../../shared/assets';
import { ApiError } from '../../shared/errors';
import { isFinished } from '../../shared/jobs';
import { UserModelManifestSchema } from '../../shared/models/local-ai';
import { LOUDNESS_TARGETS, type LoudnessTarget } from '../../shared/render/render-plan';
import { DEFAULT_VIDEO_PRESET, EXPORT_PRESETS } from '../../shared/export/presets';
import type { MediaInfo } from '../../shared/media';
import type { Engine } from '../engine';
import { ANALYZE_COMMANDS } from './analyze-commands';
import { AUTOEDIT_COMMANDS } from './autoedit-commands';
import { GENERATE_COMMANDS } from './generate-commands';
import { UPSCALE_COMMANDS } from './upscale-commands';
import { followJob, JobFailedError } from './job-progress';
import { formatDeviceReport, formatModelList } from './model-report';
import { UsageError } from './usage-error';

/** Output of a command: `json` for --json, `text` for people. */
export interface CommandOutput {
  json: unknown;
  text: string;
  /** 0 unless the command finished with something the user must look at (a rejected file). */
  exitCode?: number;
}

export interface CliOption {
  name: string;
  type: 'string' | 'boolean';
  description: string;
  valueName?: string;
}

export interface CliCommand {
  path: readonly string[];
  positionals: readonly string[];
  summary: string;
  description?: string;
  options: readonly CliOption[];
  run(ctx: CommandContext): Promise<CommandOutput>;
}

export interface CommandContext {
  engine: Engine;
  args: readonly string[];
  options: Record<string, string | boolean | undefined>;
  cwd: string;
  json: boolean;
  /** Progress and logs; never stdout, which holds the result. */
  stderr: (text: string) => void;
  stderrIsTTY: boolean;
  /** Aborted when the user presses Ctrl+C. */
  interrupted: AbortSignal;
}

/** Runs one API call through the engine's validation, turning a typed error into an exception. */
export async function call<M extends ApiMethodName>(engine: Engine, method: M, params: ApiInput<M>): Promise<ApiOutput<M>> {
  const result = await engine.call(method, params, { caller: 'local' });
  if (!result.ok) throw ApiError.fromData(result.error);
  return result.value as ApiOutput<M>;
}

export const COMMANDS: readonly CliCommand[] = [
  {
    path: ['project', 'new'],
    positionals: ['dir'],
    summary: 'Create a project folder (".reelsmith" is appended when missing)',
    options: [{ name: 'name', type: 'string', valueName: 'N', description: 'Project name (default: the folder name)' }],
    async run({ engine, args, options, cwd }) {
      const name = typeof options.name === 'string' ? options.name : undefined;
      const state = await call(engine, 'project.create', {
        path: path.resolve(cwd, args[0]!),
        ...(name === undefined ? {} : { name }),
      });
      await call(engine, 'project.close', undefined);
      return { json: projectSummary(state), text: `Created “${state.document.name}” at ${state.path}` };
    },
  },
  {
    path: ['project', 'info'],
    positionals: ['dir'],
    summary: 'Show a project without opening it',
    options: [],
    async run({ engine, args, cwd }) {
      const info = await call(engine, 'project.info', { path: path.resolve(cwd, args[0]!) });
      return { json: info, text: formatInfo(info) };
    },
  },
  {
    path: ['project', 'backups'],
    positionals: ['dir'],
    summary: 'List the backups of a project, newest first',
    options: [],
    async run({ engine, args, cwd }) {
      const backups = await call(engine, 'project.listBackups', { path: path.resolve(cwd, args[0]!) });
      const text =
        backups.length === 0
          ? 'No backups yet.'
          : backups.map((b) => `${b.id}  ${b.savedAt}  ${b.bytes} bytes${b.valid ? '' : '  (damaged)'}`).join('\n');
      return { json: backups, text };
    },
  },
  {
    path: ['project', 'restore'],
    positionals: ['dir', 'backup'],
    summary: 'Put a backup in place of project.json (the current file is kept aside)',
    options: [],
    async run({ engine, args, cwd }) {
      const state = await call(engine, 'project.restoreBackup', { path: path.resolve(cwd, args[0]!), backupId: args[1]! });
      await call(engine, 'project.close', undefined);
      return { json: projectSummary(state), text: `Restored “${state.document.name}” from ${args[1]}` };
    },
  },
  {
    path: ['ffmpeg', 'info'],
    positionals: [],
    summary: 'Show which ffmpeg and ffprobe are used and the hardware encoders that work',
    options: [{ name: 'refresh', type: 'boolean', description: 'Test the encoders again instead of using the cached answer' }],
    async run({ engine, options }) {
      const info = await call(engine, 'ffmpeg.info', { refresh: options.refresh === true });
      const text = [
        `ffmpeg    ${info.ffmpeg.path} (${info.ffmpeg.version ?? 'unknown version'}, from ${info.ffmpeg.source})`,
        `ffprobe   ${info.ffprobe.path} (${info.ffprobe.version ?? 'unknown version'}, from ${info.ffprobe.source})`,
        `hardware  ${info.workingHardwareEncoders.length > 0 ? info.workingHardwareEncoders.join(', ') : 'no working hardware encoder; software encoding'}`,
      ].join('\n');
      return { json: info, text };
    },
  },
  {
    path: ['export'],
    positionals: ['media-file'],
    summary: 'Export a media file with a preset',
    description: `Presets: ${EXPORT_PRESETS.map((p) => p.id).join(', ')}.`,
    options: [
      { name: 'preset', type: 'string', valueName: 'NAME', description: 'Export preset (required)' },
      { name: 'o', type: 'string', valueName: 'OUT', description: 'Output file (required)' },
      { name: 'fit', type: 'string', valueName: 'MODE', description: 'letterbox (default) or crop' },
      { name: 'software', type: 'boolean', description: 'Do not use a hardware encoder' },
    ],
    async run(ctx) {
      const { engine, args, options, cwd } = ctx;
      if (typeof options.preset !== 'string') throw new UsageError('--preset is required');
      if (typeof options.o !== 'string') throw new UsageError('-o <out> is required');
      if (options.fit !== undefined && options.fit !== 'letterbox' && options.fit !== 'crop') {
        throw new UsageError('--fit is letterbox or crop');
      }
      const output = path.resolve(cwd, options.o);
      const submitted = await call(engine, 'export.file', {
        input: path.resolve(cwd, args[0]!),
        output,
        preset: options.preset,
        fit: options.fit === 'crop' ? 'crop' : 'letterbox',
        softwareOnly: options.software === true,
      });
      const job = await followJob(ctx, submitted);
      if (job.state === 'cancelled') throw new Error('Export cancelled; no file was written.');
      if (job.state === 'failed') throw new JobFailedError(job);
      return { json: { job, output }, text: `Exported ${output}` };
    },
  },
  {
    path: ['import'],
    positionals: ['project', 'paths...'],
    summary: 'Import media files and folders into a project, then make their thumbnails, waveforms and proxies',
    description:
      'Folders are searched recursively; the kind of each file is decided by probing it. Files already in the project ' +
      '(same content) are reported as duplicates. Exits with 1 when a file was rejected.',
    options: [{ name: 'no-derived', type: 'boolean', description: 'Do not wait for thumbnails, waveforms and proxies' }],
    async run(ctx) {
      const { engine, args, options, cwd } = ctx;
      await call(engine, 'project.open', { path: path.resolve(cwd, args[0]!) });
      try {
        const cancel = () => void cancelImportJobs(engine);
        ctx.interrupted.addEventListener('abort', cancel, { once: true });
        const report = await call(engine, 'assets.import', { paths: args.slice(1).map((p) => path.resolve(cwd, p)) });
        if (options['no-derived'] !== true && !ctx.interrupted.aborted) await followMediaWork(ctx);
        ctx.interrupted.removeEventListener('abort', cancel);
        const lines = report.results.map((r) => `${r.outcome.padEnd(9)} ${r.name}${r.reason ? `  (${r.reason})` : ''}`);
        return {
          json: report,
          text: [...lines, describeImport(report)].join('\n'),
          exitCode: report.rejected > 0 ? 1 : 0,
        };
      } finally {
        await call(engine, 'project.close', undefined);
      }
    },
  },
  {
    path: ['render'],
    positionals: ['timeline.json'],
    summary: 'Render a timeline file (docs/timeline-format.md) to a video or audio file',
    description: `Presets: ${EXPORT_PRESETS.filter((p) => p.kind === 'video' || p.kind === 'audio').map((p) => p.id).join(', ')}.`,
    options: [
      { name: 'o', type: 'string', valueName: 'OUT', description: 'Output file (required)' },
      { name: 'preset', type: 'string', valueName: 'NAME', description: `Export preset (default ${DEFAULT_VIDEO_PRESET}: the timeline's own frame size)` },
      { name: 'fit', type: 'string', valueName: 'MODE', description: 'letterbox (default) or crop' },
      { name: 'software', type: 'boolean', description: 'Do not use a hardware encoder' },
      { name: 'lossless', type: 'boolean', description: 'Copy the video without re-encoding (cuts must start on keyframes)' },
      { name: 'loudness', type: 'string', valueName: 'LUFS', description: 'Normalise the sound to -14, -16 or -23 LUFS, true peak at most -1 dBTP (--loudness -14)' },
    ],
    async run(ctx) {
      const { engine, args, options, cwd } = ctx;
      if (typeof options.o !== 'string') throw new UsageError('-o <out> is required');
      if (options.fit !== undefined && options.fit !== 'letterbox' && options.fit !== 'crop') {
        throw new UsageError('--fit is letterbox or crop');
      }
      const output = path.resolve(cwd, options.o);
      const submitted = await call(engine, 'render.file', {
        timeline: path.resolve(cwd, args[0]!),
        output,
        preset: typeof options.preset === 'string' ? options.preset : DEFAULT_VIDEO_PRESET,
        fit: options.fit === 'crop' ? 'crop' : 'letterbox',
        softwareOnly: options.software === true,
        method: options.lossless === true ? 'stream-copy' : 'encode',
        ...(options.loudness === undefined ? {} : { normalise: { target: loudnessTarget(options.loudness) } }),
      });
      const job = await followJob(ctx, submitted);
      if (job.state === 'cancelled') throw new Error('Render cancelled; no file was written.');
      if (job.state === 'failed') throw new JobFailedError(job);
      return { json: { job, output }, text: `Rendered ${output}${job.result?.includes('LUFS') ? `\n${job.result}` : ''}` };
    },
  },
  {
    path: ['probe'],
    positionals: ['file'],
    summary: 'Show a media file’s container, duration and streams (no project needed)',
    options: [],
    async run({ engine, args, cwd }) {
      const info = await call(engine, 'media.probe', { path: path.resolve(cwd, args[0]!) });
      return { json: info, text: formatMediaInfo(info) };
    },
  },
  {
    path: ['models', 'list'],
    positionals: [],
    summary: 'List the AI models (bundled and your own) with their licence and status',
    options: [],
    async run({ engine }) {
      const models = await call(engine, 'models.list', {});
      return { json: models, text: formatModelList(models) };
    },
  },
  {
    path: ['models', 'verify'],
    positionals: [],
    summary: 'Check every model file against its size and sha256; exits with 1 when one is missing or damaged',
    options: [],
    async run({ engine }) {
      const models = await call(engine, 'models.list', { refresh: true });
      const bad = models.filter((m) => m.status !== 'ok');
      const text = bad.length === 0 ? `All ${models.length} models are intact.` : bad.map((m) => `${m.id} is ${m.status}: ${m.message}`).join('\n');
      return { json: models, text, exitCode: bad.length === 0 ? 0 : 1 };
    },
  },
  {
    path: ['models', 'import'],
    positionals: ['model.onnx', 'manifest.json'],
    summary: 'Add your own model: the .onnx and a short manifest (id, name, task, licence, source, inputs, outputs)',
    description:
      'Tasks: image-generator, image-to-image, audio-frame-classifier (see resources/models/models.json for examples). ' +
      'The inputs and outputs are checked against the model; the file is copied into your models folder.',
    options: [],
    async run({ engine, args, cwd }) {
      const manifestPath = path.resolve(cwd, args[1]!);
      let text: string;
      try {
        text = await fs.readFile(manifestPath, 'utf8');
      } catch (error) {
        throw new Error(`${manifestPath} cannot be read: ${(error as Error).message}`);
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new Error(`${manifestPath} is not JSON.`);
      }
      const manifest = UserModelManifestSchema.safeParse(parsed);
      if (!manifest.success) {
        const issue = manifest.error.issues[0];
        throw new Error(`${manifestPath}: ${issue?.path.join('.') || 'the manifest'}: ${issue?.message ?? 'not a model manifest'}`);
      }
      const listing = await call(engine, 'models.importUser', { file: path.resolve(cwd, args[0]!), manifest: manifest.data });
      return { json: listing, text: `Imported ${listing.name} (${listing.id}): ${listing.status}` };
    },
  },
  {
    path: ['models', 'device'],
    positionals: [],
    summary: 'Show the execution providers tried, the one in use, and a timed warm-up run of each bundled model',
    options: [],
    async run({ engine }) {
      const report = await call(engine, 'inference.device', undefined);
      return { json: report, text: formatDeviceReport(report) };
    },
  },
  ...ANALYZE_COMMANDS,
  ...AUTOEDIT_COMMANDS,
  ...UPSCALE_COMMANDS,
  ...GENERATE_COMMANDS,
  {
    path: ['version'],
    positionals: [],
    summary: 'Print the Reelsmith version',
    options: [],
    async run({ engine }) {
      const info = await call(engine, 'app.info', undefined);
      const json = { name: info.name, version: info.version, node: process.versions.node, platform: info.platform, arch: info.arch };
      return { json, text: `reelsmith ${info.version} (node ${process.versions.node}, ${info.platform} ${info.arch})` };
    },
  },
];

/** Ctrl+C during an import stops it and the background work it started. */
async function cancelImportJobs(engine: Engine): Promise<void> {
  for (const job of await call(engine, 'jobs.list', undefined)) {
    if ((job.kind === 'import' || job.kind.startsWith('media.')) && !isFinished(job.state)) {
      await call(engine, 'jobs.cancel', { id: job.id });
    }
  }
}

/** Waits until thumbnails, filmstrips, waveforms and proxies are made, counting them down on a terminal. */
async function followMediaWork(ctx: CommandContext): Promise<void> {
  let made = 0;
  let failed = 0;
  const unsubscribe = ctx.engine.subscribe((event) => {
    if (event.event !== 'job.changed' || !event.payload.job.kind.startsWith('media.')) return;
    const { job } = event.payload;
    if (job.state === 'succeeded') made += 1;
    else if (job.state === 'failed') {
      failed += 1;
      ctx.stderr(`${ctx.stderrIsTTY ? '\n' : ''}${job.title}: ${job.error?.message ?? 'failed'}\n`);
    }
    if (ctx.stderrIsTTY) ctx.stderr(`\rPreparing media: ${made} made${failed > 0 ? `, ${failed} failed` : ''}  `);
  });
  const interrupted = new Promise<void>((resolve) => ctx.interrupted.addEventListener('abort', () => resolve(), { once: true }));
  try {
    await Promise.race([ctx.engine.whenMediaIdle(), interrupted]);
  } finally {
    unsubscribe();
    if (ctx.stderrIsTTY && made + failed > 0) ctx.stderr('\n');
  }
}

function projectSummary(state: ProjectState) {
  return { path: state.path, id: state.document.id, name: state.document.name, createdAt: state.document.createdAt };
}

function formatInfo(info: ProjectInfo): string {
  const { frameRate, frameSize, sampleRate } = info.settings;
  const fps = frameRate.den === 1 ? `${frameRate.num}` : (frameRate.num / frameRate.den).toFixed(3);
  const rows: [string, string][] = [
    ['Name', info.name],
    ['Path', info.path],
    ['Created', info.createdAt],
    ['Modified', info.modifiedAt],
    ['Schema', String(info.schemaVersion)],
    ['Defaults', `${frameSize.width}x${frameSize.height} @ ${fps} fps, ${sampleRate} Hz`],
    ['Sequences', String(info.sequenceCount)],
    ['Assets', String(info.assetCount)],
    ['Backups', String(info.backups)],
    ['Lock', info.lockedBy ? `open in process ${info.lockedBy.pid} on ${info.lockedBy.host} since ${info.lockedBy.since}` : 'not open anywhere'],
  ];
  return rows.map(([k, v]) => `${k.padEnd(10)} ${v}`).join('\n');
}

function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const ss = s.toFixed(3).padStart(6, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export function formatMediaInfo(info: MediaInfo): string {
  const rows: [string, string][] = [
    ['Kind', info.kind],
    ['Container', info.container ?? 'unknown'],
  ];
  if (info.kind !== 'image') rows.push(['Duration', info.duration === null ? 'unknown' : formatDuration(info.duration)]);
  if (info.sizeBytes !== null) rows.push(['Size', `${info.sizeBytes} bytes${info.bitRate ? `, ${Math.round(info.bitRate / 1000)} kb/s` : ''}`]);
  if (info.creationTime) rows.push(['Created', info.creationTime]);
  const v = info.video;
  if (v) {
    const parts = [`${v.codec} ${v.width}×${v.height}`];
    const extras: string[] = [];
    if (v.displayWidth !== v.width || v.displayHeight !== v.height) extras.push(`display ${v.displayWidth}×${v.displayHeight}`);
    if (v.sar.num !== v.sar.den) extras.push(`SAR ${v.sar.num}:${v.sar.den}, DAR ${v.dar.num}:${v.dar.den}`);
    if (v.rotation !== 0) extras.push(`rotated ${v.rotation}°`);
    if (extras.length > 0) parts.push(`(${extras.join(', ')})`);
    if (v.frameRate) {
      const fps = v.frameRate.num / v.frameRate.den;
      parts.push(`${Number.isInteger(fps) ? fps : fps.toFixed(2)} fps${v.variableFrameRate ? ' VFR' : ''}`);
    }
    if (v.pixelFormat) parts.push(v.pixelFormat);
    if (v.bitDepth) parts.push(`${v.bitDepth}-bit`);
    if (v.hasAlpha) parts.push('alpha');
    rows.push([info.kind === 'image' ? 'Image' : 'Video', parts.join(' ')]);
  }
  for (const a of info.audio) {
    const layout = a.channelLayout ?? `${a.channels} channels`;
    rows.push(['Audio', `#${a.index} ${a.codec} ${layout}${a.sampleRate ? ` ${a.sampleRate} Hz` : ''}${a.language ? ` [${a.language}]` : ''}`]);
  }
  for (const s of info.subtitles) rows.push(['Subtitles', `#${s.index} ${s.codec}${s.language ? ` [${s.language}]` : ''}`]);
  const c = info.attachedPicture;
  if (c) rows.push(['Cover art', `#${c.index} ${c.codec}${c.width && c.height ? ` ${c.width}×${c.height}` : ''}`]);
  return rows.map(([k, val]) => `${k.padEnd(10)} ${val}`).join('\n');
}

/** `--loudness -14`: one of the targets exports offer. Every target is negative, so "14" means −14 LUFS too. */
export function loudnessTarget(value: string | boolean): LoudnessTarget {
  const written = String(value).trim().replace(/^(?=\d)/, '-');
  const target = LOUDNESS_TARGETS.find((t) => String(t) === written);
  if (target === undefined) throw new UsageError(`--loudness is one of ${LOUDNESS_TARGETS.join(', ')} (LUFS)`);
  return target;
}
