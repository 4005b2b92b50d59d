import { describe, expect, it } from 'vitest';
import type { AudioStreamInfo, MediaInfo, VideoInfo } from '../../../../shared/media';
import { buildProxyArgs } from './proxy-args';

const hevc: VideoInfo = {
  index: 0, codec: 'hevc', width: 3840, height: 2160, displayWidth: 3840, displayHeight: 2160, sar: { num: 1, den: 1 },
  dar: { num: 16, den: 9 }, rotation: 0, frameRate: { num: 30, den: 1 }, variableFrameRate: false, pixelFormat: 'yuv420p10le', bitDepth: 10, hasAlpha: false, hdr: null,
};
const surround: AudioStreamInfo = { index: 1, codec: 'ac3', channels: 6, channelLayout: '5.1', sampleRate: 48_000, language: null };
const media = (video: VideoInfo | null, audio: AudioStreamInfo[]): MediaInfo => ({
  kind: video ? 'video' : 'audio', container: 'matroska,webm', duration: 12, sizeBytes: 1, bitRate: null, creationTime: null,
  video, audio, subtitles: [], attachedPicture: null,
});

describe('buildProxyArgs', () => {
  it('tone-maps HDR to SDR before scaling', () => {
    const args = buildProxyArgs('in.mkv', 'out.tmp', media({ ...hevc, hdr: 'pq' }, []));
    expect(args[args.indexOf('-vf') + 1]).toBe(
      'zscale=t=linear:npl=100,format=gbrpf32le,zscale=p=bt709,tonemap=tonemap=mobius:desat=0,zscale=t=bt709:m=bt709:r=tv,scale=1280:720,setsar=1,format=yuv420p',
    );
  });

  it('makes H.264 of at most 1280 px and AAC stereo in a fast-start MP4', () => {
    expect(buildProxyArgs('in.mkv', 'out.tmp', media(hevc, [surround]))).toEqual([
      '-y', '-i', 'in.mkv',
      '-map', '0:0', '-vf', 'scale=1280:720,setsar=1,format=yuv420p',
      '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-bf', '0', '-force_key_frames', 'expr:gte(t,n_forced*2)', '-fps_mode', 'passthrough',
      '-map', '0:1', '-c:a', 'aac', '-b:a', '128k', '-ac', '2', '-ar', '48000',
      '-sn', '-dn', '-map_chapters', '-1', '-movflags', '+faststart', '-f', 'mp4', 'out.tmp',
    ]);
  });

  it('sizes the picture upright and square-pixelled, to even sides, never enlarged', () => {
    const portrait = { ...hevc, width: 1920, height: 1080, displayWidth: 1080, displayHeight: 1920, rotation: 90 as const };
    expect(buildProxyArgs('a', 'b', media(portrait, []))).toContain('scale=720:1280,setsar=1,format=yuv420p');
    const anamorphic = { ...hevc, width: 720, height: 576, displayWidth: 1024, displayHeight: 576, sar: { num: 64, den: 45 } };
    expect(buildProxyArgs('a', 'b', media(anamorphic, []))).toContain('scale=1024:576,setsar=1,format=yuv420p');
    expect(buildProxyArgs('a', 'b', media({ ...hevc, displayWidth: 85, displayHeight: 47 }, []))).toContain('scale=86:48,setsar=1,format=yuv420p');
  });

  it('leaves out sound that is not there, and picture that is not there', () => {
    expect(buildProxyArgs('a', 'b', media(hevc, []))).toContain('-an');
    const audioOnly = buildProxyArgs('a.m4a', 'b', media(null, [{ ...surround, index: 0, codec: 'alac', channels: 1, sampleRate: 192_000 }]));
    expect(audioOnly).not.toContain('-vf');
    expect(audioOnly.join(' ')).toContain('-map 0:0 -c:a aac -b:a 128k -ac 1 -ar 48000');
  });
});
