import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { AppInfo, ShellKind } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import { isFinished, type Job } from '../../shared/jobs';
import { EditRejected, nextSequenceName } from '../../shared/project/edits';
import type { CallResult } from '../../shared/wire';
import { dispatch, type ApiHandlers, type DispatchOptions } from './api/dispatch';
import { defaultConfigDir, defaultProjectsDir } from './config/paths';
import { EngineEvents, type EventListener } from './events';
import { exportJob } from './export/export-job';
import { presetAvailability } from './export/preset-availability';
import { detectCapabilities, type FfmpegCapabilities } from './ffmpeg/capabilities';
import { locateTool, ToolNotFoundError } from './ffmpeg/locate';
import { probeFile, ProbeError } from './media/probe';
import { JobHistory } from './jobs/job-history';
import { defaultCpuSlots, JobQueue } from './jobs/job-queue';
import { PartialFiles, partialOutputsDir } from './jobs/partial-files';
import { ProjectService, type ProjectServiceOptions } from './project/project-service';
import { RecentProjects } from './recent/recent-projects';
import { APP_VERSION } from './version';
import { AssetLibrary } from './assets/asset-library';
import { collectFiles } from './assets/collect-files';
import { relinkAssets } from './assets/relink';
import { reprobedAssets } from './assets/reprobe';
import { runImport } from './assets/run-import';
import { Uploads } from './assets/uploads';
import { derivedMediaMakers } from './media/derived/makers';
import type { ServedMedia } from './serving/media-response';
import { summariseImport, type MediaVariant } from '../../shared/assets';
import { tagPatches } from '../../shared/project/asset-patches';
import { RenderPlanSchema, type LoudnessNormalise, type RenderPlanInput } from '../../shared/render/render-plan';
import type { RenderMethod } from '../../shared/render/render-request';
import { sequenceRenderPlan, UnrenderableSequence } from '../../shared/timeline/render-plan';
import { newTimeline } from '../../shared/timeline/timeline';
import { parseTimelineFile, TimelineFileError } from '../../shared/timeline/timeline-file';
import type { FitMode } from '../../shared/export/presets';
import { renderJob } from './render/render-job';
import type { NormalisationResult } from './render/loudness-normalise';
import { checkStreamCopy, KeyframeIndex } from './render/stream-copy';
import { OutputNames, planOfSequence } from './render/sequence-export';
import { findPreset } from '../../shared/export/presets';
import { sequenceShapeOf } from '../../shared/timeline/sequence-shape';
import type { Readable } from 'node:stream';
import type { LaunchHost } from './inference/host-client';
import { forkHostLauncher } from './inference/host-entry';
import { InferenceService } from './inference/inference-service';
import { bundledModelsDir } from './inference/model-folders';
import { ModelImportError } from './inference/model-import';
import { AnalysisService, type Analyzers } from './analysis/analysis-service';
import { engineAnalyzers } from './analysis/engine-analyzers';
import { analyzeSilence } from './analysis/loudness/analyze-silence';
import { AutoEditService } from './autoedit/auto-edit-service';
import { GenerateService } from './generate/generate-service';
import { AnalysisRequestSchema } from '../../shared/analysis/analysis';

/** The analyses the gallery's detail panel summarises: each kind with its default settings. */
const DEFAULT_ANALYSES = {
  speech: AnalysisRequestSchema.parse({ kind: 'speech' }),
  loudness: AnalysisRequestSchema.parse({ kind: 'loudness' }),
  scenes: AnalysisRequestSchema.parse({ kind: 'scenes' }),
};

interface RenderOptions {
  output: string;
  preset: string;
  fit: FitMode;
  softwareOnly: boolean;
  method: RenderMethod;
  normalise?: LoudnessNormalise | undefined;
}

/** What a shell can do that the engine cannot (native dialogs exist only in Electron). */
export interface ShellHost {
  pickFolder?: (title: string | undefined) => Promise<string | null>;
  /** A native open dialog for media files; resolves with the chosen paths (none when cancelled). */
  pickFiles?: () => Promise<string[]>;
  /** A native save dialog for an export; resolves with the chosen path, or null when cancelled. */
  pickSaveFile?: (suggestion: { defaultName: string; extension: string }) => Promise<string | null>;
}

