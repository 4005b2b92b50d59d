/**
 * Speech analysis of a 30-minute talk (loud pink noise and a music bed 6 dB under the voice, test/media/talks.ts)
 * against Debian's auto-editor doing its own analysis of the same file (`--export json`: its loudness analysis and
 * timeline, no render), in the same run, runs interleaved so a busy machine slows both alike; medians printed with
 * ratios. Targets (issue 7): voice detection within 2× of auto-editor, threshold mode no slower than it. Then the
 * accuracy of each against the talk's ground truth, and the peak memory (RSS, and heap plus array buffers) of a
 * 2-minute, a 30-minute and a 2-hour analysis, each in a process of its own.
 *
 * Reelsmith runs the model in its inference host processes (one per core but one, up to 4), as the app does; the
 * hosts are started and the model loaded before timing (the app keeps them warm), auto-editor's Python start-up is
 * inside its time.
 *
 *   npx tsx bench/speech-analysis.bench.ts        BENCH_ROUNDS=3 (default)
 *
 * The 30-minute talk is made on the first run (about a minute) into .cache/test-media/.
 */
import { execFile, fork } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { analyzeSilence } from '../src/main/engine/analysis/loudness/analyze-silence';
import { locateTool } from '../src/main/engine/ffmpeg/locate';
import { analyzeSpeech } from '../src/main/engine/analysis/speech/analyze-speech';
import { standaloneInference, vadModel } from '../src/main/engine/analysis/speech/local-vad';
import { OnnxDirectRunner, readBundledManifest } from '../src/main/engine/inference/models/onnx-direct-runner';
import { ensureTalks, scoreSpeech, type SpeechScore, complementRanges } from '../test/media/talks';

const run = promisify(execFile);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const THRESHOLD = 0.04;
const thisFile = fileURLToPath(import.meta.url);

if (process.argv[2] === 'peak-memory') {
  await measurePeakMemory(process.argv[3]!);
} else {
  await main();
}

async function main(): Promise<void> {
  console.log('speech analysis benchmark: making or reusing the talks…');
  const long = (await ensureTalks(1800, ['loud-noise-music']))['loud-noise-music'];
  const short = (await ensureTalks(120, ['loud-noise-music']))['loud-noise-music'];
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-bench-speech-'));
  const inference = standaloneInference(path.join(work, 'config'));
  // The same model run in this process: what the host's messaging costs.
  const inProcess = new OnnxDirectRunner(readBundledManifest());
  const model = await vadModel(inference);
  try {
    // Start the host and open the model before timing, as a running app has them.
    await analyzeSpeech(short.path, {}, inference.spread, { model });
    await analyzeSpeech(short.path, {}, inProcess, { model });

    const times = { autoEditor: [] as number[], speech: [] as number[], inProcess: [] as number[], threshold: [] as number[] };
    let autoEditorKept: [number, number][] = [];
    let speechSegments: [number, number][] = [];
    let inProcessSegments: [number, number][] = [];
    let thresholdSilent: [number, number][] = [];
    for (let round = 0; round < ROUNDS; round++) {
      let started = performance.now();
      autoEditorKept = await autoEditor(long.path, path.join(work, `auto-editor-${round}`));
      times.autoEditor.push(elapsed(started));

      started = performance.now();
      const speech = await analyzeSpeech(long.path, {}, inference.spread, { model });
      times.speech.push(elapsed(started));
      speechSegments = speech.segments.map((s) => [s.start, s.end]);

      started = performance.now();
      const inProcessSpeech = await analyzeSpeech(long.path, {}, inProcess, { model });
      times.inProcess.push(elapsed(started));
      inProcessSegments = inProcessSpeech.segments.map((s) => [s.start, s.end]);

      started = performance.now();
      const silence = await analyzeSilence(long.path, { threshold: THRESHOLD });
      times.threshold.push(elapsed(started));
      thresholdSilent = silence.silent.map((r) => [r.start, r.end]);
      console.log(`round ${round + 1}/${ROUNDS}: auto-editor ${times.autoEditor.at(-1)!.toFixed(2)} s, speech ${times.speech.at(-1)!.toFixed(2)} s (model in process ${times.inProcess.at(-1)!.toFixed(2)} s), threshold ${times.threshold.at(-1)!.toFixed(2)} s`);
    }

    const score = (kept: [number, number][]) => scoreSpeech(long.speech, kept, long.durationSeconds);
    const autoEditorTime = median(times.autoEditor);
    const rows: [string, number, SpeechScore, string][] = [
      ['auto-editor --edit audio:threshold=4% --export json', autoEditorTime, score(autoEditorKept), ''],
      ['reelsmith analyzeSpeech (Silero VAD, host process)', median(times.speech), score(speechSegments), 'target ≤ 2×'],
      ['  the same with the model in this process (no host)', median(times.inProcess), score(inProcessSegments), 'for comparison'],
      ['reelsmith analyzeSilence (threshold 4%)', median(times.threshold), score(complementRanges(thresholdSilent, long.durationSeconds)), 'target ≤ 1×'],
    ];
    console.log(`\n${(long.durationSeconds / 60).toFixed(1)}-minute talk with loud noise and music, median of ${ROUNDS}, ${os.availableParallelism()} cores`);
    for (const [label, seconds, accuracy, target] of rows) {
      console.log(
        `${label.padEnd(54)} ${seconds.toFixed(2).padStart(6)} s  ${(seconds / autoEditorTime).toFixed(2)}× auto-editor${target ? ` (${target})` : ''}` +
          `  speech kept ${accuracy.speechKept.toFixed(4)}, pauses detected ${accuracy.pausesDetected.toFixed(4)}`,
      );
    }

    const twoHours = await twoHourTalk(long.path);
    const memory = [await peakMemoryOf(short.path), await peakMemoryOf(long.path), await peakMemoryOf(twoHours)];
    const arrow = (values: number[]) => values.map((v) => v.toFixed(0)).join(' → ');
    console.log(
      `\npeak memory of the analysing process (the model's host process is apart), 2 min → 30 min → 2 hours: ` +
        `RSS ${arrow(memory.map((m) => m.rssMiB))} MiB, heap + array buffers ${arrow(memory.map((m) => m.liveMiB))} MiB ` +
        `(the 2-hour audio decoded would be ${((7200 * 8000 * 4) / 2 ** 20).toFixed(0)} MiB at 8 kHz)`,
    );
  } finally {
    inference.dispose();
    await inProcess.release();
    await fs.rm(work, { recursive: true, force: true });
  }
}

