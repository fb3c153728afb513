/**
 * Serve-mode transport: one WebSocket to the loopback server, JSON requests with ids, pushed
 * events, and reconnection with backoff. Calls made while disconnected wait for the socket.
 * Media, covers and uploads (upload.ts) go over HTTP with the same token.
 */
import {
  ApiError,
  isEventName,
  type Method,
  type MoodtapeApi,
  type Params,
  type Result,
  type WsMessage,
  type WsRequest,
} from '../../shared/contract';
import { unwrap } from './bridge';
import { Listeners } from './listeners';
import { importByUpload } from './upload';

/** 'expired': the server answers but no longer knows this page's token (it was restarted): reconnecting cannot help. */
export type ConnectionState = 'connecting' | 'open' | 'closed' | 'expired';

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
  /** Where HTTP requests go ('' in the page: its own origin; tests give the server's address). */
  httpBase?: string;
}

interface Pending {
  request: WsRequest;
  sent: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

const BACKOFF_MS = [250, 500, 1000, 2000, 4000, 8000];

const EXPIRED = {
  code: 'internal' as const,
  message: 'Moodtape was restarted, and this page belongs to the earlier run.',
  hint: 'Open the new address that "moodtape serve" printed.',
};

const LOST = {
  code: 'internal' as const,
  message: 'Lost the connection to Moodtape.',
  hint: 'It reconnects by itself; try again in a moment.',
};

export function wsApi(options: WsApiOptions): MoodtapeApi {
  const ws = new WsConnection(options);
  const http = options.httpBase ?? '';
  const token = encodeURIComponent(options.token);
  const invoke = <M extends Method>(method: M, params: Params<M>) => ws.invoke(method, params);
  return {
    invoke,
    reachable: () => ws.reachable(),
    on: (event, listener) => ws.listeners.on(event, listener),
    mediaUrl: (trackId) => `/media/${encodeURIComponent(trackId)}?token=${token}`,
    coverUrl: (trackId) => `/cover/${encodeURIComponent(trackId)}?token=${token}`,
    importFiles: (files, opts) => importByUpload({ http, token: options.token, importPaths: invoke }, files, opts),
  };
}

/** The socket, the requests waiting for replies, and the connection's state. */
class WsConnection {
  readonly listeners = new Listeners();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private socket: WebSocket | null = null;
  private readonly status: ConnectionStatus = { state: 'connecting', attempts: 0, everOpened: false };
  private readonly http: string;

  constructor(private readonly options: WsApiOptions) {
    this.http = options.httpBase ?? '';
    this.connect();
  }

  invoke<M extends Method>(method: M, params: Params<M>): Promise<Result<M>> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      const p: Pending = { request: { id, method, params: params ?? null }, sent: false, resolve: resolve as (v: unknown) => void, reject };
      this.pending.set(id, p);
      this.send(p);
    });
  }

  async reachable(): Promise<boolean> {
    if (this.status.state !== 'open') return false;
    try {
      await this.ping();
      return true;
    } catch {
      return false;
    }
  }

  private report(): void {
    this.options.onStatus?.({ ...this.status });
  }

  private connect(): void {
    this.status.state = 'connecting';
    this.report();
    const ws = new WebSocket(this.options.wsUrl);
    this.socket = ws;
    ws.onopen = () => this.opened();
    ws.onmessage = (ev) => this.receive(ev.data);
    ws.onclose = () => {
      if (this.socket === ws) this.closed();
    };
  }

  private opened(): void {
    const reconnect = this.status.everOpened;
    Object.assign(this.status, { state: 'open', attempts: 0, everOpened: true });
    this.report();
    for (const p of this.pending.values()) if (!p.sent) this.send(p);
    if (reconnect) this.options.onReconnect?.();
  }

  /** Requests already sent fail at once (their replies will never come); the rest wait for the next socket. */
  private closed(): void {
    this.socket = null;
    this.status.state = 'closed';
    this.status.attempts += 1;
    this.report();
    this.rejectAll(LOST, (p) => p.sent);
    const delay = BACKOFF_MS[Math.min(this.status.attempts - 1, BACKOFF_MS.length - 1)];
    void this.tokenStillValid().then((valid) => {
      if (valid) return void setTimeout(() => this.connect(), delay);
      this.status.state = 'expired';
      this.report();
      this.rejectAll(EXPIRED, () => true);
    });
  }

  private rejectAll(error: typeof LOST, which: (p: Pending) => boolean): void {
    for (const [id, p] of this.pending) {
      if (!which(p)) continue;
      this.pending.delete(id);
      p.reject(new ApiError(error));
    }
  }

  private ping(): Promise<Response> {
    return fetch(`${this.http}/?token=${encodeURIComponent(this.options.token)}`, { method: 'HEAD', cache: 'no-store' });
  }

  /**
   * A browser cannot see why a WebSocket was refused, so the page asks: 401 for its own address
   * means a new run of the server with a new token. Unreachable is not an answer: keep trying.
   */
  private async tokenStillValid(): Promise<boolean> {
    try {
      return (await this.ping()).status !== 401;
    } catch {
      return true;
    }
  }

  private send(p: Pending): void {
    if (this.status.state === 'expired') {
      this.pending.delete(p.request.id);
      return p.reject(new ApiError(EXPIRED));
    }
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return;
    this.socket.send(JSON.stringify(p.request));
    p.sent = true;
  }

  private receive(data: unknown): void {
    let msg: WsMessage;
    try {
      msg = JSON.parse(String(data)) as WsMessage;
    } catch {
      console.error('moodtape: unreadable message from server');
      return;
    }
    if ('id' in msg && typeof msg.id === 'number') this.settle(msg.id, msg.envelope);
    else if ('event' in msg && isEventName(msg.event)) this.listeners.emit(msg.event, msg.payload);
  }

  private settle(id: number, envelope: Parameters<typeof unwrap>[0]): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    try {
      p.resolve(unwrap(envelope));
    } catch (e) {
      p.reject(e);
    }
  }
}