export interface EngineOptions {
  shell: ShellKind;
  configDir?: string;
  projectsDir?: string;
  host?: ShellHost;
  project?: Omit<ProjectServiceOptions, 'onChange' | 'onOpened'>;
  /** ffmpeg processes that may run at once; sized to the machine by default. */
  cpuSlots?: number;
  onInternalError?: (method: string, error: unknown) => void;
  /** The analyses behind `analysis.run`; the real ones by default (tests pass fakes). */
  analyzers?: Analyzers;
  /** How the inference host is started (Electron's utilityProcess in the app) and where bundled models are. */
  inference?: { launch?: LaunchHost; bundledModelsDir?: string | null };
}

export interface Engine {
  readonly info: AppInfo;
  call(method: string, params: unknown, options?: Pick<DispatchOptions, 'bytes' | 'caller'>): Promise<CallResult>;
  subscribe(listener: EventListener): () => void;
  /** Resolves when the job has finished (for the CLI, which waits on its own jobs). */
  whenJobSettled(id: string): Promise<Job>;
  /** Resolves when no thumbnail, filmstrip, waveform or proxy is waiting to be made. */
  whenMediaIdle(): Promise<void>;
  /** What the media servers need: files by asset id (never by path), and browser uploads. */
  readonly media: {
    resolve(id: string, variant: MediaVariant): Promise<ServedMedia | null>;
    receiveUpload(name: string, body: Readable): Promise<{ uploadId: string }>;
  };
  /** Cancels running jobs, saves the open project and releases its lock. */
  dispose(): Promise<void>;
}

