import { describe, expect, it } from 'vitest';
import { locateTool, ToolNotFoundError } from './locate';

const files = (...paths: string[]) => (file: string) => paths.includes(file);

describe('locateTool', () => {
  it('prefers the override variable, then the bundled binary, then PATH', () => {
    const env = { REELSMITH_FFMPEG: '/opt/ff/ffmpeg', PATH: '/usr/bin' };
    const exists = files('/opt/ff/ffmpeg', '/bundle/ffmpeg', '/usr/bin/ffmpeg');
    expect(locateTool('ffmpeg', { env, exists, bundled: { ffmpeg: '/bundle/ffmpeg' } })).toEqual({
      name: 'ffmpeg', path: '/opt/ff/ffmpeg', source: 'env',
    });
    expect(locateTool('ffmpeg', { env: { PATH: '/usr/bin' }, exists, bundled: { ffmpeg: '/bundle/ffmpeg' } }).source).toBe('bundled');
    expect(locateTool('ffmpeg', { env: { PATH: '/usr/bin' }, exists, bundled: {} })).toEqual({
      name: 'ffmpeg', path: '/usr/bin/ffmpeg', source: 'path',
    });
  });

  it('skips a bundled path whose binary was never downloaded', () => {
    const found = locateTool('ffmpeg', {
      env: { PATH: '/a:/usr/local/bin' },
      exists: files('/usr/local/bin/ffmpeg'),
      bundled: { ffmpeg: '/node_modules/ffmpeg-static/ffmpeg' },
    });
    expect(found.path).toBe('/usr/local/bin/ffmpeg');
  });

  it('uses the unpacked copy inside a packaged app', () => {
    const found = locateTool('ffprobe', {
      env: {},
      exists: files('/app/resources/app.asar.unpacked/node_modules/x/ffprobe'),
      bundled: { ffprobe: '/app/resources/app.asar/node_modules/x/ffprobe' },
    });
    expect(found.path).toBe('/app/resources/app.asar.unpacked/node_modules/x/ffprobe');
  });

  it('finds .exe files on Windows PATH', () => {
    const found = locateTool('ffmpeg', {
      platform: 'win32',
      env: { Path: 'C:\\tools;C:\\ffmpeg\\bin', PATHEXT: '.COM;.EXE' },
      exists: files('C:\\ffmpeg\\bin\\ffmpeg.exe'),
      bundled: {},
    });
    expect(found.path).toBe('C:\\ffmpeg\\bin\\ffmpeg.exe');
  });

  it('explains how to fix a missing tool or a wrong override', () => {
    expect(() => locateTool('ffprobe', { env: { PATH: '/x' }, exists: files(), bundled: {} })).toThrow(ToolNotFoundError);
    expect(() => locateTool('ffprobe', { env: { PATH: '/x' }, exists: files(), bundled: {} })).toThrow(/REELSMITH_FFPROBE/);
    expect(() => locateTool('ffmpeg', { env: { REELSMITH_FFMPEG: '/nope' }, exists: files(), bundled: {} })).toThrow(
      /REELSMITH_FFMPEG is set to \/nope/,
    );
  });
});
