/**
 * The app without any transport: one setup function per feature (settings, library, mood,
 * vision), wired here in order; one handler per contract request; events out.
 */
import type { About, AppError } from '../../shared/contract.js';
import { lockDataFolder } from '../core/data-lock.js';
import { toAppError } from '../core/errors.js';
import { removeWriteLeftovers } from '../core/store-file.js';
import { SettingsService } from '../settings/settings.js';
import { dispatch, type Handlers } from './dispatch.js';
import { EventBus } from './events.js';
import { libraryIndex, openPlayerData, playerHandlers } from './player-data.js';
import { libraryHandlers, mediaRoutes, refuseFoldersOutsideRoots, setupLibrary, type Library } from './setup-library.js';
import { moodFitHandlers, setupMoodFit, type MoodFit } from './mood-fit.js';
import { setupMood, type MoodState } from './setup-mood.js';
import { refuseCameraSource, setupVision, visionHandlers, type Vision } from './setup-vision.js';
import type { Moodtape, MoodtapeOptions } from './types.js';

export const PRIVACY =
  'Moodtape reads your face on this computer only. Camera pictures are analysed in memory and thrown away: ' +
  'no picture is ever saved to disk or sent anywhere, and the camera is on only while you ask for it.';

export async function createMoodtape(opts: MoodtapeOptions): Promise<Moodtape> {
  // Before anything is read or written: one Moodtape per data folder, and a read-only folder said plainly.
  const lock = lockDataFolder(opts.dataDir, opts.instanceName ?? 'Moodtape');
  try {
    return await createUnlocked(opts, () => lock.release());
  } catch (e) {
    lock.release();
    throw e;
  }
}

async function createUnlocked(opts: MoodtapeOptions, unlock: () => void): Promise<Moodtape> {
  // Temp files of writes a crash interrupted (the folder is ours now, so none is in progress).
  removeWriteLeftovers(opts.dataDir);
  const events = new EventBus();
  const { settings, notice } = SettingsService.open(opts.dataDir, opts.openStore, (e) => events.emit('error', e));
  /** Problems found at start-up, shown when a page connects (getState). */
  const notices: AppError[] = notice ? [notice] : [];
  const lib = setupLibrary(opts, settings, events.emit, notices);
  // Saved playlists, history and the player session.
  const importRoots = () => (opts.importRoots ? [...opts.importRoots, ...settings.get().watchedFolders] : null);
  const playerData = openPlayerData(opts.dataDir, libraryIndex(lib.catalogue, lib.library, importRoots), opts.openStore, (e) =>
    events.emit('error', e),
  );
  const moodFit = setupMoodFit({
    dataDir: opts.dataDir,
    openStore: opts.openStore,
    settings: () => settings.get(),
    tracks: () => lib.library.recommendable(settings.get().onlyUserTracks),
    report: (e) => events.emit('error', e),
    // A new intent's plan starts after the song playing (the queue as the page last saved it).
    queue: () => playerData.session.get(),
  });
  notices.push(...moodFit.notices);
  const mood = setupMood(settings, events.emit, (m) => moodFit.complete(m));
  const vision = setupVision(opts, settings, mood, events.emit, notices);
  notices.push(...playerData.notices);

  const handlers: Handlers = {
    ...appHandlers(opts, { settings, lib, mood, moodFit, vision, notices, events }),
    ...visionHandlers(vision),
    ...libraryHandlers(lib),
    ...playerHandlers(
      playerData,
      () => lib.library.tracks(),
      (play) => moodFit.heard(play),
    ),
    ...moodFitHandlers(moodFit),
  };
  const { media, cover } = mediaRoutes(lib);

  return {
    call: dispatch(handlers),
    subscribe: (listener) => events.subscribe(listener),
    async quickMood() {
      try {
        const d = await vision.snapshot('tray', true);
        if (!d.emotion && d.notice) events.emit('error', d.notice);
        return d.emotion ? mood.current() : null;
      } catch (e) {
        events.emit('error', toAppError(e));
        return null;
      }
    },
    chooseMood: (emotion, source) => mood.set(emotion, 1, source, null, source === 'tray'),
    sendCommand: (command) => events.emit('command', command),
    media,
    cover,
    async dispose() {
      events.clear();
      try {
        playerData.close();
        await Promise.all([vision.dispose(), lib.library.close()]);
      } finally {
        unlock();
      }
    },
  };
}

interface AppParts {
  settings: SettingsService;
  lib: Library;
  mood: MoodState;
  moodFit: MoodFit;
  vision: Vision;
  notices: AppError[];
  events: EventBus;
}

/** The requests that reach across features: the whole state, settings, moods and playlists, About. */
function appHandlers(
  opts: MoodtapeOptions,
  { settings, lib, mood, moodFit, vision, notices, events }: AppParts,
): Pick<Handlers, 'getState' | 'updateSettings' | 'setManualMood' | 'getAbout'> {
  return {
    getState: async () => ({
      settings: settings.get(),
      camera: vision.camera.state(),
      mood: mood.current(),
      tracks: lib.library.tracks(),
      model: await vision.modelInfo(),
      notices: [...notices],
    }),
    updateSettings: async (patch) => {
      if (patch.watchedFolders !== undefined)
        await refuseFoldersOutsideRoots(patch.watchedFolders, settings.get().watchedFolders, opts.importRoots);
      if (patch.cameraSource !== undefined) await refuseCameraSource(patch.cameraSource, opts.importRoots, settings.get().watchedFolders);
      // A change that could not be saved still applies for this run; the caller then hears why.
      let saveError: unknown = null;
      const intentBefore = settings.get().intent;
      try {
        settings.update(patch, true);
      } catch (e) {
        saveError = e;
      }
      const next = settings.get();
      if (patch.cameraSource !== undefined) vision.camera.setSource(patch.cameraSource);
      if (patch.mode !== undefined) vision.camera.setMode(patch.mode);
      if (patch.watchedFolders !== undefined) await lib.library.syncWatched(next.watchedFolders, false);
      // The window's own size and place are no news to the page (it moves on every drag).
      if (Object.keys(patch).some((k) => k !== 'window')) events.emit('settings', next);
      // A new intent acts at once: the mood lists are planned again, the song plays on.
      if (patch.intent !== undefined && next.intent !== intentBefore) for (const plan of moodFit.replan()) events.emit('plan', plan);
      if (saveError) throw saveError;
      return next;
    },
    setManualMood: (emotion) => mood.set(emotion, 1, 'manual', null),
    getAbout: async (): Promise<About> => ({
      version: opts.version,
      model: await vision.modelInfo(),
      attributions: lib.catalogue.attributions,
      privacy: PRIVACY,
    }),
  };
}
