import fs from 'node:fs/promises';
import path from 'node:path';
import type { AudioTrack, LoudnessNormalise, RenderPlan } from '../../../shared/render/render-plan';
import { JobCancelled, type JobContext } from '../jobs/job-queue';
import { mixLayout } from './graph/audio-tracks';
import { sourceLookup, type RenderSourceInfo } from './graph/graph-context';
import { layoutTrack } from './graph/layout';
import { planTrackReads, type ReadSource } from './graph/reads';
import { sampleAtFrame, seekSample } from './graph/timing';
import { pcmWavHeader, readPcmWav, RIFF_MAX_BYTES, type PcmWav } from './pcm-wav';
import type { RenderPreset } from './render-args';

/**
 * A render of sound alone to a WAV by copying samples: when the plan is one track of hard cuts from 16-bit PCM WAV
 * files at the plan's rate and layout, with every level at 1, the render graph's output is those samples, in order,
 * with silence (zeros) in the gaps and past the end of a source. The copy writes exactly those bytes, at the cost of
 * reading and writing them: a 30-minute dead-air cut no longer goes through a decoder, a resampler and a filter
 * graph. Anything the copy cannot prove it reproduces is rendered by the graph.
 */

/** The output file: its header, then its samples as stretches of the sources' bytes and of silence. */
export interface SampleCopy {
  header: Buffer;
  runs: CopyRun[];
  dataBytes: number;
}

export type CopyRun = { kind: 'bytes'; file: string; offset: number; bytes: number } | { kind: 'zeros'; bytes: number };

export type SampleCopyVerdict = { ok: true; copy: SampleCopy } | { ok: false; reason: string };

export interface SampleCopyRequest {
  plan: RenderPlan;
  preset: RenderPreset;
  normalise?: LoudnessNormalise | undefined;
  /** What ffmpeg writes as a file's encoder (capabilities.encoderTag), so the header is the one it would write. */
  encoderTag: string | null;
}

/** Whether `request` renders by copying samples, with the copy, or why the render graph must do it. */
export async function checkSampleCopy(request: SampleCopyRequest, sources: ReadonlyMap<string, RenderSourceInfo>): Promise<SampleCopyVerdict> {
  const { plan, preset, encoderTag } = request;
  if (preset.kind !== 'audio' || preset.audio.codec !== 'pcm_s16le') return refuse(`${preset.label} is not a 16-bit WAV`);
  if (request.normalise) return refuse('loudness normalisation changes the samples');
  if (encoderTag === null) return refuse('this ffmpeg does not say which encoder tag it writes into a WAV');
  const audible = plan.audio.filter((track) => !track.muted);
  if (audible.length === 0) return refuse('no track is heard');
  if (audible.length > 1) return refuse(`${audible.length} tracks are heard, and mixing them changes the samples`);
  const track = audible[0]!;
  const problem = trackProblem(track);
  if (problem) return refuse(problem);

  const source = sourceLookup(sources);
  const files = [...new Set(track.segments.map((segment) => segment.source))];
  // ffprobe sees what ffmpeg will decode, after its own probing (S/PDIF-wrapped AC-3 looks like 16-bit PCM to a parser).
  const notPcm = files.find((file) => source(file).audio?.codec !== 'pcm_s16le');
  if (notPcm !== undefined) return refuse(`${path.basename(notPcm)} is not 16-bit PCM`);
  const channels = mixLayout(plan, source) === 'mono' ? 1 : 2;
  const wavs = new Map<string, PcmWav>();
  for (const file of files) {
    const reading = await readPcmWav(file);
    if (!reading.ok) return refuse(`${path.basename(file)}: ${reading.reason}`);
    const { wav } = reading;
    if (wav.sampleRate !== plan.sampleRate) {
      return refuse(`${path.basename(file)} is at ${wav.sampleRate} Hz and the sequence at ${plan.sampleRate} Hz, so it is resampled`);
    }
    if (wav.channels !== channels) return refuse(`${path.basename(file)} is mono in a stereo mix, so it is spread over both channels`);
    wavs.set(file, wav);
  }

  const runs = sampleCopyRuns(plan, track, wavs, channels, source);
  const dataBytes = runs.reduce((sum, run) => sum + run.bytes, 0);
  const header = pcmWavHeader(channels, plan.sampleRate, dataBytes, encoderTag);
  if (header.length + dataBytes > RIFF_MAX_BYTES) return refuse('the file would be over 4 GiB');
  return { ok: true, copy: { header, runs, dataBytes } };
}

/**
 * The output's samples as runs of source bytes and silence, placed exactly as the render graph places them: the same
 * pieces (layoutTrack), reads (planTrackReads, from the same probe of each source, so that both seek alike near a
 * source's end) and sample positions (sampleAtFrame); a read starts where ffmpeg's seek lands (seekSample), and a
 * source ends in silence (the graph's apad). Adjacent runs that continue each other are one.
 */
