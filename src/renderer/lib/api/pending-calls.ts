import type { CallResult } from '../../../shared/wire';

interface Pending {
  method: string;
  resolve: (result: CallResult) => void;
  reject: (error: Error) => void;
}

/** Calls sent over a socket and waiting for their result, correlated by id. */
export class PendingCalls {
  private nextId = 1;
  private readonly waiting = new Map<number, Pending>();

  get size(): number {
    return this.waiting.size;
  }

  start(method: string): { id: number; result: Promise<CallResult> } {
    const id = this.nextId++;
    const result = new Promise<CallResult>((resolve, reject) => {
      this.waiting.set(id, { method, resolve, reject });
    });
    return { id, result };
  }

  /** Hands a result to its call. False when no call is waiting for that id (late, duplicate or unknown). */
  settle(id: number | null, result: CallResult): boolean {
    if (id === null) return false;
    const pending = this.waiting.get(id);
    if (!pending) return false;
    this.waiting.delete(id);
    pending.resolve(result);
    return true;
  }

  /** Fails one call, e.g. because it could not be sent. */
  fail(id: number, error: Error): void {
    const pending = this.waiting.get(id);
    if (!pending) return;
    this.waiting.delete(id);
    pending.reject(error);
  }

  /** Fails every waiting call, e.g. because the socket dropped and no result can arrive any more. */
  failAll(errorFor: (method: string) => Error): void {
    const all = [...this.waiting.values()];
    this.waiting.clear();
    for (const pending of all) pending.reject(errorFor(pending.method));
  }
}
