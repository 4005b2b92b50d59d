import { describe, expect, it } from 'vitest';
import { EXPORT_PRESETS, findPreset } from '../../../shared/export/presets';
import { SOFTWARE_ENCODERS } from '../ffmpeg/encoders';
import { buildExportArgs, fitFilter } from './export-args';

const av = { duration: 20, hasVideo: true, hasAudio: true };

describe('buildExportArgs', () => {
  it('letterboxes or crops a video into the preset frame', () => {
    const args = buildExportArgs({
      input: 'in put.mov',
      output: 'out.mp4',
      preset: findPreset('vertical-1080x1920')!,
      fit: 'crop',
      source: av,
      encoder: SOFTWARE_ENCODERS.h264,
    });
    expect(args).toEqual([
      '-y', '-i', 'in put.mov', '-map', '0:v:0', '-map', '0:a:0',
      '-vf', 'scale=1080:1920:force_original_aspect_ratio=increase,crop=1080:1920,setsar=1,format=yuv420p',
      '-c:v', 'libx264', '-preset', 'medium', '-crf', '20', '-profile:v', 'high',
      '-c:a', 'aac', '-b:a', '192k', '-movflags', '+faststart', 'out.mp4',
    ]);
    expect(fitFilter(1920, 1080, 'letterbox')).toBe(
      'scale=1920:1080:force_original_aspect_ratio=decrease,pad=1920:1080:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1',
    );
  });

  it('keeps a file’s own frame with the same-size preset, only making its pixels square and its sides even', () => {
    const args = buildExportArgs({ input: 'a.mp4', output: 'b.mp4', preset: findPreset('h264-same-size')!, fit: 'letterbox', source: av, encoder: SOFTWARE_ENCODERS.h264 });
    expect(args[args.indexOf('-vf') + 1]).toBe('scale=trunc(iw*sar/2)*2:trunc(ih/2)*2,setsar=1,format=yuv420p');
  });

  it('drops the audio of a silent video instead of failing', () => {
    const args = buildExportArgs({
      input: 'a.mp4', output: 'b.mp4', preset: findPreset('h264-1080p')!, fit: 'letterbox',
      source: { ...av, hasAudio: false }, encoder: SOFTWARE_ENCODERS.h264,
    });
    expect(args).toContain('-an');
    expect(args).not.toContain('0:a:0');
  });

  it('puts a hardware encoder’s device arguments before the input', () => {
    const vaapi = { name: 'h264_vaapi', hardware: true, inputArgs: ['-vaapi_device', '/dev/dri/renderD128'], filterSuffix: 'format=nv12,hwupload', codecArgs: ['-c:v', 'h264_vaapi'] };
    const args = buildExportArgs({ input: 'a.mp4', output: 'b.mp4', preset: findPreset('h264-1080p')!, fit: 'letterbox', source: av, encoder: vaapi });
    expect(args.indexOf('-vaapi_device')).toBeLessThan(args.indexOf('-i'));
    expect(args[args.indexOf('-vf') + 1]).toMatch(/,format=nv12,hwupload$/);
  });

  it('makes a GIF with its own palette and a thumbnail a tenth of the way in', () => {
    const gif = buildExportArgs({ input: 'a.mp4', output: 'a.gif', preset: findPreset('gif-480')!, fit: 'letterbox', source: av });
    expect(gif[gif.indexOf('-filter_complex') + 1]).toMatch(/palettegen.*paletteuse/);
    const thumb = buildExportArgs({ input: 'a.mp4', output: 'a.jpg', preset: findPreset('thumbnail-1280')!, fit: 'crop', source: av });
    expect(thumb.slice(0, 3)).toEqual(['-y', '-ss', '2.000']);
    expect(thumb).toContain('-frames:v');
  });

  it('explains why a preset does not fit the source', () => {
    expect(() =>
      buildExportArgs({ input: 'a.wav', output: 'a.mp4', preset: findPreset('h264-1080p')!, fit: 'crop', source: { ...av, hasVideo: false }, encoder: SOFTWARE_ENCODERS.h264 }),
    ).toThrow(/has no video stream/);
    expect(() =>
      buildExportArgs({ input: 'a.mp4', output: 'a.mp3', preset: findPreset('audio-mp3')!, fit: 'crop', source: { ...av, hasAudio: false } }),
    ).toThrow(/has no audio stream/);
  });

  it('gives every preset a unique id', () => {
    const ids = EXPORT_PRESETS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