/** The composition root: builds every service once and binds the API contract to them. */
export function createEngine(options: EngineOptions): Engine {
  const configDir = options.configDir ?? defaultConfigDir();
  const events = new EngineEvents();
  const recent = new RecentProjects(configDir);
  const partials = new PartialFiles(partialOutputsDir(configDir));
  let history: { folder: string; store: Promise<JobHistory> } | null = null;
  /** Settles when every finished job so far is in its project's history file; dispose waits for it. */
  let historyWrites: Promise<void> = Promise.resolve();
  /** The open project's name as the recent list shows it, so a rename reaches the list. */
  let listedName: string | null = null;

  const cpuSlots = options.cpuSlots ?? defaultCpuSlots(os.availableParallelism());
  /** Files fingerprinted and probed at once (imports, refresh): ffprobe mostly waits on the disk. */
  const probeConcurrency = Math.max(2, cpuSlots * 2);
  const jobs = new JobQueue({
    slots: { cpu: cpuSlots, inference: 1 },
    partials,
    onChange: (job) => {
      events.emit('job.changed', { job });
      if (isFinished(job.state) && !(job.transient && job.state === 'succeeded') && history) {
        const recorded = history.store.then((h) => h.record(job)).catch(() => undefined);
        historyWrites = historyWrites.then(() => recorded);
      }
    },
  });
  // Outputs half-written by a process that was killed are removed before anything else runs.
  const cleaned = partials.cleanStale().catch(() => []);

  let capabilities: Promise<FfmpegCapabilities> | null = null;
  const ffmpeg = (refresh = false) => {
    if (refresh || !capabilities) {
      capabilities = detectCapabilities(configDir, { refresh });
      capabilities.catch(() => (capabilities = null));
    }
    return capabilities;
  };

  const library = new AssetLibrary({
    jobs,
    makers: derivedMediaMakers(() => locateTool('ffmpeg').path),
    emit: (change) => events.emit('assets.changed', change),
    maxQueuedJobs: cpuSlots + 1,
  });
  const uploads = new Uploads();
  const inference = new InferenceService({
    configDir,
    bundledModelsDir: options.inference?.bundledModelsDir === undefined ? bundledModelsDir() : options.inference.bundledModelsDir,
    launch: options.inference?.launch ?? forkHostLauncher(),
    availableParallelism: os.availableParallelism(),
    onStatus: (status) => events.emit('inference.changed', { status }),
  });
  let uploadsFolder: string | null = null;
  const analysis = new AnalysisService({
    jobs,
    analyzers: options.analyzers ?? engineAnalyzers(inference),
    project: () => {
      const open = projects.openDocument();
      return open ? { folder: open.folder, assets: open.document.assets } : null;
    },
    onChange: (assetId, kind) => events.emit('analysis.changed', { assetId, kind }),
  });
  const generate = new GenerateService({
    jobs,
    inference,
    ffmpeg: () => {
      try {
        return locateTool('ffmpeg').path;
      } catch (error) {
        if (error instanceof ToolNotFoundError) throw new ApiError('UNSUPPORTED', error.message);
        throw error;
      }
    },
    openDocument: () => projects.openDocument(),
    importPaths: (paths) => importPaths(paths),
    edit: (edit) => projects.edit(edit),
  });
  const autoEdits = new AutoEditService({
    jobs,
    analysis,
    openDocument: () => projects.openDocument(),
    editWith: (make) => projects.editWith(make),
    silence: (file, params, silenceOptions) => analyzeSilence(file, params, silenceOptions),
  });

  const projects = new ProjectService({
    ...options.project,
    onChange: (state) => {
      library.sync(projects.openDocument());
      if ((state?.path ?? null) !== uploadsFolder) {
        uploadsFolder = state?.path ?? null;
        void uploads.open(uploadsFolder).catch(() => undefined);
      }
      if (state && state.document.name !== listedName) {
        listedName = state.document.name;
        void recent
          .rename(state.path, state.document.name)
          .then(async (changed) => changed && events.emit('recent.changed', { recent: await recent.list() }))
          .catch(() => undefined);
      }
      if (state?.path !== history?.folder) {
        history = state ? { folder: state.path, store: JobHistory.open(state.path) } : null;
      }
      events.emit('project.changed', { state });
    },
    onSaveState: (saved) => events.emit('project.saved', saved),
    onOpened: async (entry) => {
      await recent.touch(entry);
      events.emit('recent.changed', { recent: await recent.list() });
    },
  });

  const ffprobePath = () => {
    try {
      return locateTool('ffprobe').path;
    } catch (error) {
      if (error instanceof ToolNotFoundError) throw new ApiError('UNSUPPORTED', error.message);
      throw error;
    }
  };
  const requireProject = () => {
    const open = projects.openDocument();
    if (!open) throw new ApiError('NO_PROJECT_OPEN', 'No project is open. Create or open one first.');
    return open;
  };
  const keyframes = new KeyframeIndex();
  const outputNames = new OutputNames();
  const parsePlan = (plan: RenderPlanInput) => {
    try {
      return RenderPlanSchema.parse(plan);
    } catch (error) {
      throw new ApiError('INVALID_PARAMS', `The sequence cannot be rendered: ${(error as Error).message}`);
    }
  };
  /** A finished export lands in the gallery of the project it was made from. */
  const landInGallery = (projectFolder: string, output: string, job: Job) => {
    void jobs.whenSettled(job.id).then(async (settled) => {
      if (settled.state === 'succeeded' && projects.openDocument()?.folder === projectFolder) {
        await importPaths([path.resolve(output)]).catch(() => undefined);
      }
    });
    return job;
  };
  /** Loudness before and after of the latest normalised renders, by job id, for `render.loudness`. */
  const normalisations = new Map<string, NormalisationResult>();
  const submitRender = async (plan: RenderPlanInput, request: RenderOptions) => {
    const parsed = parsePlan(plan);
    const caps = await ffmpeg();
    await cleaned;
    let jobId = '';
    const remember = (result: NormalisationResult) => {
      normalisations.set(jobId, result);
      // Only recent renders are asked about; older ones are forgotten so the map stays small.
      for (const old of normalisations.keys()) if (normalisations.size > 32) normalisations.delete(old);
    };
    const job = jobs.submit(
      renderJob(
        caps,
        {
          plan: parsed,
          output: path.resolve(request.output),
          presetId: request.preset,
          fit: request.fit,
          softwareOnly: request.softwareOnly,
          method: request.method,
          ...(request.normalise ? { normalise: request.normalise } : {}),
        },
        { keyframes, onNormalised: remember },
      ),
    );
    jobId = job.id;
    return job;
  };
  const planOrRefuse = (make: () => RenderPlanInput) => {
    try {
      return make();
    } catch (error) {
      if (error instanceof UnrenderableSequence) throw new ApiError('INVALID_PARAMS', error.message);
      throw error;
    }
  };

  const importPaths = async (paths: string[]) => {
    requireProject();
    const { files, unusable } = await collectFiles(paths);
    return runImport({
      jobs,
      projects,
      ffprobe: ffprobePath(),
      sources: files.map((f) => ({ ...f, stored: false })),
      unusable,
      concurrency: probeConcurrency,
    });
  };

  const info: AppInfo = {
    name: 'Reelsmith',
    version: APP_VERSION,
    shell: options.shell,
    platform: process.platform,
    arch: process.arch,
    pathSeparator: path.sep === '\\' ? '\\' : '/',
    projectsDir: options.projectsDir ?? defaultProjectsDir(),
    configDir,
    capabilities: { folderDialog: options.host?.pickFolder !== undefined },
  };

  const handlers: ApiHandlers = {
    'app.info': () => info,
    'dialog.pickFolder': async ({ title }) => {
      if (!options.host?.pickFolder) {
        throw new ApiError('UNSUPPORTED', 'Folder dialogs exist only in the desktop app; type the path instead.');
      }
      return { path: await options.host.pickFolder(title) };
    },
    'recent.list': () => recent.list(),
    'recent.remove': async ({ path: projectPath }) => {
      await recent.remove(projectPath);
      const list = await recent.list();
      events.emit('recent.changed', { recent: list });
      return list;
    },
    'project.create': (input) => projects.create(input),
    'project.open': (input) => projects.openProject(input),
    'project.info': (input) => projects.info(input),
    'project.current': () => projects.current(),
    'project.save': () => projects.save(),
    'project.close': () => projects.close(),
    'project.undo': () => projects.undo(),
    'project.redo': () => projects.redo(),
    'project.rename': ({ name }) => projects.edit({ type: 'project.rename', name }),
    'project.updateSettings': (settings) => projects.edit({ type: 'project.settings', ...settings }),
    'project.listBackups': (input) => projects.listBackups(input),
    'project.restoreBackup': (input) => projects.restoreBackup(input),
    'sequence.create': ({ name, shapeFrom }) =>
      projects.editWith((doc) => {
        const asset = shapeFrom === undefined ? null : doc.assets.find((a) => a.id === shapeFrom);
        if (asset === undefined) throw new ApiError('NOT_FOUND', `There is no asset with id ${shapeFrom}.`);
        // A sequence for a video takes its frame, so its clips are neither scaled nor given repeated frames.
        const shape = sequenceShapeOf(asset?.kind === 'video' ? asset.media.video : null, doc.settings);
        return {
          type: 'sequence.insert',
          index: doc.sequences.length,
          sequence: {
            id: randomUUID(),
            name: name ?? nextSequenceName(doc),
            frameRate: shape.frameRate,
            frameSize: shape.frameSize,
            createdAt: new Date().toISOString(),
            timeline: newTimeline(),
          },
        };
      }),
    'sequence.rename': ({ id, name }) => projects.edit({ type: 'sequence.rename', id, name }),
    'sequence.delete': ({ id }) => projects.edit({ type: 'sequence.remove', id }),
    'sequence.edit': ({ sequenceId, command, coalesce }) =>
      projects.edit({ type: 'sequence.command', sequenceId, command }, coalesce === undefined ? {} : { coalesce }),
    'sequence.render': async ({ id, range, ...request }) => {
      const open = requireProject();
      return landInGallery(open.folder, request.output, await submitRender(planOfSequence(open.document, id, range), request));
    },
    'sequence.exportCheck': async ({ id, preset, range }) => {
      const plan = parsePlan(planOfSequence(requireProject().document, id, range));
      const extension = findPreset(preset)?.extension ?? '';
      return { frames: plan.duration, streamCopy: await checkStreamCopy(await ffmpeg(), plan, extension, keyframes) };
    },
    'sequence.export': async ({ id, name, range, destination, ...request }) => {
      const open = requireProject();
      const plan = planOfSequence(open.document, id, range);
      const extension = findPreset(request.preset)?.extension ?? '';
      if (destination === 'choose') {
        if (!options.host?.pickSaveFile) {
          throw new ApiError('UNSUPPORTED', 'Save dialogs exist only in the desktop app; the export goes to the project’s renders folder.');
        }
        const output = await options.host.pickSaveFile({ defaultName: `${name}${extension}`, extension });
        if (output === null) return null;
        return { job: landInGallery(open.folder, output, await submitRender(plan, { ...request, output })), fileName: path.basename(output) };
      }
      const claimed = await outputNames.claim(path.join(open.folder, 'renders'), name, extension);
      try {
        const job = await submitRender(plan, { ...request, output: claimed.path });
        void jobs.whenSettled(job.id).finally(claimed.release);
        return { job: landInGallery(open.folder, claimed.path, job), fileName: path.basename(claimed.path) };
      } catch (error) {
        claimed.release();
        throw error;
      }
    },
    'render.file': async (request) => {
      const file = path.resolve(request.timeline);
      let text: string;
      try {
        text = await fs.readFile(file, 'utf8');
      } catch {
        throw new ApiError('NOT_FOUND', `The timeline file ${file} cannot be read.`);
      }
      let parsed;
      try {
        parsed = parseTimelineFile(text);
      } catch (error) {
        if (error instanceof TimelineFileError) throw new ApiError('INVALID_PARAMS', error.message);
        throw error;
      }
      const ffprobe = ffprobePath();
      const media = new Map<string, { path: string; hasSound: boolean }>();
      for (const entry of parsed.media) {
        const source = path.resolve(path.dirname(file), entry.path);
        try {
          media.set(entry.assetId, { path: source, hasSound: (await probeFile(ffprobe, source)).audio.length > 0 });
        } catch (error) {
          if (error instanceof ProbeError) throw new ApiError('INVALID_PARAMS', `${entry.path}: ${error.message}`);
          throw error;
        }
      }
      const plan = planOrRefuse(() => sequenceRenderPlan(parsed, parsed.sampleRate, (id) => media.get(id) ?? null));
      return submitRender(plan, request);
    },
    'render.loudness': ({ jobId }) => {
      const result = normalisations.get(jobId);
      return result ? { target: result.target, before: result.before, after: result.after } : null;
    },
    'jobs.list': async () => {
      const live = jobs.list();
      const earlier = history ? (await history.store).list().filter((j) => !live.some((l) => l.id === j.id)) : [];
      return [...live, ...earlier].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },
    'jobs.cancel': ({ id }) => jobs.cancel(id),
    'jobs.retry': ({ id }) => jobs.retry(id),
    'jobs.clearFinished': async () => {
      jobs.clearFinished();
      if (history) await (await history.store).clear();
      return jobs.list();
    },
    'ffmpeg.info': async ({ refresh }) => {
      const caps = await ffmpeg(refresh ?? false);
      return { ffmpeg: caps.ffmpeg, ffprobe: caps.ffprobe, workingHardwareEncoders: caps.workingHardwareEncoders, checkedAt: caps.checkedAt };
    },
    'export.presets': async () => presetAvailability(await ffmpeg()),
    'export.file': async (request) => {
      const caps = await ffmpeg();
      await cleaned;
      const job = jobs.submit(
        exportJob(caps, {
          input: path.resolve(request.input),
          output: path.resolve(request.output),
          presetId: request.preset,
          fit: request.fit,
          softwareOnly: request.softwareOnly,
        }),
      );
      return job;
    },
    'assets.list': () => library.list(),
    'assets.import': ({ paths }) => importPaths(paths),
    'assets.importFromDialog': async () => {
      if (!options.host?.pickFiles) {
        throw new ApiError('UNSUPPORTED', 'File dialogs exist only in the desktop app; drop files on the gallery instead.');
      }
      requireProject();
      const paths = await options.host.pickFiles();
      return paths.length === 0 ? summariseImport([]) : importPaths(paths);
    },
    'assets.importUploads': async ({ uploads: ids }) => {
      requireProject();
      const { sources, unknown } = await uploads.take(ids);
      return runImport({
        jobs,
        projects,
        ffprobe: ffprobePath(),
        sources,
        unusable: unknown.map((id) => ({ name: id, reason: 'This upload is unknown or was already imported; upload the file again.' })),
        concurrency: probeConcurrency,
      });
    },
    'assets.update': async ({ ids, addTags, removeTags, favourite }) => {
      let patches;
      try {
        patches = tagPatches(requireProject().document.assets, ids, { addTags, removeTags, favourite });
      } catch (error) {
        if (error instanceof EditRejected) throw new ApiError('NOT_FOUND', error.message);
        throw error;
      }
      // Nothing would change: no empty step on the undo stack.
      if (patches.length > 0) await projects.edit({ type: 'assets.patch', patches });
      return null;
    },
    'assets.remove': async ({ ids }) => {
      await projects.edit({ type: 'assets.remove', ids: [...new Set(ids)] });
      return null;
    },
    'assets.relink': async ({ folder }) => {
      const open = requireProject();
      const found = await relinkAssets(open.document.assets, library.missingIds(), path.resolve(folder), path.join(open.folder, 'media'));
      if (found.patches.length > 0) await projects.edit({ type: 'assets.patch', patches: found.patches });
      return { relinked: found.patches.length, missing: found.stillMissing };
    },
    'assets.refresh': async ({ ids }) => {
      const open = requireProject();
      // Probed again: a newer Reelsmith reads more (HDR, a JPEG's orientation), and what changed is made again.
      const wanted = new Set(ids);
      const changed = await reprobedAssets(locateTool('ffprobe').path, open.document.assets.filter((asset) => wanted.has(asset.id)), probeConcurrency);
      for (const { asset } of changed) await library.discardDerived(asset);
      if (changed.length > 0) await projects.edit({ type: 'assets.patch', patches: changed.map(({ asset, media }) => ({ id: asset.id, media })) });
      library.refresh(ids);
      return null;
    },
    'media.probe': async ({ path: file }) => {
      try {
        return await probeFile(locateTool('ffprobe').path, path.resolve(file));
      } catch (error) {
        if (error instanceof ToolNotFoundError) throw new ApiError('UNSUPPORTED', error.message);
        if (error instanceof ProbeError) throw new ApiError(error.reason === 'missing' ? 'NOT_FOUND' : 'INVALID_PARAMS', error.message);
        throw error;
      }
    },
    'models.list': ({ refresh }) => inference.listModels(refresh ?? false),
    'models.importUser': async ({ file, manifest }) => {
      try {
        return await inference.importUser(path.resolve(file), manifest);
      } catch (error) {
        if (error instanceof ModelImportError) throw new ApiError('INVALID_PARAMS', error.message);
        throw error;
      }
    },
    'inference.status': () => inference.getStatus(),
    'inference.setForceCpu': ({ forceCpu }) => inference.setForceCpu(forceCpu),
    'inference.device': () => inference.device(),
    'analysis.run': ({ assetId, request }) => analysis.run(assetId, request),
    'analysis.get': ({ assetId, request }) => analysis.get(assetId, request),
    'analysis.summary': ({ assetId }) => analysis.summary(assetId, DEFAULT_ANALYSES),
    'autoedit.deadAir': ({ assetId, request }) => autoEdits.deadAir(assetId, request),
    'autoedit.scenes': ({ assetId }) => autoEdits.scenes(assetId),
    'generate.upscale': ({ assetId, scale, quality }) => generate.upscale(assetId, scale, quality),
    'generate.models': () => generate.models(),
    'generate.sample': (request) => generate.sample(request),
    'generate.loop': (request) => generate.loop(request),
    'generate.variations': (request) => generate.variations(request),
    'generate.morph': (request) => generate.morph(request),
    'generate.regenerate': ({ assetId }) => generate.regenerate(assetId),
    'autoedit.recut': ({ sequenceId, request, replaceEdits }) => autoEdits.recut(sequenceId, request, replaceEdits),
  };

  return {
    info,
    call: (method, params, callOptions) =>
      dispatch(handlers, method, params, { ...callOptions, onInternalError: options.onInternalError }),
    subscribe: (listener) => events.subscribe(listener),
    whenJobSettled: (id) => jobs.whenSettled(id),
    whenMediaIdle: () => library.whenIdle(),
    media: {
      resolve: (id, variant) => library.resolve(id, variant),
      receiveUpload: (name, body) => uploads.receive(name, body),
    },
    dispose: async () => {
      inference.dispose();
      library.dispose();
      await jobs.shutdown();
      // The jobs that shutdown cancelled are recorded too, before the project folder is let go.
      await historyWrites;
      await projects.dispose();
    },
  };
}
