/**
 * A call that failed because the way to the engine was lost, not because the engine refused it. Whether a dropped
 * call ran is unknown, so the message says so.
 */
export type ConnectionProblem = 'dropped' | 'reconnecting' | 'unauthorized' | 'closed';

export class ConnectionError extends Error {
  readonly problem: ConnectionProblem;

  constructor(problem: ConnectionProblem, message: string) {
    super(message);
    this.name = 'ConnectionError';
    this.problem = problem;
  }
}

export function isConnectionError(value: unknown): value is ConnectionError {
  return value instanceof ConnectionError;
}

export const UNAUTHORIZED_MESSAGE =
  'The web shell restarted with a new access token: open the address it printed.';
