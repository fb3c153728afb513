/** The app without any transport: services wired together, one `call` per contract request, events out. */
import { join } from 'node:path';
import type {
  About,
  AppError,
  Emotion,
  Envelope,
  Events,
  EventName,
  Method,
  Mood,
  MoodSource,
  Params,
  Probabilities,
  Result,
} from '../../shared/contract.js';
import { InvalidInput, invalidInput, isMethod, validateParams } from '../../shared/validate.js';
import { Readable } from 'node:stream';
import { Catalogue } from '../library/catalogue.js';
import { LibraryService } from '../library/library.js';
import { fileResponse, type MediaResponse } from '../library/media-response.js';
import { recommend } from '../recommendation/playlist.js';
import { SettingsService } from '../settings/settings.js';
import { CameraSession } from '../vision/camera-session.js';
import type { FacePipeline } from '../vision/face-pipeline.js';
import { loadPipeline } from '../vision/load-pipeline.js';
import { toAppError } from '../core/errors.js';
import type { EventListener, Moodtape, MoodtapeOptions } from './types.js';

export const PRIVACY =
  'Moodtape reads your face on this computer only. Camera pictures are analysed in memory and thrown away: ' +
  'no picture is ever saved to disk or sent anywhere, and the camera is on only while you ask for it.';

type Handlers = { [M in Method]: (params: Params<M>) => Promise<Result<M>> | Result<M> };

export async function createMoodtape(opts: MoodtapeOptions): Promise<Moodtape> {
  const listeners = new Set<EventListener>();
  const emit = <E extends EventName>(name: E, payload: Events[E]) => listeners.forEach((l) => l(name, payload));

  const { settings, notice } = SettingsService.open(opts.dataDir, opts.openStore, (e) => emit('error', e));
  const notices: AppError[] = notice ? [notice] : [];
  const catalogue = new Catalogue(join(opts.assetsDir, 'music'));
  const { library, notice: libraryNotice } = LibraryService.open({
    dataDir: opts.dataDir,
    openStore: opts.openStore,
    demo: catalogue,
    settings: () => settings.get(),
    updateSettings: (patch) => emit('settings', settings.update(patch)),
    emit: (name, payload) => emit(name, payload as never),
    workers: opts.libraryWorkers,
  });
  if (libraryNotice) notices.push(libraryNotice);
  // Watched folders and unfinished analyses are picked up in the background.
  void library.start().catch((e) => emit('error', toAppError(e)));
  const modelsDir = join(opts.assetsDir, 'models');

  // The model loads in the background; until it is there (or if it cannot load) manual moods still work.
  const pipelineReady: Promise<FacePipeline> = loadPipeline(modelsDir);
  let modelError: AppError | null = null;
  pipelineReady.catch((e) => {
    modelError = toAppError(e);
    notices.push(modelError);
    emit('error', modelError);
  });

  let mood: Mood | null = null;
  const setMood = (
    emotion: Emotion,
    confidence: number,
    source: MoodSource,
    probabilities: Probabilities | null,
    autoplay = false,
  ): Mood => {
    mood = { emotion, confidence, source, probabilities, at: Date.now(), autoplay };
    settings.update({ lastMood: emotion });
    emit('mood', mood);
    return mood;
  };

  const initial = settings.get();
  const camera = new CameraSession(
    () => pipelineReady,
    {
      frame: (f) => emit('frame', f),
      detection: (d) => emit('detection', d),
      mood: (m) => setMood(m.emotion, m.confidence, 'live', m.probabilities),
      error: (e) => emit('error', e),
      state: (s) => emit('camera', s),
    },
    initial.mode,
    opts.cameraSource ?? initial.cameraSource,
  );

  const snapshot = async (source: MoodSource, autoplay: boolean) => {
    const detection = await camera.snapshot();
    if (detection.emotion) setMood(detection.emotion, detection.confidence, source, detection.probabilities, autoplay);
    return detection;
  };

  const modelInfo = async () => {
    try {
      return (await pipelineReady).model.info;
    } catch {
      return null;
    }
  };

  const handlers: Handlers = {
    getState: async () => ({
      settings: settings.get(),
      camera: camera.state(),
      mood,
      tracks: library.tracks(),
      model: await modelInfo(),
      notices: [...notices],
    }),
    startCamera: () => camera.start(),
    stopCamera: () => camera.stop(),
    setMode: (mode) => {
      settings.update({ mode });
      return camera.setMode(mode);
    },
    snapshot: () => snapshot('snapshot', false),
    setManualMood: (emotion) => setMood(emotion, 1, 'manual', null),
    recommend: (p) => recommend(library.recommendable(settings.get().onlyUserTracks), p.emotion, { length: p.length, exclude: p.exclude }),
    listTracks: () => library.tracks(),
    updateSettings: async (patch) => {
      // A change that could not be saved still applies for this run; the caller then hears why.
      let saveError: unknown = null;
      try {
        settings.update(patch, true);
      } catch (e) {
        saveError = e;
      }
      const next = settings.get();
      if (patch.cameraSource !== undefined) camera.setSource(patch.cameraSource);
      if (patch.mode !== undefined) camera.setMode(patch.mode);
      if (patch.watchedFolders !== undefined) await library.syncWatched(next.watchedFolders, false);
      emit('settings', next);
      if (saveError) throw saveError;
      return next;
    },
    getAbout: async (): Promise<About> => ({
      version: opts.version,
      model: await modelInfo(),
      attributions: catalogue.attributions,
      privacy: PRIVACY,
    }),
    importPaths: (p) => library.importPaths(p.paths, { watch: p.watch }),
    getImportStatus: () => library.status(),
    listLibrary: (q) => library.query(q),
    setTrackMood: (p) => library.setMood(p),
    removeTrack: (p) => {
      library.remove(p.id);
      return null;
    },
  };

  const call = async (method: string, params: unknown): Promise<Envelope<unknown>> => {
    if (!isMethod(method)) return { ok: false, error: invalidInput(`unknown method ${JSON.stringify(method)}`) };
    try {
      const valid = validateParams(method, params ?? null);
      const value = await (handlers[method] as (p: unknown) => unknown)(valid);
      return { ok: true, value };
    } catch (e) {
      return { ok: false, error: e instanceof InvalidInput ? invalidInput(e.message) : toAppError(e) };
    }
  };

  return {
    call,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async quickMood() {
      try {
        const d = await snapshot('tray', true);
        if (!d.emotion && d.notice) emit('error', d.notice);
        return mood && d.emotion ? mood : null;
      } catch (e) {
        emit('error', toAppError(e));
        return null;
      }
    },
    chooseMood: (emotion, source) => setMood(emotion, 1, source, null, source === 'tray'),
    sendCommand: (command) => emit('command', command),
    media: (trackId, range) => fileResponse(catalogue.pathOf(trackId) ?? library.pathOf(trackId), range),
    async cover(trackId): Promise<MediaResponse> {
      const c = await library.cover(trackId);
      if (!c) return { status: 404, headers: { 'content-type': 'text/plain' }, body: null };
      return {
        status: 200,
        headers: { 'content-type': c.mime, 'content-length': String(c.data.byteLength), 'cache-control': 'no-cache' },
        body: Readable.from([Buffer.from(c.data)]),
      };
    },
    async dispose() {
      camera.stop();
      listeners.clear();
      await library.close();
      try {
        await (await pipelineReady).model.dispose();
      } catch {
        /* the model never loaded: nothing to release */
      }
    },
  };
}
