/** moodtape-media://track/<id> (audio, with HTTP Range) and moodtape-media://cover/<id> (cover art): by track id, never by path. */
import { protocol } from 'electron';
import { Readable } from 'node:stream';
import { MEDIA_SCHEME } from '../../shared/contract.js';
import type { Moodtape } from '../app/types.js';
import { withoutFolders } from '../core/errors.js';

/** The privileges the scheme needs; registered before the app is ready. */
export const MEDIA_PRIVILEGES = {
  standard: true,
  secure: true,
  stream: true,
  supportFetchAPI: true,
  // The page is another origin: an element that asks for CORS (so Web Audio may raise a quiet
  // track) needs the scheme to take part in CORS, and the answer below to name the page.
  corsEnabled: true,
} as const;

export type MediaKind = 'track' | 'cover';

/** The track id in a media URL, or null for anything that is not exactly `moodtape-media://track/<id>`. */
export function trackIdFromUrl(url: string): string | null {
  const target = mediaTargetFromUrl(url);
  return target?.kind === 'track' ? target.id : null;
}

/** What a media URL asks for: `moodtape-media://<track|cover>/<id>`, or null for anything else. */
export function mediaTargetFromUrl(url: string): { kind: MediaKind; id: string } | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const kind = u.hostname;
  if (u.protocol !== `${MEDIA_SCHEME}:` || (kind !== 'track' && kind !== 'cover') || u.search || u.username || u.port) return null;
  const m = /^\/([^/]+)$/.exec(u.pathname);
  if (!m) return null;
  let id: string;
  try {
    id = decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
  if (id.length > 255 || id === '.' || id === '..' || /[/\\\0]/.test(id)) return null;
  return { kind, id };
}

const text = (status: number, body: string) => new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

export interface MediaHandlerOptions {
  /**
   * The app page's origin (its own scheme, e.g. `app://moodtape`): the only one told it may read
   * the media (CORS). A file:// page has an opaque origin ("null", shared by every sandboxed frame and
   * local file), which is never named: there the player plays without Web Audio.
   */
  pageOrigin?: string;
}

/** The CORS part of a media answer: the page's own origin, when it is the one asking; nothing for anyone else. */
export function mediaCorsHeaders(requestOrigin: string | null, pageOrigin: string | undefined): Record<string, string> {
  const vary = { vary: 'Origin' };
  if (!pageOrigin || pageOrigin === 'null' || requestOrigin !== pageOrigin) return vary;
  return {
    ...vary,
    'access-control-allow-origin': pageOrigin,
    'access-control-expose-headers': 'content-length, content-range, accept-ranges',
  };
}

export function mediaHandler(
  moodtape: Pick<Moodtape, 'media' | 'cover'>,
  options: MediaHandlerOptions = {},
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Method not allowed');
    const target = mediaTargetFromUrl(request.url);
    if (target === null || (target.kind === 'cover' && !moodtape.cover)) return text(404, 'Not found');
    try {
      const res =
        target.kind === 'cover' ? await moodtape.cover!(target.id) : await moodtape.media(target.id, request.headers.get('range'));
      const headers = { ...res.headers, ...mediaCorsHeaders(request.headers.get('origin'), options.pageOrigin) };
      if (!res.body || request.method === 'HEAD') {
        res.body?.on('error', () => {}).destroy();
        return new Response(null, { status: res.status, headers });
      }
      return new Response(Readable.toWeb(res.body) as ReadableStream<Uint8Array>, { status: res.status, headers });
    } catch (e) {
      // The page gets the reason without the user's folders; a failing stream later errors its body only.
      return text(500, e instanceof Error ? withoutFolders(e.message) : 'Could not read the track');
    }
  };
}

/** Serves the scheme on the default session; returns the undo. */
export function handleMediaProtocol(moodtape: Pick<Moodtape, 'media' | 'cover'>, options: MediaHandlerOptions = {}): () => void {
  protocol.handle(MEDIA_SCHEME, mediaHandler(moodtape, options));
  return () => protocol.unhandle(MEDIA_SCHEME);
}
