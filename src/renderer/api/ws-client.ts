/**
 * Serve-mode transport: one WebSocket to the loopback server, JSON requests with ids, pushed
 * events, and reconnection with backoff. Calls made while disconnected wait for the socket.
 */
import {
  ApiError,
  isEventName,
  IMPORT_EXTENSIONS,
  MAX_UPLOAD_BYTES,
  type ImportFilesOptions,
  type ImportStatus,
  type Method,
  type MoodtapeApi,
  type Params,
  type Result,
  type WsMessage,
  type WsRequest,
} from '../../shared/contract';
import { unwrap } from './bridge';
import { importInChunks } from './import-chunks';
import { Listeners } from './listeners';

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

const UPLOAD_LIMIT = `${MAX_UPLOAD_BYTES / (1024 * 1024)} MB`;
/** The import list without its aliases (oga, wave): "mp3, ogg, ... and wav". */
const KINDS = [...new Set(IMPORT_EXTENSIONS.map((e) => ({ oga: 'ogg', wave: 'wav' })[e as string] ?? e))];
const READABLE = `Moodtape reads ${KINDS.slice(0, -1).join(', ')} and ${KINDS.at(-1)} files.`;

const EXPIRED = {
  code: 'internal' as const,
  message: 'Moodtape was restarted, and this page belongs to the earlier run.',
  hint: 'Open the new address that "moodtape serve" printed.',
};

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
      void tokenStillValid().then((valid) => {
        if (valid) return void setTimeout(connect, delay);
        status.state = 'expired';
        report();
        for (const [id, p] of pending) {
          pending.delete(id);
          p.reject(new ApiError(EXPIRED));
        }
      });
    };
  }

  const http = options.httpBase ?? '';
  /**
   * A browser cannot see why a WebSocket was refused, so the page asks: 401 for its own address
   * means a new run of the server with a new token. Unreachable is not an answer: keep trying.
   */
  async function tokenStillValid(): Promise<boolean> {
    try {
      const res = await fetch(`${http}/?token=${encodeURIComponent(options.token)}`, { method: 'HEAD', cache: 'no-store' });
      return res.status !== 401;
    } catch {
      return true;
    }
  }

  async function reachable(): Promise<boolean> {
    if (status.state !== 'open') return false;
    try {
      await fetch(`${http}/?token=${encodeURIComponent(options.token)}`, { method: 'HEAD', cache: 'no-store' });
      return true;
    } catch {
      return false;
    }
  }

  function send(p: Pending) {
    if (status.state === 'expired') {
      pending.delete(p.request.id);
      return p.reject(new ApiError(EXPIRED));
    }
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
    } else if ('event' in msg && isEventName(msg.event)) {
      listeners.emit(msg.event, msg.payload);
    }
  }

  connect();

  function invoke<M extends Method>(method: M, params: Params<M>): Promise<Result<M>> {
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
  }

  /** Uploads one file's bytes; the server keeps a copy in its data folder and answers its path. */
  async function upload(file: File): Promise<string> {
    const url = `${http}/import?token=${encodeURIComponent(options.token)}&name=${encodeURIComponent(file.name)}`;
    let res: Response;
    try {
      res = await fetch(url, { method: 'POST', body: file, headers: { 'content-type': 'application/octet-stream' } });
    } catch {
      throw new ApiError({
        code: 'internal',
        message: `Could not send ${file.name} to Moodtape.`,
        hint: 'Check that Moodtape is still running, then try again.',
      });
    }
    const text = await res.text();
    if (!res.ok)
      throw new ApiError({
        code: 'track-unreadable',
        message: `${file.name}: ${text || `refused (${res.status})`}`,
        hint: `Only audio files up to ${UPLOAD_LIMIT} can be added.`,
      });
    return (JSON.parse(text) as { path: string }).path;
  }

  return {
    invoke,
    reachable,
    on: (event, listener) => listeners.on(event, listener),
    mediaUrl: (trackId) => `/media/${encodeURIComponent(trackId)}?token=${encodeURIComponent(options.token)}`,
    coverUrl: (trackId) => `/cover/${encodeURIComponent(trackId)}?token=${encodeURIComponent(options.token)}`,
    async importFiles(files: File[], opts: ImportFilesOptions = {}): Promise<ImportStatus> {
      // A browser cannot tell the app where a file is: each audio file's bytes are sent instead.
      const all = opts.expandFolders ? await opts.expandFolders() : files;
      const audio = all.filter((f) => isImportable(f.name));
      const paths: string[] = [];
      const failed: string[] = [];
      opts.onUpload?.(0, audio.length);
      for (const [i, f] of audio.entries()) {
        if (f.size > MAX_UPLOAD_BYTES) failed.push(`${f.name}: larger than ${UPLOAD_LIMIT}`);
        else {
          try {
            paths.push(await upload(f));
          } catch (e) {
            failed.push((e as Error).message);
          }
        }
        opts.onUpload?.(i + 1, audio.length);
      }
      if (paths.length === 0) {
        throw new ApiError({
          code: 'invalid-input',
          message: audio.length === 0 ? 'None of those files is music Moodtape can play.' : `Nothing could be added: ${failed.join('; ')}`,
          hint: READABLE,
        });
      }
      const status = await importInChunks(invoke, paths);
      if (failed.length) {
        throw new ApiError({
          code: 'track-unreadable',
          message: `Some files were not sent: ${failed.join('; ')}`,
          hint: 'The others are being added.',
        });
      }
      return status;
    },
  };
}

export function isImportable(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot > 0 && (IMPORT_EXTENSIONS as readonly string[]).includes(name.slice(dot + 1).toLowerCase());
}
