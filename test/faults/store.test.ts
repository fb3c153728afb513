/**
 * Faults the stores survive (library.json, settings.json): writes that fail because the folder is
 * read-only or the disk is full, and files damaged by hand, by a crash or by another program.
 *
 * Tests run as root here, so chmod cannot make a folder read-only: failures are injected at the
 * stores' file-system boundary instead, either with a store factory whose write throws the
 * kernel's error (EROFS, ENOSPC) or, for a real file-system fault, with a directory put where
 * library.json must be written (the atomic rename onto it fails with EISDIR).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Moodtape } from '../../src/main/app/types.js';
import { confStore, type StoreFactory } from '../../src/main/core/store.js';
import { Catalogue } from '../../src/main/library/catalogue.js';
import { LibraryService } from '../../src/main/library/library.js';
import { DEFAULT_SETTINGS } from '../../src/shared/contract.js';
import { SettingsService } from '../../src/main/settings/settings.js';
import type { AppError, Envelope, Track } from '../../src/shared/contract.js';
import { makeMusicFolder, tmp } from '../library/helpers/fixtures.js';
import { upbeat, wav } from '../library/helpers/synth.js';
import { root, testApp, until } from './helpers.js';

vi.mock('electron', async () => (await import('../electron/fake-electron.js')).electron);
const { bindIpc } = await import('../../src/main/electron/ipc.js');
const { ipcMain, resetFakes } = await import('../electron/fake-electron.js');

/** A store whose writes fail with `fault.code` while it is set, as a read-only or full disk would. */
function faultyStores(): { factory: StoreFactory; fault: { code: string | null }; writes: () => number } {
  const fault: { code: string | null } = { code: null };
  let writes = 0;
  const factory: StoreFactory = (opts) => {
    const real = confStore(opts);
    return {
      get: (k) => real.get(k),
      set: (k, v) => {
        if (fault.code) throw Object.assign(new Error(`${fault.code}: cannot write '${real.path}'`), { code: fault.code });
        writes++;
        real.set(k, v);
      },
      get path() {
        return real.path;
      },
    };
  };
  return { factory, fault, writes: () => writes };
}

const apps: Moodtape[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.dispose();
});

async function openApp(dataDir: string, openStore?: StoreFactory) {
  const events: AppError[] = [];
  const app = await testApp(dataDir, { openStore });
  apps.push(app);
  app.subscribe((name, payload) => {
    if (name === 'error') events.push(payload as AppError);
  });
  return { app, errors: events };
}

const offshore = async (app: Moodtape) =>
  ((await app.call('listLibrary', { origin: 'demo' })) as Envelope<{ tracks: Track[] }> & { ok: true }).value.tracks.find(
    (t) => t.id === 'offshore',
  )!;

/** A library.json with one user track (a real file) and whatever `entries` add. */
function writeLibrary(dir: string, entries: unknown[], extra: Record<string, unknown> = {}) {
  const file = join(dir, 'song.wav');
  writeFileSync(file, wav(upbeat(2)));
  const good = {
    id: 'u-good',
    path: file,
    size: 1,
    mtimeMs: 1,
    title: 'Good Song',
    artist: 'A',
    album: 'B',
    durationSec: 2,
    addedAt: 1,
    analysis: null,
    analysisError: null,
    correction: { valence: 0.5, arousal: 0.5, emotion: null, at: 1 },
    folderImage: null,
  };
  writeFileSync(
    join(dir, 'library.json'),
    JSON.stringify({ library: { version: 1, tracks: [good, ...entries], removed: [], demoCorrections: {}, ...extra } }),
  );
  return good;
}

