import { describe, expect, it } from 'vitest';
import { frameRotation, NotMediaError, parseProbeOutput, pixelFormatHasAlpha, withRotation } from './probe-parse';

const phone = {
  streams: [
    {
      index: 0, codec_type: 'video', codec_name: 'hevc', width: 1920, height: 1080, sample_aspect_ratio: '1:1',
      display_aspect_ratio: '16:9', pix_fmt: 'yuv420p10le', r_frame_rate: '30000/1001', avg_frame_rate: '2997/100', color_transfer: 'arib-std-b67',
      nb_frames: '300', duration: '10.010000', some_future_field: { x: 1 },
      disposition: { default: 1, attached_pic: 0 },
      tags: { creation_time: '2024-05-01T10:00:00.000000Z', language: 'und' },
      side_data_list: [{ side_data_type: 'Display Matrix', displaymatrix: '...', rotation: -90 }],
    },
    { index: 1, codec_type: 'audio', codec_name: 'aac', sample_rate: '48000', channels: 2, channel_layout: 'stereo', tags: { language: 'eng' } },
    { index: 2, codec_type: 'data', codec_name: 'bin_data' },
  ],
  format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '10.010000', size: '12345678', bit_rate: '9866000' },
};

describe('parseProbeOutput', () => {
  it('reads a rotated phone clip', () => {
    const info = parseProbeOutput(phone);
    expect(info).toMatchObject({
      kind: 'video', container: 'mov,mp4,m4a,3gp,3g2,mj2', duration: 10.01, sizeBytes: 12345678, bitRate: 9866000,
      creationTime: '2024-05-01T10:00:00.000000Z', attachedPicture: null, subtitles: [],
      audio: [{ index: 1, codec: 'aac', channels: 2, channelLayout: 'stereo', sampleRate: 48000, language: 'eng' }],
    });
    expect(info.video).toMatchObject({
      codec: 'hevc', width: 1920, height: 1080, displayWidth: 1080, displayHeight: 1920, rotation: 90,
      frameRate: { num: 2997, den: 100 }, variableFrameRate: false, bitDepth: 10, hasAlpha: false,
      sar: { num: 1, den: 1 }, dar: { num: 16, den: 9 }, hdr: 'hlg',
    });
  });

  it('tells PQ and HLG high dynamic range from SDR by the transfer', () => {
    const withTransfer = (color_transfer?: string) =>
      parseProbeOutput({ ...phone, streams: [{ ...phone.streams[0], color_transfer }] }).video?.hdr;
    expect(withTransfer('smpte2084')).toBe('pq');
    expect(withTransfer('arib-std-b67')).toBe('hlg');
    expect(withTransfer('bt709')).toBeNull();
    expect(withTransfer(undefined)).toBeNull();
  });

  it('reads the legacy rotate tag (clockwise) and normalises angles', () => {
    const tagged = structuredClone(phone);
    tagged.streams[0]!.side_data_list = [];
    (tagged.streams[0]!.tags as Record<string, string>)['rotate'] = '-90';
    expect(parseProbeOutput(tagged).video).toMatchObject({ rotation: 270, displayWidth: 1080 });
    tagged.streams[0]!.side_data_list = [{ side_data_type: 'Display Matrix', displaymatrix: '', rotation: 180 }];
    expect(parseProbeOutput(tagged).video).toMatchObject({ rotation: 180, displayWidth: 1920, displayHeight: 1080 });
  });

  it('flags a variable frame rate and applies the sample aspect ratio', () => {
    const vfr = structuredClone(phone);
    Object.assign(vfr.streams[0]!, { r_frame_rate: '30/1', avg_frame_rate: '50/3', sample_aspect_ratio: '4:3', display_aspect_ratio: '64:27', side_data_list: [] });
    expect(parseProbeOutput(vfr).video).toMatchObject({ variableFrameRate: true, displayWidth: 2560, displayHeight: 1080, sar: { num: 4, den: 3 }, dar: { num: 64, den: 27 } });
  });

  it('treats cover art as an attached picture, not video', () => {
    const info = parseProbeOutput({
      streams: [
        { index: 0, codec_type: 'audio', codec_name: 'mp3', sample_rate: '44100', channels: 1, channel_layout: 'mono' },
        { index: 1, codec_type: 'video', codec_name: 'mjpeg', width: 500, height: 500, avg_frame_rate: '0/0', disposition: { attached_pic: 1 } },
      ],
      format: { format_name: 'mp3', duration: '1.044898', tags: { CREATION_TIME: '2020-01-01T00:00:00Z' } },
    });
    expect(info).toMatchObject({ kind: 'audio', video: null, attachedPicture: { index: 1, codec: 'mjpeg', width: 500, height: 500 }, creationTime: '2020-01-01T00:00:00Z' });
  });

  it('sees the alpha of VP9 in WebM, which only the stream’s alpha_mode tag shows', () => {
    const stream = { index: 0, codec_type: 'video', codec_name: 'vp9', width: 32, height: 32, pix_fmt: 'yuv420p', r_frame_rate: '25/1', avg_frame_rate: '25/1' };
    const format = { format_name: 'matroska,webm', duration: '4.0' };
    expect(parseProbeOutput({ streams: [{ ...stream, tags: { alpha_mode: '1' } }], format }).video?.hasAlpha).toBe(true);
    expect(parseProbeOutput({ streams: [stream], format }).video?.hasAlpha).toBe(false);
  });

  it('detects still images and their alpha', () => {
    const png = parseProbeOutput({
      streams: [{ index: 0, codec_type: 'video', codec_name: 'png', width: 64, height: 64, pix_fmt: 'rgba', r_frame_rate: '25/1', avg_frame_rate: '25/1' }],
      format: { format_name: 'png_pipe', size: '226' },
    });
    expect(png).toMatchObject({ kind: 'image', duration: null, video: { hasAlpha: true, frameRate: null, variableFrameRate: false } });
    const jpegInMov = parseProbeOutput({
      streams: [{ index: 0, codec_type: 'video', codec_name: 'mjpeg', width: 8, height: 8, pix_fmt: 'yuvj420p', nb_frames: '1' }],
      format: { format_name: 'image2' },
    });
    expect(jpegInMov.kind).toBe('image');
    const mjpegMovie = parseProbeOutput({
      streams: [{ index: 0, codec_type: 'video', codec_name: 'mjpeg', width: 8, height: 8, nb_frames: '50', avg_frame_rate: '25/1', r_frame_rate: '25/1' }],
      format: { format_name: 'avi', duration: '2.0' },
    });
    expect(mjpegMovie.kind).toBe('video');
  });

  it('knows which pixel formats carry alpha', () => {
    for (const f of ['rgba', 'bgra', 'yuva420p', 'yuva444p10le', 'ya8', 'gbrap', 'gbrap12le', 'rgba64be', 'argb']) expect(pixelFormatHasAlpha(f), f).toBe(true);
    for (const f of ['yuv420p', 'rgb24', 'rgb0', '0rgb', 'pal8', 'gray', 'yuvj420p', 'nv12', undefined]) expect(pixelFormatHasAlpha(f), String(f)).toBe(false);
  });

  it('lists subtitle streams with their language and ignores junk fields', () => {
    const info = parseProbeOutput({
      streams: [
        { index: 0, codec_type: 'video', codec_name: 'h264', width: 'oops', height: 48, avg_frame_rate: '25/1', r_frame_rate: '25/1' },
        { index: 1, codec_type: 'subtitle', codec_name: 'subrip', tags: { LANGUAGE: 'eng' } },
        { index: 2, codec_type: 'subtitle', codec_name: 'ass' },
      ],
      format: { format_name: 'matroska,webm', duration: 'N/A' },
    });
    expect(info.subtitles).toEqual([{ index: 1, codec: 'subrip', language: 'eng' }, { index: 2, codec: 'ass', language: null }]);
    expect(info.video?.width).toBe(0);
    expect(info.duration).toBeNull();
  });

  it('refuses documents without video or audio', () => {
    expect(() => parseProbeOutput({ streams: [{ index: 0, codec_type: 'subtitle', codec_name: 'subrip' }], format: { format_name: 'srt' } })).toThrow(NotMediaError);
    expect(() => parseProbeOutput({})).toThrow(NotMediaError);
    expect(() => parseProbeOutput('nonsense')).toThrow(NotMediaError);
  });
});

