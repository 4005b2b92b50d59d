import {
  apiMethods,
  isApiMethodName,
  MAX_CALL_BYTES,
  type ApiMethodName,
  type ApiOutput,
  type ApiParsedInput,
} from '../../../shared/api';
import { ApiError } from '../../../shared/errors';
import type { CallResult } from '../../../shared/wire';

export type ApiHandlers = {
  [M in ApiMethodName]: (input: ApiParsedInput<M>) => Promise<ApiOutput<M>> | ApiOutput<M>;
};

export interface DispatchOptions {
  /** Size of the call as it arrived, when the shell knows it; otherwise measured as JSON. */
  bytes?: number;
  /** `renderer` for calls from a window or socket (the default), `local` for the in-process CLI. */
  caller?: 'renderer' | 'local';
  onInternalError?: (method: string, error: unknown) => void;
}

/**
 * The single entry point for calls from every shell. It never throws: unknown methods, oversized or malformed
 * input and failures inside a handler all come back as a typed error.
 */
export async function dispatch(
  handlers: ApiHandlers,
  method: string,
  params: unknown,
  options: DispatchOptions = {},
): Promise<CallResult> {
  try {
    if (!isApiMethodName(method)) {
      throw new ApiError('UNKNOWN_METHOD', `There is no API method called “${method.slice(0, 100)}”.`);
    }
    if (apiMethods[method].access === 'local' && options.caller !== 'local') {
      throw new ApiError('UNAUTHORIZED', `${method} reads files by path, so it is available only from the command line.`);
    }
    const bytes = options.bytes ?? measure(params);
    if (bytes > MAX_CALL_BYTES) {
      throw new ApiError(
        'PAYLOAD_TOO_LARGE',
        `The call to ${method} is ${bytes} bytes; the limit is ${MAX_CALL_BYTES}.`,
        { bytes, limit: MAX_CALL_BYTES },
      );
    }
    const parsed = apiMethods[method].input.safeParse(params);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message }));
      const described = issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message));
      throw new ApiError('INVALID_PARAMS', `Invalid parameters for ${method}: ${described.join('; ')}`, { issues });
    }
    const handler = handlers[method] as (input: unknown) => Promise<unknown> | unknown;
    return { ok: true, value: (await handler(parsed.data)) ?? null };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error: error.toData() };
    options.onInternalError?.(method, error);
    const code = (error as NodeJS.ErrnoException | null)?.code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      return { ok: false, error: { code: 'IO_ERROR', message: describeIoError(error as NodeJS.ErrnoException) } };
    }
    return {
      ok: false,
      error: { code: 'INTERNAL', message: `Reelsmith hit an unexpected problem in ${method}: ${String(error)}` },
    };
  }
}

function measure(params: unknown): number {
  if (params === undefined) return 0;
  try {
    return Buffer.byteLength(JSON.stringify(params) ?? '');
  } catch {
    throw new ApiError('INVALID_PARAMS', 'The parameters cannot be represented as JSON.');
  }
}

function describeIoError(error: NodeJS.ErrnoException): string {
  const where = error.path ? ` (${error.path})` : '';
  switch (error.code) {
    case 'EACCES':
    case 'EPERM':
      return `Permission denied${where}. Choose a folder you can write to.`;
    case 'ENOSPC':
      return `The disk is full${where}. Free some space and try again.`;
    case 'ENOENT':
      return `A file or folder does not exist${where}.`;
    case 'EROFS':
      return `The disk is read-only${where}.`;
    default:
      return `${error.message}`;
  }
}
