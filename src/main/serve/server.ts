/**
 * Serve mode: the same app over HTTP + WebSocket on 127.0.0.1, serving the same renderer.
 * The second binding of the contract (Electron IPC is the first).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { IMPORT_EXTENSIONS, MAX_UPLOAD_BYTES, type WsMessage, type WsRequest } from '../../shared/contract.js';
import type { Moodtape } from '../app/types.js';
import { CSP, hostAllowed, newToken, originAllowed, tokenMatches } from './security.js';

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
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

const SECURITY_HEADERS = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

/**
 * A dropped file's name made safe to store: its last path part only, no control or shell-special
 * characters, not hidden, at most 120 characters, and an audio extension. Null when it cannot be.
 */
export function safeUploadName(raw: string | null): string | null {
  if (!raw) return null;
  const last = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = last
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is stripped
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[^\p{L}\p{N} ._()\-,'&!+[\]]/gu, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  const dot = cleaned.lastIndexOf('.');
  if (dot <= 0) return null;
  const ext = cleaned.slice(dot + 1).toLowerCase();
  if (!(IMPORT_EXTENSIONS as readonly string[]).includes(ext)) return null;
  const stem = cleaned
    .slice(0, dot)
    .slice(0, 120 - ext.length - 1)
    .trim();
  return stem ? `${stem}.${ext}` : null;
}

async function sha256Of(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/**
 * Stores one uploaded file as importDir/<safe name> ("name (2).mp3" when a different file has
 * that name; the same bytes again reuse the copy, so dropping a file twice adds it once) and
 * answers { path }.
 */
async function receiveUpload(
  req: IncomingMessage,
  res: ServerResponse,
  importDir: string,
  rawName: string | null,
  send: (res: ServerResponse, status: number, text: string) => void,
): Promise<void> {
  const refuse = (status: number, text: string) => {
    // Stop reading a body we do not want; the reply still goes out.
    res.setHeader('connection', 'close');
    send(res, status, text);
    req.resume();
  };
  const name = safeUploadName(rawName);
  if (!name) return refuse(415, 'Only audio files (mp3, ogg, opus, flac, m4a, aac, wav) can be added.');
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_UPLOAD_BYTES) return refuse(413, 'That file is larger than 200 MB.');
  await mkdir(importDir, { recursive: true });
  const tmp = join(importDir, `.upload-${randomUUID()}`);
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > MAX_UPLOAD_BYTES) return done(new RangeError('too large'));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(req, meter, createWriteStream(tmp, { flags: 'wx' }));
  } catch (e) {
    await rm(tmp, { force: true });
    if (e instanceof RangeError) return refuse(413, 'That file is larger than 200 MB.');
    if (!res.headersSent && !res.destroyed) send(res, 400, 'The upload was cut off.');
    return;
  }
  if (size === 0) {
    await rm(tmp, { force: true });
    return send(res, 400, 'That file is empty.');
  }
  const digest = hash.digest('hex');
  const dot = name.lastIndexOf('.');
  let file: string | null = null;
  for (let n = 1; n <= 100 && !file; n++) {
    const candidate = join(importDir, n === 1 ? name : `${name.slice(0, dot)} (${n})${name.slice(dot)}`);
    if (!existsSync(candidate)) {
      await rename(tmp, candidate);
      file = candidate;
    } else if (statSync(candidate).size === size && (await sha256Of(candidate)) === digest) {
      // The same file dropped again: keep the copy we have (the library sees it unchanged).
      await rm(tmp, { force: true });
      file = candidate;
    }
  }
  if (!file) {
    await rm(tmp, { force: true });
    return send(res, 409, 'Too many different files with that name.');
  }
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS });
  res.end(JSON.stringify({ path: file }));
}

