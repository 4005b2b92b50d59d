import fs from 'node:fs/promises';

/**
 * 16-bit PCM WAV files as ffmpeg's WAV demuxer reads them and its muxer writes them (FFmpeg 5.1, libavformat
 * wavdec.c and wavenc.c), so that samples can be copied between such files with exactly the result ffmpeg would give.
 * Only the plain case is accepted: anything ffmpeg would read differently from a byte copy, or would carry into its
 * output as metadata, is a reason to let ffmpeg do the work.
 */

/** Where a mono or stereo 16-bit PCM WAV file keeps its samples. */
export interface PcmWav {
  channels: 1 | 2;
  sampleRate: number;
  /** Byte offset of the first sample frame (one sample per channel). */
  dataOffset: number;
  /** Whole sample frames in the data chunk. */
  frames: number;
}

export type PcmWavReading = { ok: true; wav: PcmWav } | { ok: false; reason: string };

/** Reads a file's RIFF chunks; a reason instead when ffmpeg could read its samples, or its metadata, otherwise. */
export async function readPcmWav(file: string): Promise<PcmWavReading> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const readAt = async (position: number, length: number): Promise<Buffer> => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, position);
      return buffer.subarray(0, bytesRead);
    };
    return await parseChunks(size, readAt);
  } finally {
    await handle.close();
  }
}

/**
 * What ffmpeg's WAV muxer writes before the samples of a mono or stereo 16-bit PCM file at 44.1 or 48 kHz: a RIFF
 * header, a 16-byte WAVE_FORMAT_PCM format chunk, a LIST/INFO chunk with the encoder tag as ISFT, and the data chunk's
 * header. ffmpeg uses WAVE_FORMAT_EXTENSIBLE only above 48 kHz, over 16 bits or for other layouts.
 */
export function pcmWavHeader(channels: 1 | 2, sampleRate: number, dataBytes: number, encoderTag: string): Buffer {
  const tag = Buffer.from(`${encoderTag}\0`, 'latin1');
  const tagBytes = tag.length + (tag.length % 2);
  const header = Buffer.alloc(12 + 24 + 20 + tagBytes + 8);
  let at = 0;
  const fourcc = (id: string) => (at += header.write(id, at, 'latin1'));
  const u16 = (value: number) => (at = header.writeUInt16LE(value, at));
  const u32 = (value: number) => (at = header.writeUInt32LE(value, at));
  fourcc('RIFF');
  u32(header.length - 8 + dataBytes);
  fourcc('WAVE');
  fourcc('fmt ');
  u32(16);
  u16(WAVE_FORMAT_PCM);
  u16(channels);
  u32(sampleRate);
  u32(sampleRate * channels * 2);
  u16(channels * 2);
  u16(16);
  fourcc('LIST');
  u32(4 + 8 + tagBytes);
  fourcc('INFO');
  fourcc('ISFT');
  u32(tag.length);
  tag.copy(header, at);
  at += tagBytes;
  fourcc('data');
  u32(dataBytes);
  return header;
}

/** The largest RIFF file: its size less 8 is a 32-bit field (ffmpeg writes RF64 only when asked). */
export const RIFF_MAX_BYTES = 0xffff_ffff + 8;

const WAVE_FORMAT_PCM = 0x0001;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
/** KSDATAFORMAT_SUBTYPE_PCM as stored: 00000001-0000-0010-8000-00aa00389b71. */
const PCM_SUBFORMAT = Buffer.from('0100000000001000800000aa00389b71', 'hex');
/** dwChannelMask: front centre for mono, front left and right for stereo; 0 (unknown) gets those from ffmpeg too. */
const CHANNEL_MASKS: Record<1 | 2, readonly number[]> = { 1: [0, 0x4], 2: [0, 0x3] };
/** Chunks ffmpeg's WAV demuxer skips or does not need for 16-bit PCM ('fact' counts samples, which PCM does not use). */
const IGNORED_CHUNKS = new Set(['fact', 'JUNK', 'junk', 'PAD ']);
/** A LIST chunk is read whole to check what it holds; one this large is not a plain encoder tag. */
const LIST_READ_LIMIT = 64 * 1024;

type ReadAt = (position: number, length: number) => Promise<Buffer>;

interface FormatChunk {
  channels: 1 | 2;
  sampleRate: number;
}

