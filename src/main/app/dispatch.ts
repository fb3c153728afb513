/** One handler per contract method, and the `call` that validates params and answers with an envelope. */
import { ApiError, type Envelope, type Method, type MoodtapeApi, type Params, type Result } from '../../shared/contract.js';
import { InvalidInput, invalidInput, isMethod, validateParams } from '../../shared/validate.js';
import { toAppError } from '../core/errors.js';

export type Handlers = { [M in Method]: (params: Params<M>) => Promise<Result<M>> | Result<M> };

/** Never throws: unknown methods, invalid params and failures all come back as `{ ok: false, error }`. */
export function dispatch(handlers: Handlers): (method: string, params: unknown) => Promise<Envelope<unknown>> {
  return async (method, params) => {
    if (!isMethod(method)) return { ok: false, error: invalidInput(`unknown method ${JSON.stringify(method)}`) };
    try {
      const valid = validateParams(method, params ?? null);
      const value = await (handlers[method] as (p: unknown) => unknown)(valid);
      return { ok: true, value };
    } catch (e) {
      return { ok: false, error: e instanceof InvalidInput ? invalidInput(e.message) : toAppError(e) };
    }
  };
}

/**
 * The typed in-process call (the command line, the tray, tests): the same validation and
 * handlers as either transport, the result unwrapped; rejects with an ApiError.
 */
export function invoker(call: (method: string, params: unknown) => Promise<Envelope<unknown>>): MoodtapeApi['invoke'] {
  return async <M extends Method>(method: M, params: Params<M>): Promise<Result<M>> => {
    const envelope = await call(method, params);
    if (envelope.ok) return envelope.value as Result<M>;
    throw new ApiError(envelope.error);
  };
}
