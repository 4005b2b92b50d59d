import { describe, expect, it } from 'vitest';
import { parseEncoderTag, parseVersion } from './encoders';

const VERSION_OUTPUT = `ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026 the FFmpeg developers
built with gcc 12 (Debian 12.2.0-14+deb12u1)
libavutil      57. 28.100 / 57. 28.100
libavformat    59. 27.100 / 59. 27.100
libavdevice    59.  7.100 / 59.  7.100
`;

describe('ffmpeg -version', () => {
  it('gives the version, and the encoder tag ffmpeg writes into files (libavformat’s ident)', () => {
    expect(parseVersion(VERSION_OUTPUT)).toBe('5.1.9-0+deb12u1');
    expect(parseEncoderTag(VERSION_OUTPUT)).toBe('Lavf59.27.100');
    expect(parseEncoderTag('ffmpeg version n7.1\nlibavformat    61.  7.100 / 61.  7.100\n')).toBe('Lavf61.7.100');
    expect(parseEncoderTag('')).toBeNull();
  });
});
