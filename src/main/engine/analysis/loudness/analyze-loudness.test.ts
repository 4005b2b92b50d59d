import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTalks } from '../../../../../test/media/talks';
import { locateTool } from '../../ffmpeg/locate';
import { analyzeLoudness } from './analyze-loudness';

const run = promisify(execFile);
const ffmpeg = locateTool('ffmpeg').path;
let work: string;

beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-loudness-'));
});
afterAll(() => fs.rm(work, { recursive: true, force: true }));

/** ffmpeg's own end-of-run summary of the ebur128 filter: the numbers our streamed reading must agree with. */
async function ffmpegSummary(file: string): Promise<{ integrated: number; range: number; peak: number }> {
  const { stderr } = await run(ffmpeg, ['-hide_banner', '-nostdin', '-i', file, '-af', 'ebur128=peak=true', '-f', 'null', '-']);
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  const number = (pattern: RegExp) => Number(pattern.exec(summary)?.[1]);
  return { integrated: number(/I:\s+(-?[\d.]+) LUFS/), range: number(/LRA:\s+(-?[\d.]+) LU/), peak: number(/Peak:\s+(-?[\d.]+) dBFS/) };
}

describe('analyzeLoudness', () => {
  it('measures a talk as ffmpeg’s EBU R128 meter does', async () => {
    const talk = (await ensureTalks(90)).clean;
    const analysis = await analyzeLoudness(talk.path);
    const expected = await ffmpegSummary(talk.path);
    console.log(`clean talk: ${analysis.integratedLufs?.toFixed(1)} LUFS, LRA ${analysis.loudnessRangeLu.toFixed(1)} LU, true peak ${analysis.truePeakDbtp?.toFixed(1)} dBTP`);
    expect(analysis.integratedLufs).toBeCloseTo(expected.integrated, 1);
    expect(analysis.loudnessRangeLu).toBeCloseTo(expected.range, 1);
    expect(analysis.truePeakDbtp).toBeCloseTo(expected.peak, 1);
    expect(analysis.shortTerm.lufs.length).toBeCloseTo(talk.durationSeconds * 10, -1);
  }, 60_000);

  it('gives an RMS envelope and short-term series that follow the sound, on the chosen track', async () => {
    // Track 0: five seconds of a 1 kHz sine at amplitude 0.25 (−15.05 dBFS RMS), then three of digital silence.
    // Track 1: silence throughout.
    const file = path.join(work, 'sine-then-silence.mka');
    await run(ffmpeg, [
      '-v', 'error', '-y',
      '-f', 'lavfi', '-i', 'aevalsrc=0.25*sin(2*PI*1000*t):s=48000:d=5,apad=whole_dur=8',
      '-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=stereo:d=8',
      '-map', '0:a', '-map', '1:a', '-c:a', 'flac', file,
    ]);
    const progress: number[] = [];
    const analysis = await analyzeLoudness(file, { onProgress: (p) => progress.push(p) });
    expect(analysis.rms.dbfs).toHaveLength(80);
    for (const value of analysis.rms.dbfs.slice(1, 49)) expect(value).toBeCloseTo(-15.05, 1);
    expect(analysis.rms.dbfs.slice(51)).toEqual(Array(29).fill(null));
    expect(analysis.shortTerm.lufs[40]).not.toBeNull();
    expect(analysis.integratedLufs).not.toBeNull();
    expect(progress.at(-1)).toBe(1);

    const silentTrack = await analyzeLoudness(file, { audioStream: 1 });
    expect(silentTrack.integratedLufs).toBeNull();
    expect(silentTrack.truePeakDbtp).toBeNull();
    expect(silentTrack.rms.dbfs.every((value) => value === null)).toBe(true);
  }, 60_000);
});
