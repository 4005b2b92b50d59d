import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnalysisRequestSchema, type AnalysisKind, type AnalysisRequestInput } from '../../../shared/analysis/analysis';
import type { Asset } from '../../../shared/assets';
import { ApiError } from '../../../shared/errors';
import { JobQueue } from '../jobs/job-queue';
import { PartialFiles } from '../jobs/partial-files';
import { AnalysisService, analysisFile, type Analyzers } from './analysis-service';

const talk: Asset = {
  id: '2f0b4f9e-8d3c-4b8e-9a51-0c6d2f7e1a01',
  name: 'talk.wav',
  kind: 'audio',
  path: '/media/talk.wav',
  stored: false,
  fingerprint: `v1:100:${'ab'.repeat(32)}`,
  sizeBytes: 100,
  addedAt: '2026-01-01T00:00:00.000Z',
  media: {
    kind: 'audio',
    container: 'wav',
    duration: 10,
    sizeBytes: 100,
    bitRate: null,
    creationTime: null,
    video: null,
    audio: [{ index: 0, codec: 'pcm_s16le', channels: 1, channelLayout: 'mono', sampleRate: 16000, language: null }],
    subtitles: [],
    attachedPicture: null,
  },
  tags: [],
  favourite: false,
};

let folder: string;
let jobs: JobQueue;
let calls: number;
let changes: [string, AnalysisKind][];
let release: () => void;

const request = (input: AnalysisRequestInput) => AnalysisRequestSchema.parse(input);

const analyzers: Analyzers = {
  speech: async (_file, req) => {
    calls++;
    await new Promise<void>((resolve) => (release = resolve));
    return {
      provider: 'cpu',
      analysis: { duration: 10, audioStream: 0, modelId: 'silero-vad-v5', sampleRate: 8000, frameSeconds: 0.032, segments: [{ start: 1, end: 4, confidence: 0.9 }], speechRatio: 0.3, params: req.params },
    };
  },
  loudness: async () => {
    throw new Error('ffmpeg could not read the file');
  },
  scenes: async () => {
    throw new Error('not used');
  },
};

function service() {
  return new AnalysisService({ jobs, analyzers, project: () => ({ folder, assets: [talk] }), onChange: (id, kind) => changes.push([id, kind]) });
}

beforeEach(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-analysis-'));
  jobs = new JobQueue({ slots: { cpu: 1, inference: 1 }, partials: new PartialFiles(path.join(folder, 'registry')), progressIntervalMs: 0 });
  calls = 0;
  changes = [];
});
afterEach(async () => {
  await jobs.shutdown();
  await fs.rm(folder, { recursive: true, force: true });
});

describe('AnalysisService', () => {
  it('runs an analysis once as a job, caches it by fingerprint and request, and says where the model ran', async () => {
    const analysis = service();
    const speech = request({ kind: 'speech' });
    expect(await analysis.get(talk.id, speech)).toBeNull();
    const job = analysis.run(talk.id, speech);
    // Asking again while it runs gives the same job, not a second analysis.
    expect(analysis.run(talk.id, request({ kind: 'speech', params: {} })).id).toBe(job.id);
    await expect.poll(() => calls).toBe(1);
    release();
    const settled = await jobs.whenSettled(job.id);
    expect(settled.state).toBe('succeeded');
    expect(settled.result).toBe('30% speech in 1 segments · AI on CPU');
    expect(changes).toEqual([[talk.id, 'speech']]);
    expect(await analysis.get(talk.id, speech)).toMatchObject({ kind: 'speech', speech: { speechRatio: 0.3 } });
    expect(await analysis.summary(talk.id, { speech, loudness: request({ kind: 'loudness' }), scenes: request({ kind: 'scenes' }) })).toEqual({
      assetId: talk.id,
      speech: { ratio: 0.3, segments: 1 },
      loudness: null,
      scenes: null,
    });
    // Other parameters are another question with another answer.
    expect(await analysis.get(talk.id, request({ kind: 'speech', params: { threshold: 0.6 } }))).toBeNull();
  });

  it('keys the cache by content, not by the order keys were written in', () => {
    const a = analysisFile('/p', talk.fingerprint, request({ kind: 'speech', params: { threshold: 0.6, releaseThreshold: 0.3 } }));
    const b = analysisFile('/p', talk.fingerprint, request({ kind: 'speech', params: { releaseThreshold: 0.3, threshold: 0.6 } }));
    expect(a).toBe(b);
    expect(a).toMatch(/cache\/analysis\/100-(ab){32}\/speech-[0-9a-f]{20}\.json$/);
  });

  it('treats a damaged cache entry as missing', async () => {
    const speech = request({ kind: 'speech' });
    const file = analysisFile(folder, talk.fingerprint, speech);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, '{"version":1,"result":{"kind":"speech"');
    expect(await service().get(talk.id, speech)).toBeNull();
  });

  it('fails the job with the reason, and refuses what cannot be analysed', async () => {
    const analysis = service();
    const failed = await jobs.whenSettled(analysis.run(talk.id, request({ kind: 'loudness' })).id);
    expect(failed.state).toBe('failed');
    expect(failed.error?.message).toBe('The analysis failed: ffmpeg could not read the file');
    expect(() => analysis.run(talk.id, request({ kind: 'scenes' }))).toThrow(ApiError);
    expect(() => analysis.run(talk.id, request({ kind: 'speech', audioStream: 1 }))).toThrow(/no audio stream 2/);
    expect(() => analysis.run('nope', request({ kind: 'loudness' }))).toThrow(/no asset/);
  });
});