/** auto-editor's kept ranges in seconds. A fresh temp folder each time: it caches its analysis beside that folder. */
async function autoEditor(file: string, dir: string): Promise<[number, number][]> {
  await fs.mkdir(dir, { recursive: true });
  const out = path.join(dir, 'timeline.json');
  await run('auto-editor', [file, '--edit', `audio:threshold=${THRESHOLD}`, '--export', 'json', '-o', out, '--temp-dir', path.join(dir, 'tmp'), '--progress', 'none', '--no-open'], { maxBuffer: 64 * 2 ** 20 });
  const timeline = JSON.parse(await fs.readFile(out, 'utf8')) as { timeline: { timebase: string; a: { offset: number; dur: number }[][] } };
  const [num, den = '1'] = timeline.timeline.timebase.split('/');
  const fps = Number(num) / Number(den);
  return (timeline.timeline.a[0] ?? []).map((clip) => [clip.offset / fps, (clip.offset + clip.dur) / fps]);
}

/** The 30-minute talk four times over (made once, 16 kHz mono): only its length matters, for the memory check. */
async function twoHourTalk(thirtyMinutes: string): Promise<string> {
  const file = path.join(path.dirname(thirtyMinutes), 'two-hours-16k.wav');
  const made = await fs.stat(file).then(() => true, () => false);
  if (!made) {
    const partial = `${file}.partial.wav`;
    await run(locateTool('ffmpeg').path, ['-v', 'error', '-y', '-stream_loop', '3', '-i', thirtyMinutes, '-ac', '1', '-ar', '16000', '-c:a', 'pcm_s16le', partial]);
    await fs.rename(partial, file);
  }
  return file;
}

/** Runs one speech analysis in a child process; its peak RSS and peak live JavaScript memory, in MiB. */
async function peakMemoryOf(file: string): Promise<PeakMemory> {
  const child = fork(thisFile, ['peak-memory', file], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the memory run for ${file} failed (exit ${code})`);
  return JSON.parse(output.trim().split('\n').at(-1)!) as PeakMemory;
}

interface PeakMemory {
  rssMiB: number;
  /** Heap in use plus array buffers, sampled every 20 ms: what the analysis itself holds. */
  liveMiB: number;
}

async function measurePeakMemory(file: string): Promise<void> {
  const inference = standaloneInference(await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-bench-memory-')));
  let live = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    live = Math.max(live, usage.heapUsed + usage.arrayBuffers);
  };
  const sampler = setInterval(sample, 20);
  try {
    await analyzeSpeech(file, {}, inference.spread, { model: await vadModel(inference) });
  } finally {
    clearInterval(sampler);
    inference.dispose();
  }
  // maxRSS is in kilobytes.
  const peak: PeakMemory = { rssMiB: process.resourceUsage().maxRSS / 1024, liveMiB: live / 2 ** 20 };
  console.log(JSON.stringify(peak));
}


function elapsed(started: number): number {
  return (performance.now() - started) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
