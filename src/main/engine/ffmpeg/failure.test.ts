import { describe, expect, it } from 'vitest';
import { describeFfmpegFailure, formatCommandLine } from './failure';

describe('describeFfmpegFailure', () => {
  it.each([
    ['/media/missing clip.mp4: No such file or directory', /A file does not exist: \/media\/missing clip\.mp4\./],
    ['[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55] moov atom not found\nbroken.mp4: Invalid data found when processing input', /damaged or is not a media file/],
    ["Unknown encoder 'libx265'", /no “libx265” encoder/],
    ['av_interleaved_write_frame(): No space left on device', /disk is full/],
    ['/readonly/out.mp4: Permission denied', /Permission denied: \/readonly\/out\.mp4\./],
    ['Error while filtering: Invalid data found when processing input', /failed while filtering the video or sound \(Error while filtering: Invalid data/],
    ['[mp4 @ 0x1] Could not find tag for codec dnxhd in stream #0, codec not currently supported in container\nError initializing output stream 0:0 --', /output file type cannot hold/],
  ])('explains %j', (stderr, expected) => {
    expect(describeFfmpegFailure(stderr, 1)).toMatch(expected);
  });

  it('falls back to the last line that looks like an error', () => {
    expect(describeFfmpegFailure('Stream mapping:\nSomething odd failed here\nConversion done', 234)).toBe(
      'ffmpeg exited with code 234: Something odd failed here',
    );
  });
});

describe('formatCommandLine', () => {
  it('quotes what a shell would split or expand', () => {
    expect(formatCommandLine('ffmpeg', ['-i', "my 'clip'.mp4", '-vf', 'scale=1920:1080', 'out.mp4'])).toBe(
      `ffmpeg -i 'my '\\''clip'\\''.mp4' -vf scale=1920:1080 out.mp4`,
    );
  });
});