describe('library writes that fail', () => {
  it.each(['EROFS', 'ENOSPC'])(
    '%s while correcting a mood: a clear error, the correction kept and saved once the disk is back',
    async (code) => {
      const dir = tmp('store');
      const stores = faultyStores();
      const { app, errors } = await openApp(dir, stores.factory);
      stores.fault.code = code;
      const r = await app.call('setTrackMood', { id: 'offshore', musicMood: 'melancholic' });
      expect(r).toMatchObject({ ok: false, error: { code: 'save-failed' } });
      const message = (r as { error: AppError }).error.message;
      expect(message).toMatch(code === 'ENOSPC' ? /disk is full/ : /read-only/);
      expect(message).not.toContain(dir);
      // Still corrected in this run; nothing crashed after the batched save time.
      expect((await offshore(app)).moodSource).toBe('correction');
      await new Promise((r) => setTimeout(r, 1700));
      expect(errors).toEqual([]); // the caller was told: the background retries stay quiet
      stores.fault.code = null;
      await until(
        () => existsSync(join(dir, 'library.json')) && readFileSync(join(dir, 'library.json'), 'utf8').includes('offshore'),
        'the retry to save',
      );
      const again = LibraryService.open({
        dataDir: dir,
        demo: new Catalogue(join(root, 'assets', 'music')),
        settings: () => DEFAULT_SETTINGS,
        updateSettings: () => {},
        emit: () => {},
        workers: 1,
      }).library;
      expect(again.tracks().find((t) => t.id === 'offshore')?.moodSource).toBe('correction');
      await again.close();
    },
  );

  it('a directory where library.json must go (a real file-system fault): the error answered, the app goes on', async () => {
    const dir = tmp('store');
    const { app } = await openApp(dir);
    mkdirSync(join(dir, 'library.json'));
    const r = await app.call('setTrackMood', { id: 'offshore', valence: -0.5, arousal: 0.2 });
    expect(r).toMatchObject({ ok: false, error: { code: 'save-failed' } });
    expect(await app.call('getAbout', null)).toMatchObject({ ok: true });
    rmdirSync(join(dir, 'library.json'));
    await until(() => existsSync(join(dir, 'library.json')), 'the retry to save');
    expect(JSON.parse(readFileSync(join(dir, 'library.json'), 'utf8')).library.demoCorrections.offshore).toMatchObject({ valence: -0.5 });
  });

  it('background saves during an import on a full disk: one error event, not one per try', async () => {
    const dir = tmp('store');
    const stores = faultyStores();
    const events: AppError[] = [];
    stores.fault.code = 'ENOSPC';
    const { library } = LibraryService.open({
      dataDir: dir,
      openStore: stores.factory,
      demo: new Catalogue(join(root, 'assets', 'music')),
      settings: () => DEFAULT_SETTINGS,
      updateSettings: () => {},
      emit: (name, payload) => name === 'error' && events.push(payload as AppError),
      workers: 1,
      analyse: false,
    });
    try {
      library.importPaths([makeMusicFolder().root]);
      await library.whenIdle();
      library.flush();
      library.flush();
      expect(events.filter((e) => e.code === 'save-failed')).toHaveLength(1);
      expect(library.userTracks().length).toBeGreaterThan(0);
      stores.fault.code = null;
      expect(library.flush()).toBeNull();
    } finally {
      await library.close();
    }
  });

  it('through Electron IPC the same failure is an answer, not a crash of the main process', async () => {
    resetFakes();
    const dir = tmp('store');
    const stores = faultyStores();
    const { app } = await openApp(dir, stores.factory);
    stores.fault.code = 'EROFS';
    bindIpc(app, { isAppPage: () => true, target: () => null });
    const reply = await ipcMain.handlers.get('moodtape:setTrackMood')!(
      { senderFrame: { url: 'file:///app/index.html' } },
      { id: 'offshore', musicMood: 'joyful' },
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'save-failed' } });
  });
});