export async function serve(app: Moodtape, opts: ServeOptions): Promise<RunningServer> {
  const token = opts.token ?? newToken();
  let port = 0;

  const send = (res: ServerResponse, status: number, text: string) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
    res.end(text);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (!hostAllowed(req.headers.host, port)) return send(res, 403, 'Forbidden host');
    if (!originAllowed(req.headers.origin, port)) return send(res, 403, 'Forbidden origin');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const given = url.searchParams.get('token');
    if (url.pathname === '/import') {
      if (req.method !== 'POST') return send(res, 405, 'Method not allowed');
      if (!tokenMatches(token, given)) return send(res, 401, 'Missing or wrong token');
      if (!opts.importDir) return send(res, 404, 'Importing is not available here');
      return receiveUpload(req, res, opts.importDir, url.searchParams.get('name'), send);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed');

    const isCover = url.pathname.startsWith('/cover/');
    if (url.pathname.startsWith('/media/') || isCover) {
      if (!tokenMatches(token, given)) return send(res, 401, 'Missing or wrong token');
      let id: string;
      try {
        id = decodeURIComponent(url.pathname.slice(isCover ? '/cover/'.length : '/media/'.length));
      } catch {
        return send(res, 400, 'Bad track id');
      }
      if (isCover && !app.cover) return send(res, 404, 'No cover');
      const r = isCover ? await app.cover!(id) : await app.media(id, req.headers.range ?? null);
      res.writeHead(r.status, { ...r.headers, ...SECURITY_HEADERS });
      if (!r.body || req.method === 'HEAD') {
        r.body?.destroy();
        return res.end(r.status === 404 ? 'No such track' : undefined);
      }
      r.body.pipe(res);
      res.on('close', () => r.body?.destroy());
      return;
    }

    const path = url.pathname === '/' ? '/index.html' : url.pathname;
    if (path === '/index.html' && !tokenMatches(token, given)) {
      return send(res, 401, 'Open the full URL that "moodtape serve" printed: it includes this run\'s access token.');
    }
    const file = normalize(join(opts.rendererDir, path));
    if (!file.startsWith(normalize(opts.rendererDir) + sep) || !existsSync(file) || !statSync(file).isFile()) {
      return send(res, 404, 'Not found');
    }
    res.writeHead(200, {
      'content-type': STATIC_TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
      ...SECURITY_HEADERS,
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) send(res, 500, `Internal error: ${(e as Error).message}`);
      else res.destroy();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const ok =
      url.pathname === '/ws' &&
      hostAllowed(req.headers.host, port) &&
      req.headers.origin !== undefined &&
      originAllowed(req.headers.origin, port) &&
      tokenMatches(token, url.searchParams.get('token'));
    if (!ok) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => connect(ws));
  });

  // The camera is on only while someone is looking: when the last page closes (and does not
  // reconnect within a few seconds), it is released.
  let idleTimer: NodeJS.Timeout | null = null;
  const CAMERA_IDLE_MS = 5000;
  const connect = (ws: WebSocket) => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    const push = (m: WsMessage) => {
      // Drop preview frames for a client that is not keeping up, rather than buffering without bound.
      if (ws.readyState !== ws.OPEN) return;
      if ('event' in m && m.event === 'frame' && ws.bufferedAmount > 512 * 1024) return;
      ws.send(JSON.stringify(m));
    };
    const unsubscribe = app.subscribe((event, payload) => push({ event, payload }));
    ws.on('message', async (data) => {
      let req: WsRequest;
      try {
        req = JSON.parse(String(data));
      } catch {
        return ws.close(1003, 'Bad message');
      }
      if (typeof req !== 'object' || req === null || typeof req.id !== 'number') return ws.close(1003, 'Bad message');
      push({ id: req.id, envelope: await app.call(req.method, req.params) });
    });
    ws.on('close', () => {
      unsubscribe();
      if (wss.clients.size > 0) return;
      idleTimer = setTimeout(() => void app.call('stopCamera', null), CAMERA_IDLE_MS);
      idleTimer.unref();
    });
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      if (idleTimer) clearTimeout(idleTimer);
      wss.clients.forEach((c) => c.terminate());
      await new Promise<void>((r) => wss.close(() => r()));
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
