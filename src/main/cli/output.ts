/** How CLI commands report failures: the AppError message and hint, or JSON with --json. */
import { toAppError } from '../core/errors.js';

export function reportError(e: unknown, json: boolean): number {
  const err = toAppError(e);
  if (json) console.log(JSON.stringify({ error: err }));
  else console.error(`${err.message}\n${err.hint}`);
  return 1;
}

export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
