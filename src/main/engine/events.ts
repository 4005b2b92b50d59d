import type { ApiEvent, ApiEventName, ApiEventPayload } from '../../shared/api';

export type EventListener = (event: ApiEvent) => void;

/** Engine → shells. Each shell forwards every event to its clients (windows, sockets, the CLI's stderr). */
export class EngineEvents {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends ApiEventName>(event: E, payload: ApiEventPayload<E>): void {
    for (const listener of this.listeners) listener({ event, payload } as ApiEvent);
  }
}
