import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { locateTool } from '../../src/main/engine/ffmpeg/locate';
import { concurrencyLimit, runTool, withLock } from './corpus';

/**
 * Talks for the speech-analysis tests: espeak-ng sentences in several voices and speeds, separated by pauses from
 * 0.25 s to 3.5 s, in three variants with the same words at the same times: clean (digital silence between
 * sentences), with quiet pink noise (−45 dBFS), and with loud pink noise plus a music-like bed (chords pulsing in
 * eighth notes, a bass and a kick, 6 dB below the speech). The ground truth is known by construction: each sentence
 * is trimmed to its voiced span (first to last sample above −60 dBFS) before it is placed, so the speech intervals
 * are exact to the sample. 48 kHz mono 16-bit WAV; made once into `.cache/test-media/talks-v<n>/` and reused.
 */

export const TALK_VARIANTS = ['clean', 'quiet-noise', 'loud-noise-music'] as const;
export type TalkVariant = (typeof TALK_VARIANTS)[number];

export interface Talk {
  variant: TalkVariant;
  path: string;
  durationSeconds: number;
  /** Where the speech is, in seconds, in order. */
  speech: [number, number][];
}

/** Makes (once) and describes the talks of about `seconds` seconds in the variants asked for. */
export async function ensureTalks<V extends TalkVariant = TalkVariant>(
  seconds: number,
  variants: readonly V[] = TALK_VARIANTS as readonly TalkVariant[] as readonly V[],
): Promise<Record<V, Talk>> {
  const dir = path.join(TALKS_DIR, `${Math.round(seconds)}s`);
  const missing = async () => (await Promise.all(variants.map((v) => exists(path.join(dir, `${v}.wav`))))).includes(false);
  if (!(await exists(path.join(dir, TRUTH_FILE))) || (await missing())) {
    await withLock(`${dir}.lock`, async () => {
      if ((await exists(path.join(dir, TRUTH_FILE))) && !(await missing())) return;
      await makeTalks(dir, seconds, variants);
    });
  }
  const truth = JSON.parse(await fs.readFile(path.join(dir, TRUTH_FILE), 'utf8')) as { durationSeconds: number; speech: [number, number][] };
  const talks = {} as Record<V, Talk>;
  for (const variant of variants) talks[variant] = { variant, path: path.join(dir, `${variant}.wav`), ...truth };
  return talks;
}

/** How well detected speech matches the truth. */
export interface SpeechScore {
  /** Share of the true speech inside detected speech. */
  speechKept: number;
  /** Share of the pause time farther than `margin` from any speech that is detected as non-speech. */
  pausesDetected: number;
}

export function scoreSpeech(truth: readonly [number, number][], detected: readonly [number, number][], durationSeconds: number, margin = 0.25): SpeechScore {
  const truthSeconds = total(truth);
  const farPauses = complementRanges(
    merge(truth.map(([start, end]) => [Math.max(0, start - margin), Math.min(durationSeconds, end + margin)])),
    durationSeconds,
  );
  const farPauseSeconds = total(farPauses);
  return {
    speechKept: truthSeconds > 0 ? total(intersect(truth, merge(detected))) / truthSeconds : 1,
    pausesDetected: farPauseSeconds > 0 ? 1 - total(intersect(farPauses, merge(detected))) / farPauseSeconds : 1,
  };
}

const TALKS_VERSION = 2;
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TALKS_DIR = path.join(REPO_ROOT, '.cache', 'test-media', `talks-v${TALKS_VERSION}`);
const TRUTH_FILE = 'truth.json';
const SAMPLE_RATE = 48_000;
/** A sample above this (−60 dBFS) is voiced: the edge of espeak's own silence, with a little room for resampling. */
const VOICED_LEVEL = 0.001;
const LEAD_SECONDS = 1;
/** −24 dBFS: espeak speech peaks some 15–18 dB above its RMS, so sentences ±3 dB around it never clip. */
const SPEECH_RMS = 10 ** (-24 / 20);
const QUIET_NOISE_RMS = 10 ** (-45 / 20);
/** Noise and music together 6 dB below the speech; each carries half the power. */
const BED_RMS = SPEECH_RMS / 10 ** (6 / 20);

const SENTENCES = [
  'Welcome back to the channel, today we look at how to cut a long interview.',
  'The first thing to check is whether the microphone picked up the room.',
  'Most editors start by removing the long pauses between answers.',
  'A good cut keeps the breath before a sentence and the end of the last word.',
  'Music under a voice makes the job much harder for a simple level meter.',
  'We recorded this episode in a small studio with a noisy air conditioner.',
  'Let me show you the settings I use for every talk I publish.',
  'If the speaker pauses to think, a short gap still sounds natural.',
  'The timeline should tell you why every clip is there.',
  'Nothing here is destructive, so you can always bring a pause back.',
  'Exports follow the loudness targets of the big video platforms.',
  'That is all for today, thanks for watching and see you next week.',
];
const VOICES = ['en-us', 'en-gb', 'en-us+f3', 'en-gb-x-rp+m3', 'en-029', 'en-gb-scotland+f2'];
const SPEEDS = [140, 165, 190];

