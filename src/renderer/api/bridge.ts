/**
 * Electron transport: wraps the preload's `window.moodtape`. The bridge passes envelopes
 * unchanged (class instances do not cross contextBridge), so errors are rebuilt here.
 */
import {
  ApiError,
  isEventName,
  type Envelope,
  type ImportStatus,
  type Method,
  type MoodtapeApi,
  type MoodtapeBridge,
  type Params,
  type Result,
} from '../../shared/contract';
import { isAppError } from './errors';
import { importInChunks } from './import-chunks';
import { Listeners } from './listeners';

export function bridgeApi(bridge: MoodtapeBridge): MoodtapeApi {
  const listeners = new Listeners();
  bridge.subscribe((name, payload) => {
    if (isEventName(name)) listeners.emit(name, payload);
  });
  const invoke = async <M extends Method>(method: M, params: Params<M>): Promise<Result<M>> =>
    unwrap(await bridge.invoke(method, params)) as Result<M>;
  return {
    invoke,
    on: (event, listener) => listeners.on(event, listener),
    mediaUrl: (trackId) => bridge.mediaUrl(trackId),
    // An older preload without covers: the views then show none.
    ...(typeof bridge.coverUrl === 'function' ? { coverUrl: (trackId: string) => bridge.coverUrl(trackId) } : {}),
    async importFiles(files: File[]): Promise<ImportStatus> {
      // The app reads the files where they are; dropped folders are scanned and watched.
      const paths = typeof bridge.pathsForFiles === 'function' ? bridge.pathsForFiles(files) : [];
      if (paths.length === 0) {
        throw new ApiError({
          code: 'invalid-input',
          message: 'Those files have no location on this computer, so they cannot be imported.',
          hint: 'Drop files or folders from your file manager, or use Add music.',
        });
      }
      return importInChunks(invoke, paths, true);
    },
  };
}

export function unwrap(envelope: Envelope<unknown>): unknown {
  if (envelope && envelope.ok === true) return envelope.value;
  const error = envelope && envelope.ok === false && isAppError(envelope.error) ? envelope.error : null;
  throw new ApiError(error ?? { code: 'internal', message: 'The app sent a reply it could not read.', hint: 'Restart Moodtape.' });
}
