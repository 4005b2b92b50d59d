import type { z } from 'zod';
import {
  apiEvents,
  apiMethods,
  type ApiEventName,
  type ApiEventPayload,
  type ApiInput,
  type ApiMethodName,
  type ApiOutput,
} from '../../../shared/api';
import type { ShellCommand } from '../../../shared/bridge';
import { ApiError } from '../../../shared/errors';
import type { Transport } from './transport';

/** Methods whose input may be left out (`project.save`, …) take no second argument. */
export type CallArgs<M extends ApiMethodName> = undefined extends ApiInput<M>
  ? [params?: ApiInput<M>]
  : [params: ApiInput<M>];

export interface ApiClient {
  readonly transport: Transport;
  /** Resolves with the parsed output; rejects with ApiError when the engine refuses, ConnectionError when unreachable. */
  call<M extends ApiMethodName>(method: M, ...args: CallArgs<M>): Promise<ApiOutput<M>>;
  on<E extends ApiEventName>(event: E, handler: (payload: ApiEventPayload<E>) => void): () => void;
  onShellCommand(handler: (command: ShellCommand) => void): () => void;
}

/**
 * The renderer's only way to the engine. Outputs and event payloads are parsed with the contract's schemas, so a
 * renderer and engine from different builds fail loudly instead of showing half-understood data.
 */
export function createApiClient(transport: Transport): ApiClient {
  return {
    transport,
    async call<M extends ApiMethodName>(method: M, ...args: CallArgs<M>): Promise<ApiOutput<M>> {
      const result = await transport.call(method, args[0]);
      if (!result.ok) throw ApiError.fromData(result.error);
      const schema: z.ZodType = apiMethods[method].output;
      const parsed = schema.safeParse(result.value);
      if (!parsed.success) {
        throw new ApiError(
          'INTERNAL',
          `Reelsmith answered ${method} with data this window does not understand. Reload the window; if that does not help, the app and its window come from different versions.`,
          { issues: parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.')}: ${issue.message}`) },
        );
      }
      return parsed.data as ApiOutput<M>;
    },
    on<E extends ApiEventName>(event: E, handler: (payload: ApiEventPayload<E>) => void): () => void {
      const schema: z.ZodType = apiEvents[event];
      return transport.onEvent((message) => {
        if (message.event !== event) return;
        const parsed = schema.safeParse(message.payload);
        if (parsed.success) handler(parsed.data as ApiEventPayload<E>);
        else console.warn(`reelsmith: ignored a malformed ${event} event`, parsed.error.issues);
      });
    },
    onShellCommand: (handler) => transport.onShellCommand(handler),
  };
}
