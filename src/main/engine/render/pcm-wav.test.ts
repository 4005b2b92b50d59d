import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pcmWavHeader, readPcmWav } from './pcm-wav';

let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-pcm-wav-'));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** A RIFF chunk, padded to an even length as the format requires. */
function chunk(id: string, body: Buffer, declared = body.length): Buffer {
  const head = Buffer.alloc(8);
  head.write(id, 0, 'latin1');
  head.writeUInt32LE(declared, 4);
  return Buffer.concat([head, body, Buffer.alloc(body.length % 2)]);
}

function riff(chunks: Buffer[], magic = 'RIFF'): Buffer {
  const body = Buffer.concat([Buffer.from('WAVE', 'latin1'), ...chunks]);
  const head = Buffer.alloc(8);
  head.write(magic, 0, 'latin1');
  head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body]);
}

interface FormatFields {
  tag?: number;
  channels?: number;
  rate?: number;
  bits?: number;
  byteRate?: number;
  /** WAVE_FORMAT_EXTENSIBLE's valid bits, channel mask and sub-format (hex). */
  extensible?: { validBits: number; mask: number; subformat: string };
}

function fmt({ tag = 1, channels = 1, rate = 48_000, bits = 16, byteRate, extensible }: FormatFields = {}): Buffer {
  const body = Buffer.alloc(extensible ? 40 : 16);
  const blockAlign = (channels * bits) / 8;
  body.writeUInt16LE(extensible ? 0xfffe : tag, 0);
  body.writeUInt16LE(channels, 2);
  body.writeUInt32LE(rate, 4);
  body.writeUInt32LE(byteRate ?? rate * blockAlign, 8);
  body.writeUInt16LE(blockAlign, 12);
  body.writeUInt16LE(bits, 14);
  if (extensible) {
    body.writeUInt16LE(22, 16);
    body.writeUInt16LE(extensible.validBits, 18);
    body.writeUInt32LE(extensible.mask, 20);
    Buffer.from(extensible.subformat, 'hex').copy(body, 24);
  }
  return chunk('fmt ', body);
}

const PCM = '0100000000001000800000aa00389b71';
const FLOAT = '0300000000001000800000aa00389b71';

function info(...tags: [id: string, text: string][]): Buffer {
  return chunk('LIST', Buffer.concat([Buffer.from('INFO', 'latin1'), ...tags.map(([id, text]) => chunk(id, Buffer.from(`${text}\0`, 'latin1')))]));
}

async function read(name: string, bytes: Buffer) {
  const file = path.join(dir, name);
  await fs.writeFile(file, bytes);
  return readPcmWav(file);
}