export function sampleCopyRuns(
  plan: RenderPlan,
  track: AudioTrack,
  wavs: ReadonlyMap<string, PcmWav>,
  channels: 1 | 2,
  source: (file: string) => ReadSource,
): CopyRun[] {
  const at = (frame: number) => sampleAtFrame(frame, plan.frameRate, plan.sampleRate);
  const frameBytes = channels * 2;
  const { reads, readOfSegment } = planTrackReads(track.segments, plan.frameRate, source);
  const runs: CopyRun[] = [];
  const push = (run: CopyRun) => {
    if (run.bytes === 0) return;
    const last = runs.at(-1);
    if (last?.kind === 'zeros' && run.kind === 'zeros') last.bytes += run.bytes;
    else if (last?.kind === 'bytes' && run.kind === 'bytes' && last.file === run.file && last.offset + last.bytes === run.offset) last.bytes += run.bytes;
    else runs.push(run);
  };
  for (const piece of layoutTrack(track.segments, plan.duration)) {
    const samples = at(piece.start + piece.length) - at(piece.start);
    if (piece.kind !== 'clip') {
      push({ kind: 'zeros', bytes: samples * frameBytes });
      continue;
    }
    const segment = track.segments[piece.from.segment]!;
    const read = reads[readOfSegment[piece.from.segment]!]!;
    const wav = wavs.get(segment.source)!;
    const first = seekSample(read.seek, plan.frameRate, plan.sampleRate) + at(segment.sourceStart + piece.from.offset) - at(read.seek);
    const available = Math.max(0, Math.min(samples, wav.frames - first));
    push({ kind: 'bytes', file: segment.source, offset: wav.dataOffset + first * frameBytes, bytes: available * frameBytes });
    push({ kind: 'zeros', bytes: (samples - available) * frameBytes });
  }
  return runs;
}

/**
 * Writes a sample copy to `output` in large sequential reads and writes, reporting progress by bytes; cancelling
 * stops it between buffers (the job then removes the partial file).
 */
export async function writeSampleCopy(ctx: JobContext, copy: SampleCopy, output: string): Promise<void> {
  ctx.report({ stage: 'Copying samples', progress: 0 });
  const total = copy.header.length + copy.dataBytes;
  const buffer = Buffer.alloc(Math.min(COPY_BUFFER_BYTES, total));
  const sources = new Map<string, fs.FileHandle>();
  const out = await fs.open(output, 'w');
  try {
    let filled = copy.header.copy(buffer, 0);
    let written = 0;
    const flush = async () => {
      await writeFully(out, buffer, filled);
      written += filled;
      filled = 0;
      ctx.report({ progress: written / total });
      if (ctx.signal.aborted) throw new JobCancelled();
    };
    for (const run of copy.runs) {
      for (let done = 0; done < run.bytes; ) {
        const bytes = Math.min(run.bytes - done, buffer.length - filled);
        if (run.kind === 'zeros') {
          buffer.fill(0, filled, filled + bytes);
        } else {
          let handle = sources.get(run.file);
          if (!handle) sources.set(run.file, (handle = await fs.open(run.file, 'r')));
          await readFully(handle, run.file, buffer, filled, bytes, run.offset + done);
        }
        filled += bytes;
        done += bytes;
        if (filled === buffer.length) await flush();
      }
    }
    if (filled > 0) await flush();
  } finally {
    await out.close();
    for (const handle of sources.values()) await handle.close();
  }
}

/** Large enough that reads and writes are few and sequential, small enough to stay out of the way. */
const COPY_BUFFER_BYTES = 4 * 1024 * 1024;

/** A reason, if the track's levels or crossfades would change its samples, or it has none. */
function trackProblem(track: AudioTrack): string | null {
  if (track.volume !== 1) return 'the track’s volume is not 100%';
  if (track.segments.length === 0) return 'the track is empty';
  if (track.segments.some((segment) => segment.volume !== 1)) return 'a clip’s volume is not 100%';
  if (track.segments.some((segment) => segment.transitionIn)) return 'a crossfade mixes two clips';
  return null;
}

async function readFully(handle: fs.FileHandle, file: string, buffer: Buffer, at: number, bytes: number, position: number): Promise<void> {
  for (let done = 0; done < bytes; ) {
    const { bytesRead } = await handle.read(buffer, at + done, bytes - done, position + done);
    if (bytesRead === 0) throw new Error(`${file} became shorter while it was being read; render again.`);
    done += bytesRead;
  }
}

async function writeFully(handle: fs.FileHandle, buffer: Buffer, bytes: number): Promise<void> {
  for (let done = 0; done < bytes; ) {
    const { bytesWritten } = await handle.write(buffer, done, bytes - done);
    done += bytesWritten;
  }
}

function refuse(reason: string): SampleCopyVerdict {
  return { ok: false, reason };
}
