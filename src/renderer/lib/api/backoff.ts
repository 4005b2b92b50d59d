/** How long to wait before reconnect attempt `attempt` (0 = the first retry after a drop). */
export interface BackoffSchedule {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** 0..1: each delay is shortened by up to this fraction, so many windows do not retry in lockstep. */
  jitter: number;
}

export const RECONNECT_BACKOFF: BackoffSchedule = { initialMs: 250, maxMs: 5_000, factor: 2, jitter: 0.2 };

export function backoffDelay(attempt: number, schedule: BackoffSchedule = RECONNECT_BACKOFF, random = Math.random) {
  const exponent = Math.max(0, Math.floor(attempt));
  const base = Math.min(schedule.maxMs, schedule.initialMs * schedule.factor ** exponent);
  return Math.round(base * (1 - schedule.jitter * random()));
}
