/** How a request is declared: its parameters as a schema, its result type, the events it may emit. */
import type { Schema } from '../../schema.js';
import type { EventName } from '../events.js';

/** A result type carried by a declaration (nothing at run time). */
export interface Returns<R> {
  readonly result?: R;
}
export const returns = <R>(): Returns<R> => ({});

export interface RequestSpec<P, R> {
  /** Checks what the caller sent and returns the handler's copy (throws InvalidInput). */
  params: Schema<P>;
  result: Returns<R>;
  /** Events the request may cause besides its result (documentation, and what a fake API echoes). */
  emits: readonly EventName[];
  /** The parameter and result types (nothing at run time): what the `Requests` type reads. */
  readonly types: { params: P; result: R };
}

export function request<P, R>(params: Schema<P>, result: Returns<R>, emits: readonly EventName[] = []): RequestSpec<P, R> {
  return { params, result, emits } as RequestSpec<P, R>;
}
