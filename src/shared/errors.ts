/**
 * Every failure that crosses the API boundary is one of these codes, with a message written for the user and
 * optional structured details for the UI (for example the backups a damaged project can be restored from).
 */
export const API_ERROR_CODES = [
  'INVALID_REQUEST',
  'UNKNOWN_METHOD',
  'INVALID_PARAMS',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHORIZED',
  'UNSUPPORTED',
  'NO_PROJECT_OPEN',
  'PROJECT_NOT_FOUND',
  'PROJECT_EXISTS',
  'FOLDER_NOT_EMPTY',
  'PROJECT_DAMAGED',
  'PROJECT_TOO_NEW',
  'PROJECT_LOCKED',
  'LOCK_LOST',
  'NOT_FOUND',
  'BACKUP_NOT_FOUND',
  'IO_ERROR',
  'INTERNAL',
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiErrorData {
  code: ApiErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ApiErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    if (details !== undefined) this.details = details;
  }

  toData(): ApiErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromData(data: ApiErrorData): ApiError {
    return new ApiError(data.code, data.message, data.details);
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}
