import { describe, expect, it } from 'vitest';
import { assetFacts } from './asset-facts';
import { asset, videoStream } from './fixtures';

const byLabel = (facts: ReturnType<typeof assetFacts>) => Object.fromEntries(facts.map((f) => [f.label, f.value]));

describe('assetFacts', () => {
  it('describes a video’s container, duration, streams and file', () => {
    const facts = byLabel(
      assetFacts(
        asset('clip', { sizeBytes: 5 * 1024 * 1024 }, {
          duration: 83,
          bitRate: 8_200_000,
          audio: [{ index: 1, codec: 'aac', channels: 2, channelLayout: null, sampleRate: 48000, language: 'eng' }],
        }),
      ),
    );
    expect(facts).toMatchObject({
      Container: 'MP4',
      Duration: '1:23',
      Size: '5 MB · 8.2 Mb/s',
      Video: 'h264',
      Resolution: '1920×1080',
      Aspect: 'SAR 1:1 · DAR 16:9',
      'Frame rate': '29.97 fps',
      Pixels: 'yuv420p, 8-bit',
      Audio: 'aac · stereo · 48 kHz · eng',
      File: '/media/clip.mp4',
      Fingerprint: '000000000000',
    });
    expect(facts).not.toHaveProperty('Rotation');
    expect(facts).not.toHaveProperty('Alpha');
    expect(facts).not.toHaveProperty('Dynamic range');
  });

  it('notes anamorphic pixels, rotation, variable frame rate and alpha', () => {
    const video = videoStream({
      width: 1440,
      height: 1080,
      displayWidth: 1080,
      displayHeight: 1920,
      sar: { num: 4, den: 3 },
      rotation: 90,
      variableFrameRate: true,
      hasAlpha: true,
      hdr: 'hlg',
    });
    const facts = byLabel(assetFacts(asset('phone', {}, { video })));
    expect(facts.Resolution).toBe('1440×1080, shown 1080×1920');
    expect(facts.Rotation).toBe('90° clockwise');
    expect(facts['Frame rate']).toBe('29.97 fps (variable)');
    expect(facts.Alpha).toBe('Transparent areas');
    expect(facts['Dynamic range']).toBe('HDR (HLG), shown and exported tone-mapped to SDR');
  });

  it('numbers several audio streams and lists subtitles and cover art', () => {
    const stream = { codec: 'opus', channels: 6, channelLayout: '5.1', sampleRate: null, language: null };
    const facts = byLabel(
      assetFacts(
        asset('film', {}, {
          audio: [
            { index: 1, ...stream },
            { index: 2, ...stream, channels: 1, channelLayout: null },
          ],
          subtitles: [
            { index: 3, codec: 'subrip', language: 'eng' },
            { index: 4, codec: 'ass', language: null },
          ],
          attachedPicture: { index: 5, codec: 'mjpeg', width: 600, height: 600 },
        }),
      ),
    );
    expect(facts['Audio 1']).toBe('opus · 5.1');
    expect(facts['Audio 2']).toBe('opus · mono');
    expect(facts.Subtitles).toBe('2 (eng, ass)');
    expect(facts['Cover art']).toBe('mjpeg 600×600');
  });

  it('leaves time out of an image and says where an upload is kept', () => {
    const logo = asset('logo', { kind: 'image', stored: true, path: '/p/media/logo.png' }, { kind: 'image', duration: null });
    const facts = byLabel(assetFacts(logo));
    expect(facts).not.toHaveProperty('Duration');
    expect(facts).not.toHaveProperty('Frame rate');
    expect(facts.Format).toBe('h264');
    expect(facts['Stored at']).toBe('/p/media/logo.png');
  });
});
