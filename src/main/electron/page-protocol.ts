/**
 * The window's page comes from app://moodtape/ (a privileged, standard and secure scheme), not
 * from file://: the page then has a real origin of its own, the response carries the header
 * CSP (with frame-ancestors, which a meta policy cannot give), the media scheme's CORS answer can
 * name that origin, and no other file on the disk is reachable from the page.
 */
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { MEDIA_SCHEME } from '../../shared/contract.js';
import { PAGE_FILE_TYPES, SECURITY_HEADERS } from '../../shared/csp.js';
import { MEDIA_PRIVILEGES } from './protocol.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'moodtape';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_PAGE_URL = `${APP_ORIGIN}/index.html`;

/** standard: a real origin and relative URLs; secure: a secure context; fetch/CORS/stream for its files. */
export const APP_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true,
  stream: true,
} as const;

/** Both of the app's schemes, in the one call Electron allows (before the app is ready). */
export function registerSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: APP_PRIVILEGES },
    { scheme: MEDIA_SCHEME, privileges: MEDIA_PRIVILEGES },
  ]);
}

/** `scheme://host[:port]`: URL.origin is "null" for schemes the URL standard does not know (app:). */
const originOf = (u: URL) => `${u.protocol}//${u.host}`;

/** True only for the app's own page (any hash or query). */
export function isAppPage(url: string, origin = APP_ORIGIN): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return originOf(u) === origin && !u.username && !u.password && (u.pathname === '/' || u.pathname === '/index.html');
}

const text = (status: number, body: string) =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS } });

/**
 * Answers `<origin>/<file>` with that file of the built renderer and nothing outside it, every
 * answer with the security headers (the CSP among them). `origin` is the app's (the e2e run
 * serves the same handler on a stand-in origin, as plain Chromium cannot load app://).
 */
export function pageHandler(rendererDir: string, origin = APP_ORIGIN): (request: Request) => Promise<Response> {
  const root = normalize(rendererDir);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Method not allowed');
    let u: URL;
    let path: string;
    try {
      u = new URL(request.url);
      path = decodeURIComponent(u.pathname);
    } catch {
      return text(400, 'Bad address');
    }
    if (originOf(u) !== origin || u.username || /[\\\0]/.test(path)) return text(404, 'Not found');
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root + sep)) return text(404, 'Not found');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return text(404, 'Not found');
    }
    const headers = {
      'content-type': PAGE_FILE_TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
      ...SECURITY_HEADERS,
    };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

/** Serves the page scheme; returns the undo. */
export function handlePageProtocol(rendererDir: string): () => void {
  protocol.handle(APP_SCHEME, pageHandler(rendererDir));
  return () => protocol.unhandle(APP_SCHEME);
}
