import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestMedia } from '../../../test/media/corpus';
import { engineCalls } from '../../../test/support/engine-calls';
import type { Analyzers } from './analysis/analysis-service';
import { createEngine, type Engine } from './index';

/** Automatic edits over the API, with the speech and scenes of the media given (the analyses have their own tests). */

let root: string;
let engine: Engine;
let talkId: string;
let videoId: string;
let speechRuns = 0;

const analyzers: Analyzers = {
  speech: async (_file, request) => {
    speechRuns++;
    return {
      provider: 'cpu',
      analysis: {
        duration: 3,
        audioStream: 0,
        modelId: 'silero-vad-v5',
        sampleRate: 8000,
        frameSeconds: 0.032,
        // Two words with a 1.2 s pause between them in a 3-second file.
        segments: [
          { start: 0.3, end: 0.9, confidence: 0.9 },
          { start: 2.1, end: 2.6, confidence: 0.9 },
        ],
        speechRatio: 0.37,
        params: request.params,
      },
    };
  },
  loudness: async () => {
    throw new Error('not used');
  },
  scenes: async (_file, request) => ({
    frameRate: 30,
    frameCount: 60,
    duration: 2,
    cuts: [{ time: 1, frame: 30, type: 'cut', score: 40, startFrame: 30, endFrame: 30 }],
    scenes: [
      { index: 0, start: 0, end: 1, startFrame: 0, endFrame: 30 },
      { index: 1, start: 1, end: 2, startFrame: 30, endFrame: 60 },
    ],
    params: request.params,
  }),
};

const { call, ok } = engineCalls(() => engine);

beforeAll(async () => {
  const corpus = await ensureTestMedia();
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-autoedit-api-'));
  engine = createEngine({ shell: 'test', configDir: path.join(root, 'config'), projectsDir: root, analyzers });
  await ok('project.create', { path: path.join(root, 'Talk') });
  const report = await ok('assets.import', { paths: [corpus.good['speech.wav'].path, corpus.good['h264-aac.mp4'].path] });
  talkId = report.results[0]!.assetId!;
  videoId = report.results[1]!.assetId!;
}, 60_000);
afterAll(async () => {
  await engine.dispose();
  await fs.rm(root, { recursive: true, force: true });
});

