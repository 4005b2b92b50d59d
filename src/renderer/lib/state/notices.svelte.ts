import { describeError } from '../api/describe-error';

export interface Notice {
  id: number;
  tone: 'error' | 'info';
  message: string;
}

const MAX_SHOWN = 3;
const INFO_MS = 4_000;

/** Messages that do not belong to a form: failed edits, dropped connections, "not available yet". */
export class Notices {
  items = $state<Notice[]>([]);
  private nextId = 1;

  error(error: unknown): void {
    this.push('error', describeError(error));
  }

  info(message: string): void {
    const id = this.push('info', message);
    if (id !== null) setTimeout(() => this.dismiss(id), INFO_MS);
  }

  dismiss(id: number): void {
    this.items = this.items.filter((notice) => notice.id !== id);
  }

  clear(): void {
    this.items = [];
  }

  private push(tone: Notice['tone'], message: string): number | null {
    if (this.items.some((notice) => notice.message === message)) return null;
    const id = this.nextId++;
    this.items = [...this.items, { id, tone, message }].slice(-MAX_SHOWN);
    return id;
  }
}
