import { describe, expect, it } from 'vitest';
import { FfmpegCancelled } from '../../ffmpeg/run-ffmpeg';
import { ensureSceneClip, runScdet, scoreCuts, type SceneClip, type TrueSpan } from '../../../../../test/media/scene-clips';
import { detectScenes } from './detect-scenes';

const inside = (frame: number, spans: TrueSpan[], margin = 0) => spans.some((s) => frame >= s.start - margin && frame < s.end + margin);

async function analysed(clip: SceneClip) {
  const progress: number[] = [];
  const analysis = await detectScenes(clip.path, { includeFrameScores: true }, { onProgress: (f) => progress.push(f) });
  return { clip, analysis, progress };
}

// The same plan at two sizes and rates, so that no threshold fits one picture size or frame rate only.
const runs = [await analysed(await ensureSceneClip()), await analysed(await ensureSceneClip({ width: 640, height: 360, frameRate: 30 }))];

describe.each(runs)('scene detection on a $clip.width×$clip.height clip at $clip.frameRate fps with known transitions', ({ clip, analysis, progress }) => {
  it('finds the transitions with F1 of at least 0.95 within two frames', () => {
    const score = scoreCuts(clip.cuts, analysis.cuts);
    expect(score.f1, JSON.stringify({ truth: clip.cuts, found: analysis.cuts })).toBeGreaterThanOrEqual(0.95);
  });

  it('names every hard cut, the fade and the dissolve with their own type', () => {
    for (const type of ['cut', 'fade', 'dissolve'] as const) {
      const score = scoreCuts(clip.cuts, analysis.cuts, 2, type);
      expect(score.recall, type).toBe(1);
      expect(score.precision, type).toBe(1);
      expect(score.wrongType, type).toBe(0);
    }
  });

  it('reports no cut on a white flash of one or two frames inside a shot', () => {
    expect(analysis.cuts.filter((c) => inside(c.frame, clip.flashes, 2))).toEqual([]);
  });

  it('reports nothing while the camera rotates or pans', () => {
    // The cut into a moving shot is its first frame; nothing after it until the shot ends.
    expect(analysis.cuts.filter((c) => inside(c.frame, clip.motion.map((m) => ({ start: m.start + 1, end: m.end - 1 }))))).toEqual([]);
  });

  it('lists the scenes between the transitions and the scores of every frame', () => {
    expect(analysis.frameCount).toBe(clip.frames);
    expect(analysis.scenes).toHaveLength(analysis.cuts.length + 1);
    expect(analysis.scenes.at(-1)?.endFrame).toBe(clip.frames);
    expect(analysis.frameScores?.content).toHaveLength(clip.frames);
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('does better than ffmpeg scdet, which fires on flashes', async () => {
    const scdet = await runScdet(clip.path, clip.frameRate);
    const ours = scoreCuts(clip.cuts, analysis.cuts);
    const theirs = scoreCuts(clip.cuts, scdet);
    expect(scdet.filter((d) => inside(d.frame, clip.flashes, 2)).length).toBeGreaterThan(0);
    expect(ours.f1).toBeGreaterThan(theirs.f1);
  });
});

describe('cancelling scene detection', () => {
  it('stops ffmpeg and rejects with FfmpegCancelled', async () => {
    const controller = new AbortController();
    const run = detectScenes(runs[0]!.clip.path, {}, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toBeInstanceOf(FfmpegCancelled);
  });
});
