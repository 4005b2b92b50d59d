import path from 'node:path';
import { FfmpegCancelled, FfmpegError, runFfmpeg } from '../ffmpeg/run-ffmpeg';
import { JobCancelled, JobFailure, type JobContext } from '../jobs/job-queue';
import type { VideoEncoderChoice } from './export-args';

/** One ffmpeg run with a given encoder: its arguments, the output duration for progress, and what to clean up after. */
export interface EncodeAttempt {
  args: string[];
  duration: number | null;
  dispose?: () => Promise<void>;
}

export interface EncodeWithFallback {
  ffmpeg: string;
  /** Hardware encoders first, the software encoder last (see encoderChoices). */
  encoders: readonly (VideoEncoderChoice | undefined)[];
  /** The temporary file ffmpeg writes, and the file the user chose, which error messages name instead. */
  partial: string;
  output: string;
  /** "Encoding", "Rendering": the job's stage while ffmpeg runs. */
  stage: string;
  /** Builds the run for an encoder; throws JobFailure when the request cannot be made into arguments. */
  prepare(encoder: VideoEncoderChoice | undefined): Promise<EncodeAttempt>;
  /**
   * What is wrong with the file ffmpeg wrote although it exited 0, or null. A problem fails the job with ffmpeg's
   * command line and messages, which say why; no other encoder is tried, since the encoder is not what went wrong.
   */
  inspect?(): Promise<string | null>;
}

/**
 * Runs ffmpeg with each encoder in turn until one works: a hardware encoder that fails hands over to the next, the
 * last failure is the job's, with its command line and stderr. Exports and sequence renders share this.
 */
export async function encodeWithFallback(ctx: JobContext, run: EncodeWithFallback): Promise<string> {
  // The user chose the output path; the temporary beside it is an implementation detail.
  const named = (message: string) => message.split(run.partial).join(run.output);
  for (const [attempt, encoder] of run.encoders.entries()) {
    const prepared = await run.prepare(encoder);
    ctx.report({ stage: encoder ? `${run.stage} (${encoder.name})` : run.stage, progress: 0 });
    try {
      const { commandLine, stderrTail } = await runFfmpeg({
        program: run.ffmpeg,
        args: prepared.args,
        duration: prepared.duration,
        signal: ctx.signal,
        onProgress: (p) => ctx.report({ progress: p.fraction, eta: p.eta }),
      });
      const problem = (await run.inspect?.()) ?? null;
      if (problem !== null) throw new JobFailure({ message: named(problem), commandLine, stderrTail });
      return path.basename(run.output);
    } catch (error) {
      if (error instanceof FfmpegCancelled) throw new JobCancelled();
      if (!(error instanceof FfmpegError)) throw error;
      const fallback = run.encoders[attempt + 1];
      if (encoder?.hardware && fallback) {
        ctx.report({ stage: `${encoder.name} failed; retrying with ${fallback.name}` });
        continue;
      }
      throw new JobFailure({ message: named(error.message), commandLine: error.commandLine, stderrTail: error.stderrTail });
    } finally {
      await prepared.dispose?.();
    }
  }
  throw new JobFailure({ message: 'No encoder could make this file.' });
}
