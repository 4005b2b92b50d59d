import { describe, expect, it } from 'vitest';
import { loadOrtRuntime, unavailableMessage } from './ort-runtime';

describe('loadOrtRuntime', () => {
  it('says plainly that Intel Macs have no local AI in this version, without trying to load it', async () => {
    const load = await loadOrtRuntime('darwin', 'x64');
    expect(load).toEqual({ ok: false, message: expect.stringMatching(/^Local AI is not available on Intel Macs in this version/) });
  });

  it('explains any other load failure with its first line', () => {
    expect(unavailableMessage('linux', 'x64', new Error('libonnxruntime.so.1: cannot open shared object file\nstack'))).toBe(
      'Local AI is not available: ONNX Runtime could not be loaded on linux x64 (libonnxruntime.so.1: cannot open shared object file). AI features are turned off; everything else works.',
    );
  });

  it('loads here with the CPU provider listed', async () => {
    const load = await loadOrtRuntime();
    expect(load.ok && load.runtime.backends.some((b) => b.name === 'cpu')).toBe(true);
  });
});
