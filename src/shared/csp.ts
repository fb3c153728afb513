/**
 * The renderer's Content Security Policy, in one place. The build writes the meta form into
 * dist/renderer/index.html (vite.config.ts), which is what applies to the desktop window's file://
 * page; serve mode and the Electron session send the header form, which adds what a meta policy
 * cannot carry (frame-ancestors; a meta tag naming it only earns a console warning).
 * Audio and cover art come from the page's own server (serve mode) or the media scheme (desktop);
 * the camera preview arrives as data: JPEGs.
 */
import { MEDIA_SCHEME } from './contract.js';

const DIRECTIVES: Array<[string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', `'self' data: ${MEDIA_SCHEME}:`],
  ['media-src', `'self' ${MEDIA_SCHEME}:`],
  // 'self' covers serve mode's WebSocket back to its own host.
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
];

const HEADER_ONLY: Array<[string, string]> = [['frame-ancestors', "'none'"]];

const join = (d: Array<[string, string]>) => d.map(([k, v]) => `${k} ${v}`).join('; ');

/** For the page's <meta http-equiv="Content-Security-Policy">. */
export const META_CONTENT_SECURITY_POLICY = join(DIRECTIVES);

/** For the Content-Security-Policy response header (serve mode, the Electron session). */
export const CONTENT_SECURITY_POLICY = join([...DIRECTIVES, ...HEADER_ONLY]);

/** Where index.html wants the meta policy; the build fails if it is missing. */
export const CSP_PLACEHOLDER = '%MOODTAPE_CSP%';

/** The headers every page and answer gets, through either door (serve mode's HTTP, the desktop app's page scheme). */
export const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

/** Content types of the built page's files, as both shells (serve mode, the desktop page scheme) answer them. */
export const PAGE_FILE_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};
