import { ApiError } from '../../../shared/errors';
import { ConnectionError } from './connection-error';

/** The words to show for a failure. Engine and connection errors are already written for the user. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError || error instanceof ConnectionError) return error.message;
  if (error instanceof Error && error.message) return `Something went wrong: ${error.message}`;
  return 'Something went wrong.';
}
