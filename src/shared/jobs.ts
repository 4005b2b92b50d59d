import { z } from 'zod';

/** Long work the user can watch and stop: probing, thumbnails, proxies, analysis, exports, inference. */
export const JOB_STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** What a job competes for: ffmpeg work shares CPU slots sized to the machine; models get one inference slot. */
export const JOB_RESOURCES = ['cpu', 'inference'] as const;
export type JobResource = (typeof JOB_RESOURCES)[number];

export const JobErrorSchema = z.object({
  message: z.string(),
  commandLine: z.string().optional(),
  stderrTail: z.string().optional(),
});
export type JobError = z.infer<typeof JobErrorSchema>;

export const JobSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  resource: z.enum(JOB_RESOURCES),
  priority: z.number().int(),
  state: z.enum(JOB_STATES),
  stage: z.string().nullable(),
  /** 0..1, or null while the total is unknown. */
  progress: z.number().min(0).max(1).nullable(),
  /** Seconds left, when it can be estimated. */
  eta: z.number().nonnegative().nullable(),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  error: JobErrorSchema.nullable(),
  /** A short, displayable summary of what the job produced (an output file name, a count). */
  result: z.string().nullable(),
  /** Set when a retry of this job was started. */
  retriedAs: z.string().nullable(),
  /** Background work (thumbnails, proxies) that leaves no record once it succeeds; failures stay visible. */
  transient: z.boolean().default(false),
});
export type Job = z.infer<typeof JobSchema>;

export function isFinished(state: JobState): boolean {
  return state === 'succeeded' || state === 'failed' || state === 'cancelled';
}
