/**
 * Serve mode: the same app over HTTP + WebSocket on 127.0.0.1, serving the same renderer.
 * The second binding of the contract (Electron IPC is the first). Routes: the page and its files
 * (http.ts), /media and /cover (media-route.ts), POST /import (upload.ts), /ws (ws-connection.ts).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Moodtape } from '../app/types.js';
import { errorCode, sendText, serveStatic, type ServeLog } from './http.js';
import { serveMedia } from './media-route.js';
import { hostAllowed, newToken, originAllowed, tokenMatches } from './security.js';
import { receiveUpload, type OpenUploadFile } from './upload.js';
import { bindWebSocket } from './ws-connection.js';

export { safeUploadName } from './upload.js';

export interface ServeOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Built renderer (dist/renderer). */
  rendererDir: string;
  token?: string;
  /**
   * Where uploaded files are kept (<dataDir>/imported): a browser's dropped files have no path, so
   * their bytes come to POST /import. Without it, uploads are refused.
   */
  importDir?: string;
  /** Where failures are reported (default: stderr). */
  log?: ServeLog;
  /** Fault injection for tests: how an upload's temp file is opened. */
  openUploadFile?: OpenUploadFile;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

interface Context {
  app: Moodtape;
  opts: ServeOptions;
  token: string;
  port: number;
  log: ServeLog;
}

async function route(ctx: Context, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!hostAllowed(req.headers.host, ctx.port)) return sendText(res, 403, 'Forbidden host');
  if (!originAllowed(req.headers.origin, ctx.port)) return sendText(res, 403, 'Forbidden origin');
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${ctx.port}`);
  const tokenOk = tokenMatches(ctx.token, url.searchParams.get('token'));
  if (url.pathname === '/import') {
    if (req.method !== 'POST') return sendText(res, 405, 'Method not allowed');
    if (!tokenOk) return sendText(res, 401, 'Missing or wrong token');
    if (!ctx.opts.importDir) return sendText(res, 404, 'Importing is not available here');
    const { importDir, openUploadFile } = ctx.opts;
    return receiveUpload(req, res, url.searchParams.get('name'), { importDir, log: ctx.log, openFile: openUploadFile });
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
  if (url.pathname.startsWith('/media/') || url.pathname.startsWith('/cover/')) {
    if (!tokenOk) return sendText(res, 401, 'Missing or wrong token');
    return serveMedia(ctx.app, req, res, url.pathname, ctx.log);
  }
  if ((url.pathname === '/' || url.pathname === '/index.html') && !tokenOk) {
    return sendText(res, 401, 'Open the full URL that "moodtape serve" printed: it includes this run\'s access token.');
  }
  serveStatic(req, res, ctx.opts.rendererDir, url.pathname, ctx.log);
}

/** One failing request answers 500 (no paths or internals: those go to the log) and nothing else stops. */
function handle(ctx: Context, req: IncomingMessage, res: ServerResponse): void {
  route(ctx, req, res).catch((e) => {
    ctx.log(`${req.method} ${new URL(req.url ?? '/', 'http://x').pathname}: ${errorCode(e)} ${(e as Error)?.stack ?? e}`);
    if (!res.headersSent) sendText(res, 500, 'Internal error: Moodtape could not answer this request.');
    else res.destroy();
  });
}

export async function serve(app: Moodtape, opts: ServeOptions): Promise<RunningServer> {
  const ctx: Context = {
    app,
    opts,
    token: opts.token ?? newToken(),
    port: 0,
    log: opts.log ?? ((line) => console.error(`moodtape serve: ${line}`)),
  };
  const server = createServer((req, res) => handle(ctx, req, res));
  server.on('clientError', (e, socket) => {
    ctx.log(`bad HTTP request: ${errorCode(e)}`);
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    else socket.destroy();
  });
  const ws = bindWebSocket(server, app, { token: ctx.token, port: () => ctx.port, log: ctx.log });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  ctx.port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${ctx.port}/?token=${ctx.token}`,
    port: ctx.port,
    token: ctx.token,
    close: async () => {
      await ws.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
