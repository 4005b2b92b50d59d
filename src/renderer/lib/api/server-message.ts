import { ServerMessageSchema, type ServerMessage } from '../../../shared/wire';

export type IncomingMessage =
  | Extract<ServerMessage, { type: 'result' }>
  | { type: 'event'; event: string; payload: unknown };

/** The message, or null for anything that is not valid JSON in the protocol's shape. */
export function parseServerMessage(text: string): IncomingMessage | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = ServerMessageSchema.safeParse(json);
  return parsed.success ? (parsed.data as IncomingMessage) : null;
}