describe('picture rotation from the first frame', () => {
  it('reads the display matrix of a frame (counter-clockwise) as a clockwise quarter turn', () => {
    expect(frameRotation({ frames: [{ side_data_list: [{ side_data_type: '3x3 displaymatrix', rotation: -90 }] }] })).toBe(90);
    expect(frameRotation({ frames: [{ side_data_list: [{ side_data_type: '3x3 displaymatrix', rotation: 180 }] }] })).toBe(180);
    expect(frameRotation({ frames: [{}] })).toBe(0);
    expect(frameRotation('nonsense')).toBe(0);
  });

  it('swaps the shown size for a quarter turn and keeps it for a half turn', () => {
    const upright = parseProbeOutput({
      streams: [{ index: 0, codec_type: 'video', codec_name: 'mjpeg', width: 64, height: 32, pix_fmt: 'yuvj420p' }],
      format: { format_name: 'image2' },
    }).video!;
    expect(withRotation(upright, 90)).toMatchObject({ rotation: 90, width: 64, height: 32, displayWidth: 32, displayHeight: 64 });
    expect(withRotation(upright, 180)).toMatchObject({ rotation: 180, displayWidth: 64, displayHeight: 32 });
    expect(withRotation(withRotation(upright, 90), 270)).toMatchObject({ displayWidth: 32, displayHeight: 64 });
  });
});