describe('autoedit over the API', () => {
  it('makes a new sequence with the pause cut, a ghost where it was, and undoes as one step', async () => {
    const started = await ok('autoedit.deadAir', { assetId: talkId, request: { preset: 'normal' } });
    const job = await engine.whenJobSettled(started.jobId);
    expect(job.state, job.error?.message).toBe('succeeded');
    expect(job.result).toMatch(/^\d+ cuts?: 0:03\.\d → 0:0\d\.\d \(\d+ % shorter\)$/);
    const state = (await ok('project.current'))!;
    const sequence = state.document.sequences.find((s) => s.id === started.sequenceId)!;
    expect(sequence.name).toBe('speech.wav – dead air removed');
    const clips = sequence.timeline.audioTracks[0]!.clips;
    expect(clips.map((c) => c.reason?.kind)).toContain('speech');
    const removed = sequence.timeline.removedRegions;
    // The 1.2 s pause: half the 0.1 s target gap stays on each side (normal adds no margin to the detector's), the
    // rest is one ghost.
    expect(removed.some((r) => Math.abs(r.duration - Math.round((1.2 - 0.1) * 30)) <= 1)).toBe(true);
    const kept = clips.reduce((sum, c) => sum + c.duration, 0);
    const cut = removed.reduce((sum, r) => sum + r.duration, 0);
    expect(kept + cut).toBe(90);
    expect(state.history.undoLabel).toBeTruthy();
    const undone = await ok('project.undo');
    expect(undone.document.sequences.some((s) => s.id === started.sequenceId)).toBe(false);
  });

  it('uses the cached speech analysis the second time', async () => {
    const before = speechRuns;
    const started = await ok('autoedit.deadAir', { assetId: talkId, request: { preset: 'tight' } });
    expect((await engine.whenJobSettled(started.jobId)).state).toBe('succeeded');
    expect(speechRuns).toBe(before);
  });

  it('re-cuts with other settings, keeping a manual edit outside what changes, and asks before overwriting one inside', async () => {
    const started = await ok('autoedit.deadAir', { assetId: talkId, request: { preset: 'normal' } });
    expect((await engine.whenJobSettled(started.jobId)).state).toBe('succeeded');
    const sequenceOf = async () => (await ok('project.current'))!.document.sequences.find((s) => s.id === started.sequenceId)!;
    const made = await sequenceOf();
    expect(made.autoEdit).toMatchObject({ kind: 'dead-air', assetId: talkId, request: { preset: 'normal' } });
    // The user puts back the silence before the first word: a stretch both presets cut the same way.
    const leadIn = made.timeline.removedRegions.find((r) => r.sourceIn === 0)!;
    await ok('sequence.edit', { sequenceId: made.id, command: { type: 'region.restore', regionId: leadIn.id, clipId: 'lead-in' } });

    // Tight cuts the pause in the middle differently, but not the lead-in: the restore survives.
    const tight = await ok('autoedit.recut', { sequenceId: made.id, request: { preset: 'tight' } });
    expect(tight.applied).toBe(true);
    if (tight.applied) expect(tight.keptEdits).toBeGreaterThan(0);
    const recut = await sequenceOf();
    expect(recut.timeline.audioTracks[0]!.clips[0]!).toMatchObject({ id: 'lead-in', sourceIn: 0 });
    expect(recut.autoEdit?.request.preset).toBe('tight');

    // The user trims the word before the pause; cutting that pause again would undo it, so the re-cut asks first.
    const beforePause = recut.timeline.audioTracks[0]!.clips.find((c) => c.reason?.kind === 'speech')!;
    await ok('sequence.edit', {
      sequenceId: made.id,
      command: { type: 'clip.trim', clipId: beforePause.id, edge: 'out', frame: beforePause.start + beforePause.duration - 2, ripple: true },
    });
    const asked = await ok('autoedit.recut', { sequenceId: made.id, request: { preset: 'gentle' } });
    expect(asked.applied).toBe(false);
    if (!asked.applied) expect(asked.conflicts[0]).toMatch(/You changed/);
    const replaced = await ok('autoedit.recut', { sequenceId: made.id, request: { preset: 'gentle' }, replaceEdits: true });
    expect(replaced.applied).toBe(true);
    expect((await ok('project.undo')).history.redoLabel).toMatch(/^Re-cut/);
  });

  it('splits a video into one clip per scene, in a sequence of the video’s own frame', async () => {
    const started = await ok('autoedit.scenes', { assetId: videoId });
    expect((await engine.whenJobSettled(started.jobId)).state).toBe('succeeded');
    const sequence = (await ok('project.current'))!.document.sequences.find((s) => s.id === started.sequenceId)!;
    // The project's frame is 1920×1080; the video is 320×180 at 30 fps.
    expect(sequence).toMatchObject({ frameRate: { num: 30, den: 1 }, frameSize: { width: 320, height: 180 } });
    expect(sequence.timeline.videoTracks[0]!.clips.map((c) => [c.start, c.duration, c.reason?.text])).toEqual([
      [0, 30, 'Scene 1 (0:00–0:01)'],
      [30, 30, 'Scene 2 (0:01–0:02)'],
    ]);
  });

  it('refuses what cannot be cut, saying why', async () => {
    const scenesOfSound = await call('autoedit.scenes', { assetId: talkId });
    expect(scenesOfSound.ok === false && scenesOfSound.error.message).toMatch(/not a video/);
    const badThreshold = await call('autoedit.deadAir', { assetId: talkId, request: { mode: 'threshold', threshold: 'loud' } });
    expect(badThreshold.ok === false && badThreshold.error.code).toBe('INVALID_PARAMS');
    const secondMic = await call('autoedit.deadAir', { assetId: talkId, request: { audioStream: 1 } });
    expect(secondMic.ok === false && secondMic.error.message).toMatch(/no audio stream 2/);
  });
});