describe('library files damaged', () => {
  it('an entry missing a field: kept aside in library.rejected.json beside a backup, named in a notice, never lost', async () => {
    const dir = tmp('store');
    const broken = {
      id: 'u-broken',
      path: '/music/broken.mp3',
      size: 1,
      mtimeMs: 1,
      artist: 'A',
      album: 'B',
      durationSec: 3,
      correction: { valence: 1, arousal: 1, emotion: null, at: 1 },
    };
    writeLibrary(dir, [broken]);
    const { app } = await openApp(dir);
    const state = (await app.call('getState', null)) as { value: { notices: AppError[] } };
    const notice = state.value.notices.find((n) => n.code === 'library-corrupt')!;
    expect(notice.message).toMatch(/broken\.mp3/);
    expect(notice.message).toMatch(/library\.rejected\.json/);
    const rejected = JSON.parse(readFileSync(join(dir, 'library.rejected.json'), 'utf8')) as Array<{ entries: Array<{ value: unknown }> }>;
    expect(rejected[0]!.entries[0]!.value).toEqual(broken);
    const backup = readdirSync(dir).find((f) => f.startsWith('library.backup-'))!;
    expect(readFileSync(join(dir, backup), 'utf8')).toContain('u-broken');
    // The good track is there; saving the library later does not lose the broken one (it is aside).
    const list = (await app.call('listLibrary', { origin: 'user' })) as { value: { tracks: Track[] } };
    expect(list.value.tracks.map((t) => t.title)).toEqual(['Good Song']);
  });

  it('a correction of the wrong type ({ valence: "x" }): never served, set aside and named; the track stays', async () => {
    const dir = tmp('store');
    const good = writeLibrary(dir, [], { demoCorrections: { offshore: { valence: 'x', arousal: 0, emotion: null, at: 1 } } });
    const lib = JSON.parse(readFileSync(join(dir, 'library.json'), 'utf8'));
    lib.library.tracks[0].correction = { valence: 'x', arousal: 0.3, emotion: null, at: 1 };
    writeFileSync(join(dir, 'library.json'), JSON.stringify(lib));
    const { app } = await openApp(dir);
    const tracks = ((await app.call('listLibrary', null)) as { value: { tracks: Track[] } }).value.tracks;
    const mine = tracks.find((t) => t.id === good.id)!;
    expect(typeof mine.valence).toBe('number');
    expect(mine.moodSource).not.toBe('correction');
    expect(tracks.find((t) => t.id === 'offshore')!.moodSource).toBe('catalogue');
    const notices = ((await app.call('getState', null)) as { value: { notices: AppError[] } }).value.notices;
    expect(notices.find((n) => n.code === 'library-corrupt')?.message).toMatch(/Good Song.*mood correction|offshore/);
    expect(readFileSync(join(dir, 'library.rejected.json'), 'utf8')).toContain('"x"');
  });

  it('a whole file that is not JSON: kept aside, rebuilt, with a notice (as before)', async () => {
    const dir = tmp('store');
    writeFileSync(join(dir, 'library.json'), '{"library": {"tracks": [');
    const { app } = await openApp(dir);
    const notices = ((await app.call('getState', null)) as { value: { notices: AppError[] } }).value.notices;
    expect(notices.find((n) => n.code === 'library-corrupt')?.message).toMatch(/library\.corrupt-/);
  });
});

describe('settings files', () => {
  it('a settings file with a UTF-8 byte-order mark is read, not treated as corrupt', () => {
    const dir = tmp('settings');
    writeFileSync(join(dir, 'settings.json'), '\uFEFF' + JSON.stringify({ volume: 0.3, mode: 'live' }));
    const { settings, notice } = SettingsService.open(dir);
    expect(notice).toBeNull();
    expect(settings.get()).toMatchObject({ volume: 0.3, mode: 'live' });
    expect(readdirSync(dir).some((f) => f.includes('corrupt'))).toBe(false);
  });

  it('the corrupt-settings notice tells the truth: the watched folders were reset too', () => {
    const dir = tmp('settings');
    writeFileSync(join(dir, 'settings.json'), '{"watchedFolders": ["/music"], ');
    const { notice } = SettingsService.open(dir);
    expect(notice?.message).toMatch(/watched folders/);
    expect(`${notice?.message} ${notice?.hint}`).not.toMatch(/not affected/);
  });

  it('a settings write that fails: the call says so, the new value holds for this run and is saved later', async () => {
    const dir = tmp('settings');
    const stores = faultyStores();
    const { app } = await openApp(dir, stores.factory);
    stores.fault.code = 'ENOSPC';
    const r = await app.call('updateSettings', { volume: 0.25 });
    expect(r).toMatchObject({ ok: false, error: { code: 'save-failed' } });
    expect(((await app.call('getState', null)) as { value: { settings: { volume: number } } }).value.settings.volume).toBe(0.25);
    // A live mood while the disk is full must not throw out of the camera loop.
    expect(await app.call('setManualMood', 'sad')).toMatchObject({ ok: true });
    stores.fault.code = null;
    await until(() => SettingsService.open(dir).settings.get().volume === 0.25, 'the retry to save');
  });
});

describe('Electron IPC', () => {
  it('an app call that throws (a bug) is answered as an internal error', async () => {
    resetFakes();
    const app = { call: async () => Promise.reject(new Error("boom at '/home/ann/x'")), subscribe: () => () => {} };
    bindIpc(app, { isAppPage: () => true, target: () => null });
    const reply = await ipcMain.handlers.get('moodtape:getState')!({ senderFrame: { url: 'file:///app/index.html' } }, null);
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(reply)).not.toContain('/home/ann');
  });
});
