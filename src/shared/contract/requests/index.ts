/**
 * Every request, declared once per domain (its parameter schema, result type and events); the
 * `Requests` type, the method list and the validators all come from here. Adding a request is one
 * entry in one of these files, plus its handler in src/main/app.
 */
import { appRequests } from './app.js';
import { cameraRequests } from './camera.js';
import type { RequestSpec, Returns } from './declare.js';
import { libraryRequests } from './library.js';
import { moodRequests } from './mood.js';
import { playerRequests } from './player.js';

export const REQUESTS = {
  ...appRequests,
  ...cameraRequests,
  ...libraryRequests,
  ...playerRequests,
  ...moodRequests,
};

type Declared = typeof REQUESTS;
/** Request name -> params and result. Every call takes one params value. */
export type Requests = { [M in keyof Declared]: Declared[M]['types'] };
export type Method = keyof Requests;
export type Params<M extends Method> = Requests[M]['params'];
export type Result<M extends Method> = Requests[M]['result'];
export type { RequestSpec, Returns };

export const METHODS = Object.keys(REQUESTS) as Method[];

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.hasOwn(REQUESTS, name);
}
