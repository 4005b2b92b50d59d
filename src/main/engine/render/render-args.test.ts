import { describe, expect, it } from 'vitest';
import { DEFAULT_VIDEO_PRESET, findPreset, type AudioPreset, type VideoPreset } from '../../../shared/export/presets';
import { SOFTWARE_ENCODERS } from '../ffmpeg/encoders';
import type { RenderGraph } from './graph/render-graph';
import { buildRenderArgs, renderTarget } from './render-args';

const SEQUENCE_FRAME = { width: 1280, height: 720 };
const GRAPH: RenderGraph = { inputArgs: ['-i', 'a.mp4'], inputCount: 1, graph: '…', videoOut: '[vout]', audioOut: '[aout]', durationSeconds: 4 };

describe('render arguments', () => {
  it('maps the graph outputs to the preset’s encoders and container', () => {
    const preset = findPreset('h264-1080p') as VideoPreset;
    const args = buildRenderArgs({ graph: GRAPH, filterArgs: ['-filter_complex_script', '/tmp/g.txt'], output: 'out.mp4', preset, encoder: SOFTWARE_ENCODERS.h264 });
    expect(args).toEqual([
      '-y', '-i', 'a.mp4', '-filter_complex_script', '/tmp/g.txt',
      '-map', '[vout]', ...SOFTWARE_ENCODERS.h264.codecArgs,
      '-map', '[aout]', '-c:a', 'aac', '-b:a', '192k',
      '-movflags', '+faststart', 'out.mp4',
    ]);
  });

  it('makes a sound file from an audio preset', () => {
    const preset = findPreset('audio-wav') as AudioPreset;
    expect(renderTarget(preset, 'letterbox', undefined, SEQUENCE_FRAME)).toEqual({ video: null, audio: true });
    const args = buildRenderArgs({ graph: { ...GRAPH, videoOut: null }, filterArgs: ['-filter_complex', 'x'], output: 'out.wav', preset });
    expect(args).toEqual(['-y', '-i', 'a.mp4', '-filter_complex', 'x', '-vn', '-map', '[aout]', '-c:a', 'pcm_s16le', 'out.wav']);
  });

  it('sizes the picture to the preset and hands the encoder its filters', () => {
    const preset = findPreset('vertical-1080x1920') as VideoPreset;
    expect(renderTarget(preset, 'crop', SOFTWARE_ENCODERS.h264, SEQUENCE_FRAME)).toEqual({
      video: { width: 1080, height: 1920, fit: 'crop', filterSuffix: 'format=yuv420p' },
      audio: true,
    });
  });

  it('keeps the sequence’s own frame with the same-size preset', () => {
    const preset = findPreset(DEFAULT_VIDEO_PRESET) as VideoPreset;
    expect(renderTarget(preset, 'letterbox', SOFTWARE_ENCODERS.h264, SEQUENCE_FRAME)).toEqual({
      video: { width: 1280, height: 720, fit: 'letterbox', filterSuffix: 'format=yuv420p' },
      audio: true,
    });
  });
});