async function parseChunks(fileSize: number, readAt: ReadAt): Promise<PcmWavReading> {
  const riff = await readAt(0, 12);
  const fourcc = (buffer: Buffer, at: number) => buffer.toString('latin1', at, at + 4);
  if (riff.length < 12 || fourcc(riff, 8) !== 'WAVE') return refuse('it is not a WAV file');
  if (fourcc(riff, 0) !== 'RIFF') return refuse(`its header is ${fourcc(riff, 0)}, not RIFF`);
  if (fileSize > RIFF_MAX_BYTES) return refuse('it is over 4 GiB');
  // ffmpeg walks the chunks to the end of the file whatever the RIFF size says, and reads a second data chunk on.
  let format: FormatChunk | null = null;
  let data: { offset: number; bytes: number } | null = null;
  for (let at = 12; at + 8 <= fileSize; ) {
    const head = await readAt(at, 8);
    const id = fourcc(head, 0);
    const bytes = head.readUInt32LE(4);
    const body = at + 8;
    if (id === 'data') {
      if (data) return refuse('it has more than one data chunk');
      // 0 and 0xFFFFFFFF (a file written to a pipe): ffmpeg reads to the end of the file.
      if (bytes === 0 || bytes === 0xffff_ffff) return refuse('its data chunk does not give its size');
      if (body + bytes > fileSize) return refuse('its data chunk runs past the end of the file (a cut-off recording)');
      data = { offset: body, bytes };
    } else if (id === 'fmt ') {
      if (format) return refuse('it has more than one format chunk');
      const parsed = parseFormat(await readAt(body, Math.min(bytes, 64)), bytes);
      if (typeof parsed === 'string') return refuse(parsed);
      format = parsed;
    } else if (id === 'LIST') {
      if (bytes > LIST_READ_LIMIT) return refuse('it carries metadata');
      const problem = infoListProblem(await readAt(body, bytes));
      if (problem) return refuse(problem);
    } else if (!IGNORED_CHUNKS.has(id)) {
      return refuse(`it has a '${id}' chunk`);
    }
    at = body + bytes + (bytes % 2);
  }
  if (!format) return refuse('it has no format chunk');
  if (!data) return refuse('it has no data chunk');
  const frameBytes = format.channels * 2;
  if (data.bytes % frameBytes !== 0) return refuse('its data chunk ends with part of a sample');
  return { ok: true, wav: { ...format, dataOffset: data.offset, frames: data.bytes / frameBytes } };
}

/** The format chunk of 16-bit PCM, mono or stereo, or what else it is. */
function parseFormat(chunk: Buffer, declaredBytes: number): FormatChunk | string {
  if (declaredBytes < 16 || chunk.length < 16) return 'its format chunk is damaged';
  const tag = chunk.readUInt16LE(0);
  const channels = chunk.readUInt16LE(2);
  const sampleRate = chunk.readUInt32LE(4);
  const byteRate = chunk.readUInt32LE(8);
  const blockAlign = chunk.readUInt16LE(12);
  const bits = chunk.readUInt16LE(14);
  const extensible = tag === WAVE_FORMAT_EXTENSIBLE;
  if (extensible) {
    // cbSize 22: valid bits, channel mask, sub-format.
    if (chunk.length < 40 || chunk.readUInt16LE(16) < 22) return 'its extensible format chunk is damaged';
    if (!chunk.subarray(24, 40).equals(PCM_SUBFORMAT)) return 'it is not PCM';
    if (chunk.readUInt16LE(18) !== 16) return `it holds ${chunk.readUInt16LE(18)}-bit samples`;
  } else if (tag !== WAVE_FORMAT_PCM) {
    return 'it is not PCM';
  }
  if (bits !== 16) return `it holds ${bits}-bit samples`;
  if (channels !== 1 && channels !== 2) return `it has ${channels} channels`;
  if (extensible && !CHANNEL_MASKS[channels].includes(chunk.readUInt32LE(20))) return 'its channels are not plain mono or stereo';
  // ffmpeg seeks in a PCM file by its byte rate, so a header that disagrees with itself would move the cuts.
  if (blockAlign !== channels * 2 || byteRate !== sampleRate * blockAlign) return 'its format chunk contradicts itself';
  return { channels, sampleRate };
}

/** Null for a LIST/INFO chunk holding only encoder tags (ISFT), which ffmpeg replaces with its own. */
function infoListProblem(list: Buffer): string | null {
  if (list.length < 4 || list.toString('latin1', 0, 4) !== 'INFO') return 'it carries metadata';
  for (let at = 4; at < list.length; ) {
    if (at + 8 > list.length || list.toString('latin1', at, at + 4) !== 'ISFT') return 'it carries metadata';
    const bytes = list.readUInt32LE(at + 4);
    at += 8 + bytes + (bytes % 2);
  }
  return null;
}

function refuse(reason: string): PcmWavReading {
  return { ok: false, reason };
}
