import fs from 'node:fs';

/**
 * Whether a GPU provider can work on Linux at all: every GPU driver there shows its devices as DRM render nodes
 * (/dev/dri/renderD128…) or, for NVIDIA's own driver, /dev/nvidia0…. Without one, WebGPU could only find a software
 * Vulkan device (llvmpipe), and trying it costs every host start about 50 ms and the loading of LLVM before it fails.
 */

/** Null when a GPU device node exists, else the sentence recorded for the skipped providers. */
export function gpuMissingReason(deviceNames: { dri: readonly string[]; dev: readonly string[] }): string | null {
  const render = deviceNames.dri.some((name) => /^renderD\d+$/.test(name));
  const nvidia = deviceNames.dev.some((name) => /^nvidia\d+$/.test(name));
  return render || nvidia ? null : 'No GPU was found (no /dev/dri render node or /dev/nvidia device).';
}

export function detectGpuMissing(): string | null {
  const list = (folder: string) => {
    try {
      return fs.readdirSync(folder);
    } catch {
      return [];
    }
  };
  return gpuMissingReason({ dri: list('/dev/dri'), dev: list('/dev') });
}
