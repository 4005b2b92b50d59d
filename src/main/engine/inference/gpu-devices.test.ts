import { describe, expect, it } from 'vitest';
import { gpuMissingReason } from './gpu-devices';

describe('gpuMissingReason', () => {
  it('finds a GPU by its DRM render node or an NVIDIA device, and none from a display card or control nodes alone', () => {
    expect(gpuMissingReason({ dri: ['card0', 'renderD128'], dev: ['null', 'dri'] })).toBeNull();
    expect(gpuMissingReason({ dri: [], dev: ['nvidiactl', 'nvidia-uvm', 'nvidia0'] })).toBeNull();
    expect(gpuMissingReason({ dri: ['card0'], dev: ['nvidiactl', 'nvidia-modeset'] })).toMatch(/No GPU was found/);
    expect(gpuMissingReason({ dri: [], dev: [] })).toMatch(/No GPU was found/);
  });
});
