/** Validation of request params from the renderer: both transports run every call through here. */
import type { AppError } from './contract/errors.js';
import { REQUESTS, type Method, type Params } from './contract/requests/index.js';
import { cameraSource as cameraSourceSchema } from './contract/requests/fields.js';

export { InvalidInput } from './schema.js';
export { isMethod } from './contract/requests/index.js';

/** Checks a request's params; throws InvalidInput with a message a developer can act on. */
export function validateParams<M extends Method>(method: M, params: unknown): Params<M> {
  return (REQUESTS[method].params as (v: unknown, name: string) => Params<M>)(params, method);
}

/** The camera-source check the command line shares. */
export function cameraSource(v: unknown): string {
  return cameraSourceSchema(v, 'cameraSource');
}

export function invalidInput(message: string): AppError {
  return { code: 'invalid-input', message: `Invalid request: ${message}.`, hint: 'This is a bug in the caller; please report it.' };
}
