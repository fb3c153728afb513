/**
 * Serve-mode transport: one WebSocket to the loopback server, JSON requests with ids, pushed
 * events, and reconnection with backoff. Calls made while disconnected wait for the socket.
 */
import {
  ApiError,
  EVENT_NAMES,
  type EventName,
  type Method,
  type MoodtapeApi,
  type Params,
  type Result,
  type WsMessage,
  type WsRequest,
} from '../../../shared/contract';
import { unwrap } from './bridge';
import { Listeners } from './listeners';

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface ConnectionStatus {
  state: ConnectionState;
  /** Failed attempts since the socket was last open. */
  attempts: number;
  /** True once the socket has been open at least once (a later open is a reconnect). */
  everOpened: boolean;
}

export interface WsApiOptions {
  wsUrl: string;
  token: string;
  onStatus?: (status: ConnectionStatus) => void;
  /** Called after a reconnect, so the app can refetch state it may have missed. */
  onReconnect?: () => void;
}

interface Pending {
  request: WsRequest;
  sent: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

const BACKOFF_MS = [250, 500, 1000, 2000, 4000, 8000];

export function wsApi(options: WsApiOptions): MoodtapeApi {
  const listeners = new Listeners();
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  const status: ConnectionStatus = { state: 'connecting', attempts: 0, everOpened: false };

  const report = () => options.onStatus?.({ ...status });

  function connect() {
    status.state = 'connecting';
    report();
    const ws = new WebSocket(options.wsUrl);
    socket = ws;
    ws.onopen = () => {
      const reconnect = status.everOpened;
      status.state = 'open';
      status.attempts = 0;
      status.everOpened = true;
      report();
      for (const p of pending.values()) if (!p.sent) send(p);
      if (reconnect) options.onReconnect?.();
    };
    ws.onmessage = (ev) => receive(ev.data);
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      status.state = 'closed';
      status.attempts += 1;
      report();
      // Replies to requests already sent will never come: fail them so the UI does not hang.
      for (const [id, p] of pending) {
        if (!p.sent) continue;
        pending.delete(id);
        p.reject(
          new ApiError({
            code: 'internal',
            message: 'Lost the connection to Moodtape.',
            hint: 'It reconnects by itself; try again in a moment.',
          }),
        );
      }
      const delay = BACKOFF_MS[Math.min(status.attempts - 1, BACKOFF_MS.length - 1)];
      setTimeout(connect, delay);
    };
  }

  function send(p: Pending) {
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    socket.send(JSON.stringify(p.request));
    p.sent = true;
  }

  function receive(data: unknown) {
    let msg: WsMessage;
    try {
      msg = JSON.parse(String(data)) as WsMessage;
    } catch {
      console.error('moodtape: unreadable message from server');
      return;
    }
    if ('id' in msg && typeof msg.id === 'number') {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      try {
        p.resolve(unwrap(msg.envelope));
      } catch (e) {
        p.reject(e);
      }
    } else if ('event' in msg && (EVENT_NAMES as readonly string[]).includes(msg.event)) {
      listeners.emit(msg.event as EventName, msg.payload);
    }
  }

  connect();

  return {
    invoke<M extends Method>(method: M, params: Params<M>): Promise<Result<M>> {
      return new Promise((resolve, reject) => {
        const id = nextId++;
        const p: Pending = {
          request: { id, method, params: params ?? null },
          sent: false,
          resolve: resolve as (v: unknown) => void,
          reject,
        };
        pending.set(id, p);
        send(p);
      });
    },
    on: (event, listener) => listeners.on(event, listener),
    mediaUrl: (trackId) => `/media/${encodeURIComponent(trackId)}?token=${encodeURIComponent(options.token)}`,
  };
}
