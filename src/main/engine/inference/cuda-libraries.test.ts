import { describe, expect, it } from 'vitest';
import { cudaMissingReason, type CudaLibraryFacts } from './cuda-libraries';

const bindingDir = '/app/node_modules/onnxruntime-node/bin/napi-v6/linux/x64';
const facts = (files: string[], ldconfigListing = ''): CudaLibraryFacts => ({
  bindingDir,
  ldconfigListing,
  libraryPath: ['/opt/cuda/lib'],
  exists: (file) => files.includes(file),
});

describe('cudaMissingReason', () => {
  it('asks for the CUDA provider of onnxruntime-node first', () => {
    expect(cudaMissingReason(facts([]))).toMatch(/CUDA provider is not installed.*cuda12/);
  });

  it('names the runtime libraries that are missing', () => {
    const listing = '\tlibcudart.so.12 (libc6,x86-64) => /usr/lib/libcudart.so.12\n\tlibcublas.so.12 (libc6,x86-64) => /usr/lib/libcublas.so.12\n';
    expect(cudaMissingReason(facts([`${bindingDir}/libonnxruntime_providers_cuda.so`], listing))).toBe(
      'CUDA 12 and cuDNN 9 are not installed (libcublasLt.so.12, libcudnn.so.9 not found).',
    );
  });

  it('finds libraries in ldconfig’s cache, LD_LIBRARY_PATH or the usual folders', () => {
    const listing = '\tlibcudart.so.12 (libc6,x86-64) => /usr/lib/libcudart.so.12\n';
    const files = [
      `${bindingDir}/libonnxruntime_providers_cuda.so`,
      '/opt/cuda/lib/libcublas.so.12',
      '/opt/cuda/lib/libcublasLt.so.12',
      '/usr/local/cuda/lib64/libcudnn.so.9',
    ];
    expect(cudaMissingReason(facts(files, listing))).toBeNull();
  });
});
