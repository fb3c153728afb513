/**
 * A MoodtapeApi for renderer tests: requests answered by handlers the test gives (an unhandled
 * request fails loudly), every call recorded, and events pushed by the test as the main process
 * would push them. Like the main process, it also announces what a request changed: the new
 * settings as a `settings` event, the camera's state as a `camera` event, before the reply. A
 * page that applied both the reply and the event would apply the change twice, and tests see it.
 */
import {
  ApiError,
  type AppError,
  type EventName,
  type Events,
  type ImportStatus,
  type Method,
  type MoodtapeApi,
  type Params,
  type Result,
  type Track,
} from '../../../src/shared/contract';

export type Handlers = { [M in Method]?: (params: Params<M>) => Result<M> | Promise<Result<M>> };

/** Requests whose result main also sends to every page as an event. */
const ECHOED: Partial<Record<Method, EventName>> = { updateSettings: 'settings', startCamera: 'camera', stopCamera: 'camera' };

export class FakeApi implements MoodtapeApi {
  readonly calls: Array<{ method: Method; params: unknown }> = [];
  readonly imported: File[][] = [];
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>();

  constructor(private handlers: Handlers = {}) {}

  /** Answers `method` from now on (replacing any earlier handler). */
  handle<M extends Method>(method: M, fn: (params: Params<M>) => Result<M> | Promise<Result<M>>): this {
    (this.handlers as Record<string, unknown>)[method] = fn;
    return this;
  }

  /** The method fails with this error, as the app's envelope would. */
  fail(method: Method, error: AppError): this {
    (this.handlers as Record<string, unknown>)[method] = () => {
      throw new ApiError(error);
    };
    return this;
  }

  async invoke<M extends Method>(method: M, params: Params<M>): Promise<Result<M>> {
    this.calls.push({ method, params });
    const handler = this.handlers[method] as ((p: Params<M>) => Result<M> | Promise<Result<M>>) | undefined;
    if (!handler) throw new Error(`FakeApi: the test gave no handler for ${method}`);
    const result = await handler(params);
    const echo = ECHOED[method];
    const windowOnly = method === 'updateSettings' && Object.keys(params ?? {}).every((k) => k === 'window');
    if (echo && !windowOnly) this.emit(echo, result as Events[typeof echo]);
    return result;
  }

  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  /** Pushes an event to the page, as the main process does. */
  emit<E extends EventName>(event: E, payload: Events[E]): void {
    for (const l of this.listeners.get(event) ?? []) (l as (p: Events[E]) => void)(payload);
  }

  mediaUrl(trackId: string): string {
    return `http://127.0.0.1/media/${trackId}`;
  }

  async importFiles(files: File[]): Promise<ImportStatus> {
    this.imported.push(files);
    return this.invoke('getImportStatus', null);
  }

  /** The params of every call to `method`, oldest first. */
  paramsOf<M extends Method>(method: M): Array<Params<M>> {
    return this.calls.filter((c) => c.method === method).map((c) => c.params as Params<M>);
  }
}

/** The import status of a library with nothing running. */
export const idleImport = (): ImportStatus => ({
  phase: 'idle',
  found: 0,
  added: 0,
  unchanged: 0,
  read: 0,
  skipped: 0,
  analysed: 0,
  toAnalyse: 0,
  problems: [],
  problemCount: 0,
  startedAt: null,
  finishedAt: null,
});

let nextTrack = 1;

/** A playable demo-like track; fields can be overridden. */
export function track(overrides: Partial<Track> = {}): Track {
  const n = nextTrack++;
  return {
    id: `t${n}.opus`,
    title: `Track ${n}`,
    artist: 'Test Artist',
    album: 'Test Album',
    durationSec: 180,
    valence: 0.5,
    arousal: 0.5,
    musicMood: 'joyful',
    origin: 'demo',
    licence: 'CC0',
    ...overrides,
  };
}

/**
 * Lets pending callbacks run: awaited API calls, and Howler's events, which it sends from a
 * zero-delay timer (after the element's play promise, for 'play'). A few turns, no waiting on time.
 */
export async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setTimeout(resolve, 0));
}
