/** Serve mode is for this computer only: loopback, one random token per run, no foreign Host or Origin. */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Guards against DNS rebinding: the Host must be the loopback address we listen on. */
export function hostAllowed(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** Browsers send Origin on WebSocket upgrades and cross-origin requests; only our own page may connect. */
export function originAllowed(origin: string | undefined, port: number): boolean {
  return origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/** The renderer's one policy (src/shared/csp.ts), as a header. */
export { CONTENT_SECURITY_POLICY as CSP } from '../../shared/csp.js';
