import { ApiError } from '../../../shared/errors';
import { describeError } from '../../lib/api/describe-error';

/** A failed create or open, shown beside the part of the screen that asked for it. */
export interface Failure {
  source: 'new' | 'open' | 'recent';
  message: string;
  code: string | null;
  /** For recent-list failures: the project that failed. */
  path?: string;
}

export function failureFrom(source: Failure['source'], error: unknown, path?: string): Failure {
  return {
    source,
    message: describeError(error),
    code: error instanceof ApiError ? error.code : null,
    ...(path === undefined ? {} : { path }),
  };
}
