import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Whether CUDA can work for onnxruntime-node on Linux: its CUDA provider library must sit beside the binding (the
 * npm package downloads it only when asked to), and the CUDA 12 and cuDNN 9 runtime libraries must be installed.
 * Trying CUDA without them costs a noisy failure on every model, so it is skipped with the reason instead.
 */

/** What onnxruntime-node 1.30's CUDA provider loads. */
export const CUDA_RUNTIME_LIBRARIES = ['libcudart.so.12', 'libcublas.so.12', 'libcublasLt.so.12', 'libcudnn.so.9'] as const;
const PROVIDER_LIBRARY = 'libonnxruntime_providers_cuda.so';
const KNOWN_FOLDERS = ['/usr/local/cuda/lib64', '/usr/lib/x86_64-linux-gnu', '/usr/lib64', '/usr/local/lib'];

export interface CudaLibraryFacts {
  /** The folder of onnxruntime_binding.node. */
  bindingDir: string;
  /** Output of `ldconfig -p` ('' when it could not run). */
  ldconfigListing: string;
  /** LD_LIBRARY_PATH, split. */
  libraryPath: readonly string[];
  exists: (file: string) => boolean;
}

/** Null when CUDA is worth trying, else a sentence saying what is missing. */
export function cudaMissingReason(facts: CudaLibraryFacts): string | null {
  if (!facts.exists(path.join(facts.bindingDir, PROVIDER_LIBRARY))) {
    return 'onnxruntime-node’s CUDA provider is not installed (reinstall it with --onnxruntime-node-install=cuda12).';
  }
  const listed = new Set(
    facts.ldconfigListing
      .split('\n')
      .map((line) => line.trim().split(' ')[0])
      .filter((name): name is string => name !== undefined && name.length > 0),
  );
  const folders = [...facts.libraryPath, ...KNOWN_FOLDERS];
  const missing = CUDA_RUNTIME_LIBRARIES.filter(
    (library) => !listed.has(library) && !folders.some((folder) => facts.exists(path.join(folder, library))),
  );
  return missing.length === 0 ? null : `CUDA 12 and cuDNN 9 are not installed (${missing.join(', ')} not found).`;
}

export async function detectCudaMissing(bindingDir: string, env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  // ldconfig is often outside an ordinary user's PATH.
  const ldconfig = fs.existsSync('/sbin/ldconfig') ? '/sbin/ldconfig' : 'ldconfig';
  const ldconfigListing = await new Promise<string>((resolve) =>
    execFile(ldconfig, ['-p'], { timeout: 5000, maxBuffer: 8 * 1024 * 1024 }, (error, stdout) => resolve(error ? '' : stdout)),
  );
  return cudaMissingReason({
    bindingDir,
    ldconfigListing,
    libraryPath: (env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean),
    exists: (file) => fs.existsSync(file),
  });
}
