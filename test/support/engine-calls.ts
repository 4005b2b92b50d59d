import type { ApiMethodName, ApiOutput } from '../../src/shared/api';
import type { CallResult } from '../../src/shared/wire';
import type { Engine } from '../../src/main/engine';

/** Calls into an engine as the CLI does (local caller): `call` gives the raw result, `ok` the value or throws. */
export function engineCalls(engine: () => Engine) {
  const call = (method: ApiMethodName, params?: unknown): Promise<CallResult> => engine().call(method, params, { caller: 'local' });
  const ok = async <M extends ApiMethodName>(method: M, params?: unknown): Promise<ApiOutput<M>> => {
    const result = await call(method, params);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
    return result.value as ApiOutput<M>;
  };
  return { call, ok };
}
