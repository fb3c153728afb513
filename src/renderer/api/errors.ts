/** Turns anything a call can throw into an AppError the error area can show. */
import { ApiError, type AppError } from '../../shared/contract';

export function toAppError(e: unknown): AppError {
  if (e instanceof ApiError) return { code: e.code, message: e.message, hint: e.hint };
  if (isAppError(e)) return { code: e.code, message: e.message, hint: e.hint };
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'internal', message: message || 'Something went wrong.', hint: 'Try again; if it keeps happening, restart Moodtape.' };
}

export function isAppError(v: unknown): v is AppError {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as AppError).code === 'string' &&
    typeof (v as AppError).message === 'string' &&
    typeof (v as AppError).hint === 'string'
  );
}
