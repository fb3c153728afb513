/**
 * The visible error list. Entries keep the AppError's message and hint. Repeats of the same
 * problem are folded into one entry, and "keyed" entries (live-mode notices) are replaced or
 * cleared as the situation changes, so live detection does not flood the list.
 */
import type { AppError, ErrorCode } from '../../shared/contract';

export interface ErrorItem extends AppError {
  id: number;
  key: string | null;
}

export class ErrorLog {
  items = $state.raw<ErrorItem[]>([]);
  private nextId = 1;

  push(error: AppError, key: string | null = null): void {
    const rest = this.items.filter((i) => !(key !== null && i.key === key) && !(i.code === error.code && i.message === error.message));
    const item: ErrorItem = { code: error.code, message: error.message, hint: error.hint, key, id: this.nextId++ };
    // Newest first; keep the list short enough to read.
    this.items = [item, ...rest].slice(0, 6);
  }

  dismiss(id: number): void {
    this.items = this.items.filter((i) => i.id !== id);
  }

  clearKey(key: string): void {
    if (this.items.some((i) => i.key === key)) this.items = this.items.filter((i) => i.key !== key);
  }

  clearCodes(codes: readonly ErrorCode[]): void {
    if (this.items.some((i) => codes.includes(i.code))) this.items = this.items.filter((i) => !codes.includes(i.code));
  }

  clear(): void {
    this.items = [];
  }
}
