/**
 * The WebSocket half of serve mode: contract calls in, replies and events out. A socket that
 * breaks the protocol (bad UTF-8, an unmasked frame, a message over the limit, not our JSON) is
 * closed with the matching close code and a logged reason; every other client carries on.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_MESSAGE_BYTES, type WsMessage, type WsRequest } from '../../shared/contract.js';
import type { Moodtape } from '../app/types.js';
import { errorCode, type ServeLog } from './http.js';
import { hostAllowed, originAllowed, tokenMatches } from './security.js';

/** The camera is on only while someone is looking: released this long after the last page closes. */
const CAMERA_IDLE_MS = 5000;
/** Preview frames are dropped for a client this far behind, rather than buffered without bound. */
const MAX_BUFFERED_FRAMES_BYTES = 512 * 1024;
/** 1003: "unsupported data", for a message that is not a request of ours. */
const CLOSE_BAD_MESSAGE = 1003;

/** A request's id: a whole number the client can match the reply to (not 1.5, -7, or 1e400). */
export function parseRequest(data: string): WsRequest | null {
  let req: unknown;
  try {
    req = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof req !== 'object' || req === null || Array.isArray(req)) return null;
  const { id, method } = req as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0 || typeof method !== 'string') return null;
  return req as WsRequest;
}

export interface WsBinding {
  close(): Promise<void>;
}

export function bindWebSocket(server: Server, app: Moodtape, opts: { token: string; port: () => number; log: ServeLog }): WsBinding {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  let idleTimer: NodeJS.Timeout | null = null;

  const allowed = (req: IncomingMessage) => {
    const port = opts.port();
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    return (
      url.pathname === '/ws' &&
      hostAllowed(req.headers.host, port) &&
      req.headers.origin !== undefined &&
      originAllowed(req.headers.origin, port) &&
      tokenMatches(opts.token, url.searchParams.get('token'))
    );
  };

  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', (e) => opts.log(`websocket handshake: ${errorCode(e)}`));
    if (!allowed(req)) return void socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    wss.handleUpgrade(req, socket, head, connect);
  };

  const connect = (ws: WebSocket) => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    const push = (m: WsMessage) => {
      if (ws.readyState !== ws.OPEN) return;
      if ('event' in m && m.event === 'frame' && ws.bufferedAmount > MAX_BUFFERED_FRAMES_BYTES) return;
      ws.send(JSON.stringify(m));
    };
    const unsubscribe = app.subscribe((event, payload) => push({ event, payload }));
    // ws closes the socket itself with the code that fits (1002, 1007, 1009); without this
    // listener the error would be thrown and take the whole process down.
    ws.on('error', (e) => opts.log(`websocket closed: ${errorCode(e)} (${e.message})`));
    ws.on('message', async (data, isBinary) => {
      const req = isBinary ? null : parseRequest(String(data));
      if (!req) {
        opts.log('websocket closed: a message that is not a request (JSON with a whole-number id and a method)');
        return ws.close(CLOSE_BAD_MESSAGE, 'Bad message');
      }
      push({ id: req.id, envelope: await app.call(req.method, req.params) });
    });
    ws.on('close', () => {
      unsubscribe();
      if (wss.clients.size > 0) return;
      idleTimer = setTimeout(() => void app.call('stopCamera', null), CAMERA_IDLE_MS);
      idleTimer.unref();
    });
  };

  server.on('upgrade', upgrade);
  return {
    close: async () => {
      if (idleTimer) clearTimeout(idleTimer);
      wss.clients.forEach((c) => c.terminate());
      await new Promise<void>((r) => wss.close(() => r()));
    },
  };
}
