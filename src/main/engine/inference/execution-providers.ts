import type { ExecutionProvider, ProviderAttempt } from '../../../shared/models/local-ai';

/**
 * Which execution providers to try, in which order, and the record of trying them. Pure: the platform, the CUDA
 * library check and the session opener come in as arguments, so the order and the fall-through are tested anywhere.
 */

export type ProviderName = ExecutionProvider;
export type { ProviderAttempt };

export interface ProviderCandidate {
  provider: ProviderName;
  /** Set when the provider cannot work here, so it is recorded without being tried. */
  skipReason: string | null;
}

export interface ProviderPlanInput {
  platform: NodeJS.Platform;
  forceCpu: boolean;
  /** Linux only: null when CUDA's libraries are installed, else why they are not usable. */
  cudaMissing: string | null;
  /** Linux only: null when the machine has a GPU device (gpu-devices.ts), else why no GPU provider can work. */
  gpuMissing: string | null;
}

/** The GPU providers onnxruntime-node 1.30 ships for each platform, best first; CPU always ends the list. */
export function providerPlan({ platform, forceCpu, cudaMissing, gpuMissing }: ProviderPlanInput): ProviderCandidate[] {
  const gpu: ProviderName[] =
    platform === 'win32' ? ['dml', 'webgpu'] : platform === 'darwin' ? ['coreml', 'webgpu'] : platform === 'linux' ? ['cuda', 'webgpu'] : [];
  return [
    ...gpu.map((provider) => ({
      provider,
      skipReason: forceCpu
        ? 'The CPU is forced in Settings.'
        : gpuMissing !== null
          ? gpuMissing
          : provider === 'cuda' && cudaMissing !== null
            ? cudaMissing
            : null,
    })),
    { provider: 'cpu' as const, skipReason: null },
  ];
}

export class NoProviderWorked extends Error {
  constructor(readonly attempts: ProviderAttempt[]) {
    const last = attempts.at(-1);
    super(`The model could not be opened on any device${last?.reason ? `: ${last.reason}` : '.'}`);
  }
}

/**
 * Opens a session with each candidate in turn until one works. Every failure is caught and recorded; when even the
 * CPU fails (a broken model file, usually) NoProviderWorked carries the whole record.
 */
export async function openWithFallback<S>(
  plan: readonly ProviderCandidate[],
  open: (provider: ProviderName) => Promise<S>,
  now: () => number = () => performance.now(),
): Promise<{ session: S; provider: ProviderName; attempts: ProviderAttempt[] }> {
  const attempts: ProviderAttempt[] = [];
  for (const { provider, skipReason } of plan) {
    if (skipReason !== null) {
      attempts.push({ provider, outcome: 'skipped', reason: skipReason, ms: 0 });
      continue;
    }
    const started = now();
    try {
      const session = await open(provider);
      attempts.push({ provider, outcome: 'ok', reason: null, ms: round(now() - started) });
      return { session, provider, attempts };
    } catch (error) {
      attempts.push({ provider, outcome: 'failed', reason: firstLine(error), ms: round(now() - started) });
    }
  }
  throw new NoProviderWorked(attempts);
}

/**
 * Threads for one model run. The host runs one model at a time, so intra-op threads take every core but one: that
 * core is left for the main process (UI, ffmpeg pipes), which would otherwise stutter while a model runs. Inter-op
 * parallelism is off: the models are single chains of layers, and a second pool would only contend for the cores.
 */
export function threadCounts(availableParallelism: number): { intraOp: number; interOp: number } {
  return { intraOp: Math.max(1, availableParallelism - 1), interOp: 1 };
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n').find((l) => l.trim().length > 0) ?? 'failed without a message';
  // onnxruntime prefixes its source location and the failed check ("… was false."); the sentence after it is the news.
  return (/^\S+\.(?:cc|cpp|h):\d+ /.test(line) ? line.replace(/^.* was false\. /, '') : line).slice(0, 300);
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