interface Utterance {
  samples: Float32Array;
}

interface Layout {
  /** Utterance pool index and start sample, in order. */
  placed: { utterance: number; start: number }[];
  totalSamples: number;
}

async function makeTalks(dir: string, seconds: number, variants: readonly TalkVariant[]): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-talk-'));
  try {
    const pool = await speakPool(work);
    const layout = layOut(pool, seconds);
    const speech = layout.placed.map(({ utterance, start }): [number, number] => [start / SAMPLE_RATE, (start + pool[utterance]!.samples.length) / SAMPLE_RATE]);
    for (const variant of variants) await writeTalk(path.join(dir, `${variant}.wav`), pool, layout, variant);
    await fs.writeFile(path.join(dir, TRUTH_FILE), JSON.stringify({ durationSeconds: layout.totalSamples / SAMPLE_RATE, speech }));
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

/** Every sentence in two voice/speed combinations, trimmed to its voiced span and set to the speech level. */
async function speakPool(work: string): Promise<Utterance[]> {
  const ffmpeg = locateTool('ffmpeg').path;
  const limit = concurrencyLimit(Math.max(2, Math.min(4, os.availableParallelism())));
  const jobs = SENTENCES.flatMap((sentence, i) =>
    [0, 1].map((take) => ({ sentence, voice: VOICES[(i + take * 3) % VOICES.length]!, speed: SPEEDS[(i + take) % SPEEDS.length]!, name: `u${i}-${take}` })),
  );
  return Promise.all(
    jobs.map(({ sentence, voice, speed, name }, index) =>
      limit(async () => {
        const wav = path.join(work, `${name}.wav`);
        const raw = path.join(work, `${name}.f32`);
        await runTool('espeak-ng', ['-v', voice, '-s', String(speed), '-w', wav, sentence]);
        await runTool(ffmpeg, ['-v', 'error', '-nostdin', '-y', '-i', wav, '-ar', String(SAMPLE_RATE), '-ac', '1', '-f', 'f32le', raw]);
        const bytes = await fs.readFile(raw);
        const samples = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
        let first = 0;
        while (first < samples.length && Math.abs(samples[first]!) <= VOICED_LEVEL) first++;
        let end = samples.length;
        while (end > first && Math.abs(samples[end - 1]!) <= VOICED_LEVEL) end--;
        const voiced = samples.slice(first, end);
        // Levels vary by ±3 dB from one sentence to the next, as a speaker's do.
        const gain = (SPEECH_RMS * 10 ** ((((index * 5) % 7) - 3) / 20)) / rms(voiced);
        for (let i = 0; i < voiced.length; i++) voiced[i]! *= gain;
        return { samples: voiced };
      }),
    ),
  );
}

/** Sentences one after another with seeded pauses from 0.25 s to 3.5 s (both ends used), until `seconds`. */
function layOut(pool: Utterance[], seconds: number): Layout {
  const random = mulberry32(0x7a1c);
  const placed: Layout['placed'] = [];
  let at = Math.round(LEAD_SECONDS * SAMPLE_RATE);
  const wanted = seconds * SAMPLE_RATE;
  for (let n = 0; ; n++) {
    const utterance = n % pool.length;
    placed.push({ utterance, start: at });
    at += pool[utterance]!.samples.length;
    const pause = n === 0 ? 0.25 : n === 1 ? 3.5 : 0.25 + random() * 3.25;
    if (at + (pause + LEAD_SECONDS) * SAMPLE_RATE >= wanted) break;
    at += Math.round(pause * SAMPLE_RATE);
  }
  return { placed, totalSamples: at + Math.round(LEAD_SECONDS * SAMPLE_RATE) };
}

/** Writes the talk block by block (a 30-minute one never sits in memory whole). */
async function writeTalk(file: string, pool: Utterance[], layout: Layout, variant: TalkVariant): Promise<void> {
  const bed = bedFor(variant);
  const handle = await fs.open(file, 'w');
  try {
    await handle.write(wavHeader(layout.totalSamples));
    const block = new Float32Array(SAMPLE_RATE);
    let next = 0;
    for (let start = 0; start < layout.totalSamples; start += block.length) {
      const length = Math.min(block.length, layout.totalSamples - start);
      block.fill(0);
      // Utterances overlapping this block; placement is ordered, so a cursor finds them.
      while (next < layout.placed.length && layout.placed[next]!.start + pool[layout.placed[next]!.utterance]!.samples.length <= start) next++;
      for (let k = next; k < layout.placed.length && layout.placed[k]!.start < start + length; k++) {
        const { utterance, start: at } = layout.placed[k]!;
        const samples = pool[utterance]!.samples;
        const from = Math.max(0, start - at);
        const to = Math.min(samples.length, start + length - at);
        for (let i = from; i < to; i++) block[at + i - start]! += samples[i]!;
      }
      const pcm = new Int16Array(length);
      for (let i = 0; i < length; i++) {
        const value = block[i]! + bed(start + i);
        pcm[i] = Math.round(Math.max(-1, Math.min(1, value)) * 32767);
      }
      await handle.write(new Uint8Array(pcm.buffer));
    }
  } finally {
    await handle.close();
  }
}

/** The sound under the speech, sample by sample (called in order). */
function bedFor(variant: TalkVariant): (n: number) => number {
  if (variant === 'clean') return () => 0;
  if (variant === 'quiet-noise') return calibrated(pinkNoise(0x51), QUIET_NOISE_RMS);
  const noise = calibrated(pinkNoise(0x52), BED_RMS / Math.SQRT2);
  const music = calibrated(musicBed(), BED_RMS / Math.SQRT2);
  return (n) => noise(n) + music(n);
}

/** Scales a generator to an RMS measured on a fresh copy over its first 8 seconds. */
function calibrated(make: () => (n: number) => number, targetRms: number): (n: number) => number {
  const probe = make();
  let power = 0;
  const length = 8 * SAMPLE_RATE;
  for (let n = 0; n < length; n++) power += probe(n) ** 2;
  const gain = targetRms / Math.sqrt(power / length);
  const generator = make();
  return (n) => generator(n) * gain;
}

/** Paul Kellet's pink-noise filter over seeded white noise. */
function pinkNoise(seed: number): () => (n: number) => number {
  return () => {
    const random = mulberry32(seed);
    let b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
    return () => {
      const white = random() * 2 - 1;
      b0 = 0.99886 * b0 + white * 0.0555179;
      b1 = 0.99332 * b1 + white * 0.0750759;
      b2 = 0.969 * b2 + white * 0.153852;
      b3 = 0.8665 * b3 + white * 0.3104856;
      b4 = 0.55 * b4 + white * 0.5329522;
      b5 = -0.7616 * b5 - white * 0.016898;
      const pink = b0 + b1 + b2 + b3 + b4 + b5 + b6 + white * 0.5362;
      b6 = white * 0.115926;
      return pink;
    };
  };
}

/** Am–F–C–G, a chord every two seconds at 120 BPM: pulsing eighth-note chords, a bass on each beat, a kick. */
function musicBed(): () => (n: number) => number {
  const chords = [
    [220, 261.63, 329.63],
    [174.61, 220, 261.63],
    [261.63, 329.63, 392],
    [196, 246.94, 293.66],
  ];
  return () => (n) => {
    const t = n / SAMPLE_RATE;
    const chord = chords[Math.floor(t / 2) % chords.length]!;
    const eighth = t % 0.25;
    const beat = t % 0.5;
    let value = 0;
    for (const f of chord) value += Math.sin(2 * Math.PI * f * t) + 0.3 * Math.sin(4 * Math.PI * f * t);
    value *= 0.35 * Math.exp(-eighth / 0.09);
    value += 0.8 * Math.sin(Math.PI * chord[0]! * t) * Math.exp(-beat / 0.2);
    value += 1.2 * Math.sin(2 * Math.PI * 55 * beat) * Math.exp(-beat / 0.06);
    return value;
  };
}

function wavHeader(samples: number): Uint8Array {
  const header = Buffer.alloc(44);
  const dataBytes = samples * 2;
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

function rms(samples: Float32Array): number {
  let power = 0;
  for (const sample of samples) power += sample * sample;
  return Math.sqrt(power / Math.max(1, samples.length));
}

function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

type Range = readonly [number, number];

function total(ranges: readonly Range[]): number {
  return ranges.reduce((sum, [start, end]) => sum + Math.max(0, end - start), 0);
}

function merge(ranges: readonly Range[]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** The stretches of [0, duration] that `ranges` (in order) leave out: the pauses between speech, or the reverse. */
export function complementRanges(ranges: readonly Range[], duration: number): [number, number][] {
  const gaps: [number, number][] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) gaps.push([at, start]);
    at = Math.max(at, end);
  }
  if (at < duration) gaps.push([at, duration]);
  return gaps;
}

/** Both lists sorted and each free of overlaps. */
function intersect(a: readonly Range[], b: readonly Range[]): [number, number][] {
  const out: [number, number][] = [];
  let j = 0;
  for (const [start, end] of a) {
    while (j < b.length && b[j]![1] <= start) j++;
    for (let k = j; k < b.length && b[k]![0] < end; k++) {
      const from = Math.max(start, b[k]![0]);
      const to = Math.min(end, b[k]![1]);
      if (to > from) out.push([from, to]);
    }
  }
  return out;
}
