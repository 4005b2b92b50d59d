import { z } from 'zod';
import { API_ERROR_CODES, type ApiErrorData } from './errors';
import type { ApiEvent } from './api';

/** Messages on the web shell's WebSocket. The id correlates a result with its call. */
export const CallMessageSchema = z.object({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  method: z.string().max(100),
  params: z.unknown().optional(),
});
export type CallMessage = z.infer<typeof CallMessageSchema>;

export type CallResult = { ok: true; value: unknown } | { ok: false; error: ApiErrorData };

export type ResultMessage = { type: 'result'; id: number | null } & CallResult;
export type EventMessage = { type: 'event' } & ApiEvent;
export type ServerMessage = ResultMessage | EventMessage;

export const ServerMessageSchema = z.union([
  z.object({
    type: z.literal('result'),
    id: z.number().int().nullable(),
    ok: z.literal(true),
    value: z.unknown(),
  }),
  z.object({
    type: z.literal('result'),
    id: z.number().int().nullable(),
    ok: z.literal(false),
    error: z.object({
      code: z.enum(API_ERROR_CODES),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  }),
  z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() }),
]);

/** WebSocket close code the web shell uses when the access token is missing or wrong. */
export const CLOSE_UNAUTHORIZED = 4401;