describe('16-bit PCM WAV files', () => {
  it('finds the samples after an odd-sized chunk’s pad byte, and past an encoder tag and chunks ffmpeg skips', async () => {
    const samples = Buffer.alloc(4000, 7);
    const bytes = riff([fmt(), chunk('JUNK', Buffer.alloc(27)), info(['ISFT', 'Lavf59.27.100']), chunk('fact', Buffer.alloc(4)), chunk('data', samples)]);
    // 12 + 24 (fmt) + 36 (27 bytes and a pad) + 34 (LIST) + 12 (fact) + 8.
    expect(await read('plain.wav', bytes)).toEqual({ ok: true, wav: { channels: 1, sampleRate: 48_000, dataOffset: 126, frames: 2000 } });
  });

  it('reads WAVE_FORMAT_EXTENSIBLE holding PCM in plain mono or stereo, and a LIST after the data', async () => {
    const stereo = riff([fmt({ channels: 2, extensible: { validBits: 16, mask: 0x3, subformat: PCM } }), chunk('data', Buffer.alloc(400)), info(['ISFT', 'sox'])]);
    expect(await read('extensible.wav', stereo)).toEqual({ ok: true, wav: { channels: 2, sampleRate: 48_000, dataOffset: 68, frames: 100 } });
    const unknownMono = riff([fmt({ extensible: { validBits: 16, mask: 0, subformat: PCM } }), chunk('data', Buffer.alloc(400))]);
    expect(await read('extensible-mono.wav', unknownMono)).toMatchObject({ ok: true, wav: { channels: 1, frames: 200 } });
  });

  it('leaves to ffmpeg what it would read differently from a copy of the data chunk', async () => {
    const data = chunk('data', Buffer.alloc(400));
    const cases: [string, Buffer, RegExp][] = [
      ['24-bit', riff([fmt({ bits: 24 }), data]), /24-bit/],
      ['float', riff([fmt({ tag: 3, bits: 32 }), data]), /not PCM/],
      ['extensible float', riff([fmt({ bits: 32, extensible: { validBits: 32, mask: 0, subformat: FLOAT } }), data]), /not PCM/],
      ['extensible 12 of 16 bits', riff([fmt({ extensible: { validBits: 12, mask: 0, subformat: PCM } }), data]), /12-bit/],
      ['left channel only', riff([fmt({ extensible: { validBits: 16, mask: 0x1, subformat: PCM } }), data]), /plain mono or stereo/],
      ['5.1', riff([fmt({ channels: 6 }), chunk('data', Buffer.alloc(1200))]), /6 channels/],
      ['wrong byte rate', riff([fmt({ byteRate: 44_100 }), data]), /contradicts itself/],
      ['RF64', riff([fmt(), data], 'RF64'), /RF64, not RIFF/],
      ['big-endian', riff([fmt(), data], 'RIFX'), /RIFX, not RIFF/],
      ['not a WAV', Buffer.from('ID3\u0004 not a wave file at all', 'latin1'), /not a WAV/],
      ['unknown size', riff([fmt(), chunk('data', Buffer.alloc(400), 0xffff_ffff)]), /does not give its size/],
      ['cut off', riff([fmt(), chunk('data', Buffer.alloc(400), 800)]), /past the end/],
      ['two data chunks', riff([fmt(), data, data]), /more than one data/],
      ['no data', riff([fmt()]), /no data chunk/],
      ['part of a sample', riff([fmt({ channels: 2 }), chunk('data', Buffer.alloc(402))]), /part of a sample/],
      ['a title', riff([fmt(), info(['ISFT', 'Lavf59.27.100'], ['INAM', 'My talk']), data]), /metadata/],
      ['broadcast metadata', riff([fmt(), chunk('bext', Buffer.alloc(602)), data]), /'bext' chunk/],
      ['ID3 tags', riff([fmt(), data, chunk('id3 ', Buffer.alloc(20))]), /'id3 ' chunk/],
    ];
    for (const [name, bytes, reason] of cases) {
      const reading = await read(`${name}.wav`, bytes);
      expect(reading.ok, name).toBe(false);
      if (!reading.ok) expect(reading.reason, name).toMatch(reason);
    }
  });

  it('writes the header ffmpeg writes: RIFF, a 16-byte PCM format, its encoder tag, then the data chunk', () => {
    const header = pcmWavHeader(2, 44_100, 1000, 'Lavf59.27.100');
    expect(header.toString('hex')).toBe(
      [
        // The RIFF size is the file's less 8: 1,070 bytes.
        '52494646', '2e040000', '57415645',
        '666d7420', '10000000', '0100', '0200', '44ac0000', '10b10200', '0400', '1000',
        '4c495354', '1a000000', '494e464f', '49534654', '0e000000', Buffer.from('Lavf59.27.100\0', 'latin1').toString('hex'),
        '64617461', 'e8030000',
      ].join(''),
    );
    // An odd-length tag is padded; the chunk size counts the text and its NUL only.
    const odd = pcmWavHeader(1, 48_000, 0, 'Lavf60.3.100');
    expect(odd.length).toBe(78);
    expect(odd.readUInt32LE(36 + 4)).toBe(26);
    expect(odd.readUInt32LE(36 + 16)).toBe(13);
  });
});
