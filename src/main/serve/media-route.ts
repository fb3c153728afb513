/** GET /media/<id> and /cover/<id>: a library track's audio or cover art, by id only. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Moodtape } from '../app/types.js';
import { SECURITY_HEADERS, sendText, streamBody, type ServeLog } from './http.js';

export async function serveMedia(
  app: Pick<Moodtape, 'media' | 'cover'>,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  log: ServeLog,
): Promise<void> {
  const isCover = pathname.startsWith('/cover/');
  let id: string;
  try {
    id = decodeURIComponent(pathname.slice(isCover ? '/cover/'.length : '/media/'.length));
  } catch {
    return sendText(res, 400, 'Bad track id');
  }
  if (isCover && !app.cover) return sendText(res, 404, 'No cover');
  const r = isCover ? await app.cover!(id) : await app.media(id, req.headers.range ?? null);
  if (res.destroyed) return void r.body?.destroy();
  res.writeHead(r.status, { ...r.headers, ...SECURITY_HEADERS });
  if (!r.body || req.method === 'HEAD') {
    r.body?.destroy();
    return void res.end(r.status === 404 ? 'No such track' : undefined);
  }
  streamBody(res, r.body, `${isCover ? 'cover' : 'track'} ${id}`, log);
}
