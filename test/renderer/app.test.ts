import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import {
  MAX_REASON_CHARS,
  type AppState,
  type Detection,
  type Emotion,
  type Frame,
  type MoodPlaylist,
  type PlayerSession,
  type Settings,
  type Track,
} from '../../src/shared/contract';
import { validateParams } from '../../src/shared/validate';
import { AppModel } from '../../src/renderer/app/app.svelte';
import Queue from '../../src/renderer/player/Queue.svelte';
import { FakeApi, idleImport, settle, track } from './helpers/fake-api';
import { FakeAudio } from './helpers/fake-audio';
import { moodWith, plan } from './helpers/mood-plan';
import { freshSettings } from '../helpers/settings';

const settings = freshSettings({ volume: 0.5 });
const detection = (over: Partial<Detection>): Detection => ({
  faces: [],
  emotion: null,
  confidence: 0,
  probabilities: null,
  frame: { width: 640, height: 480 },
  timings: { captureMs: 1, detectMs: 1, classifyMs: 1, totalMs: 3 },
  notice: null,
  ...over,
});

const liveFrame = (d: Detection): Frame => ({ jpeg: 'data:image/jpeg;base64,', width: 640, height: 480, faces: [], at: 0, detection: d });

const apps: AppModel[] = [];

/** An app over a fake API that behaves like the main process for the calls these tests make. */
function setup(state: Partial<AppState> = {}, tracks: Track[] = [track(), track(), track()]) {
  let current: Settings = { ...settings, ...state.settings };
  const api = new FakeApi()
    .handle('getState', () => ({
      settings: current,
      camera: { on: false, mode: current.mode, source: current.cameraSource },
      mood: null,
      tracks,
      model: null,
      notices: [],
      ...state,
    }))
    .handle('getImportStatus', idleImport)
    .handle('listLibrary', () => ({ tracks, total: tracks.length }))
    .handle('recommend', (p) =>
      plan(
        p.emotion,
        tracks.filter((t) => !p.exclude?.includes(t.id)),
      ),
    )
    .handle('updateSettings', (patch) => {
      current = { ...current, ...patch };
      // As the main process does: a new mode reaches the camera, which says so.
      if (patch.mode) api.emit('camera', { on: false, mode: patch.mode, source: current.cameraSource });
      return current;
    })
    // As the main process does: the mood goes out once, as an event carrying its playlist.
    .handle('setManualMood', (emotion) => {
      const m = moodWith(emotion, tracks);
      api.emit('mood', m);
      return m;
    })
    .handle('recordListen', () => null)
    .handle('getPreferences', () => [])
    // The player's own records: no saved session, playlists or history yet.
    .handle('getSession', () => ({ session: null, tracks: [] }))
    .handle('saveSession', () => null)
    .handle('listPlaylists', () => [])
    .handle('listHistory', () => [])
    .handle('recordPlay', () => null);
  const app = new AppModel(api);
  apps.push(app);
  return { api, app };
}

const shown: Array<Record<string, unknown>> = [];

afterEach(() => {
  for (const a of apps.splice(0)) a.player.setPlaylist([], null, false);
  for (const c of shown.splice(0)) unmount(c);
  document.body.innerHTML = '';
});

/** The queue as the user sees it: each row's title and the line under it that says why (or null). */
function queueRows(app: AppModel): () => Array<[string, string | null]> {
  const target = document.createElement('div');
  document.body.append(target);
  shown.push(mount(Queue, { target, props: { app } }) as Record<string, unknown>);
  return () => {
    flushSync();
    return [...target.querySelectorAll('[data-testid="playlist-item"]')].map((row) => [
      row.querySelector('.title')!.textContent!,
      row.querySelector('[data-testid="reason"]')?.textContent ?? null,
    ]);
  };
}

/** A plan with its own reason line per track, as main words them. */
function planWith(
  emotion: Emotion,
  tracks: Track[],
  line: (i: number, n: number) => string,
  over: Partial<MoodPlaylist> = {},
): MoodPlaylist {
  const p = plan(emotion, tracks, over);
  return { ...p, entries: p.entries.map((e, i) => ({ ...e, reason: line(i, tracks.length) })) };
}

const titled = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => track({ title: `${prefix} ${i + 1}` }));

/** A sad list of `n` songs, each with the same line, with its first song loaded and playing. */
async function playingSad(api: FakeApi, n: number): Promise<Track[]> {
  const sad = titled(n, 'Sad');
  api.emit('mood', moodWith('sad', sad, { playlist: planWith('sad', sad, () => 'melancholic: near your sad mood') }));
  FakeAudio.for(`http://127.0.0.1/media/${sad[0].id}`).loaded();
  await settle();
  return sad;
}

describe('app state', () => {
  it('start-up shows the saved state, its notices, and the last mood’s list ready to play', async () => {
    const notice = { code: 'settings-corrupt', message: 'Your settings file was damaged.', hint: 'Set them again.' } as const;
    const { app, api } = setup({ settings: { ...settings, lastMood: 'sad', volume: 0.3 }, notices: [notice] });
    await app.start();
    expect(app.ready).toBe(true);
    expect(app.settings?.lastMood).toBe('sad');
    expect(app.player.volume).toBe(0.3);
    expect(app.errors.items.map((e) => e.message)).toEqual([notice.message]);
    expect(api.paramsOf('recommend')[0]).toMatchObject({ emotion: 'sad' });
    expect(app.player.playlist).toHaveLength(3);
    expect(app.player.status).toBe('stopped');
  });

  it('switching to live mode is a settings change; the camera shows the new mode', async () => {
    const { app, api } = setup();
    await app.start();
    await app.camera.setMode('live');
    expect(api.paramsOf('updateSettings')).toEqual([{ mode: 'live' }]);
    expect(app.camera.state.mode).toBe('live');
    expect(app.settings?.mode).toBe('live');
    expect(app.camera.busy).toBe(false);
    await app.camera.setMode('live');
    expect(api.paramsOf('updateSettings')).toHaveLength(1);
  });

  it('a mood picked by hand starts its music', async () => {
    const { app } = setup();
    await app.start();
    await app.pickMood('happy');
    expect(app.mood?.emotion).toBe('happy');
    expect(app.player.playlistMood).toBe('happy');
    FakeAudio.for(`http://127.0.0.1/media/${app.player.current!.id}`).loaded();
    await settle();
    expect(app.player.status).toBe('playing');
  });

  it('liking the playing song records it for the playlist’s mood and shows it as counted', async () => {
    const { app, api } = setup();
    await app.start();
    await app.pickMood('happy');
    const id = app.player.current!.id;
    const learned = { trackId: id, emotion: 'happy' as const, up: 1, down: 0, score: 0.67, skips: 0, updatedAt: 1 };
    api.handle('getPreferences', () => [learned]);
    await app.rateCurrent('like');
    expect(api.paramsOf('recordListen')).toContainEqual({ trackId: id, emotion: 'happy', event: 'like' });
    expect(app.rated).toEqual({ trackId: id, event: 'like' });
    // "Why these picks" shows the like at once, not only after its tab is clicked again.
    expect(app.moodFit.preferences).toEqual([learned]);
  });

  it('a dislike pressed again is taken back; switching from like to dislike takes the like back', async () => {
    const { app, api } = setup();
    await app.start();
    await app.pickMood('happy');
    const id = app.player.current!.id;
    await app.rateCurrent('dislike');
    await app.rateCurrent('dislike');
    expect(app.rated).toBeNull();
    await app.rateCurrent('like');
    await app.rateCurrent('dislike');
    expect(app.rated).toEqual({ trackId: id, event: 'dislike' });
    expect(
      api
        .paramsOf('recordListen')
        .filter((p) => p.event !== 'play')
        .map((p) => p.event),
    ).toEqual(['dislike', 'undo-dislike', 'like', 'undo-like', 'dislike']);
  });

  it('a rating the main process refuses is reported and not shown as counted', async () => {
    const { app, api } = setup();
    await app.start();
    await app.pickMood('sad');
    api.handle('recordListen', () => {
      throw new Error('disk full');
    });
    await app.rateCurrent('dislike');
    expect(app.rated).toBeNull();
    expect(app.errors.items.length).toBeGreaterThan(0);
  });

  it('camera errors do not stack: the latest one shows, and a source that works clears it', async () => {
    const { app, api } = setup();
    await app.start();
    api.emit('error', { code: 'camera-unavailable', message: 'Cannot open the camera source "a.mp4".', hint: 'h' });
    api.emit('error', { code: 'camera-unavailable', message: 'Cannot open the camera source "b.mp4".', hint: 'h' });
    api.emit('error', { code: 'internal', message: 'Something else.', hint: 'h' });
    expect(app.errors.items.map((e) => e.message)).toEqual(['Something else.', 'Cannot open the camera source "b.mp4".']);
    api.emit('camera', { on: true, mode: 'snapshot', source: 'c.mp4' });
    expect(app.errors.items.map((e) => e.message)).toEqual(['Something else.']);
  });

  it('a snapshot without a face says so; the next one with a face clears that and sets the mood', async () => {
    const { app, api } = setup();
    await app.start();
    const noFace = { code: 'no-face', message: 'No face found in the picture.', hint: 'Face the camera.' } as const;
    api.handle('snapshot', () => detection({ notice: noFace }));
    await app.camera.snapshot();
    expect(app.errors.items.map((e) => e.code)).toEqual(['no-face']);
    expect(app.mood).toBeNull();
    api.handle('snapshot', () => {
      api.emit('mood', moodWith('surprise', [track()], { source: 'snapshot', confidence: 0.8 }));
      return detection({ emotion: 'surprise', confidence: 0.8 });
    });
    await app.camera.snapshot();
    expect(app.errors.items).toEqual([]);
    expect(app.mood).toMatchObject({ emotion: 'surprise', source: 'snapshot' });
    expect(app.camera.snapshotting).toBe(false);
  });

  it('pushed events reach the page: errors, tray commands, settings from elsewhere, live notices that come and go', async () => {
    const { app, api } = setup();
    await app.start();
    api.emit('error', { code: 'camera-lost', message: 'The camera stopped sending pictures.', hint: 'Reconnect it.' });
    expect(app.errors.items[0].code).toBe('camera-lost');

    app.player.setPlaylist([track()], 'happy', false);
    api.emit('command', 'play-pause');
    expect(app.player.status).toBe('loading');
    api.emit('command', 'stop');
    expect(app.player.status).toBe('stopped');

    api.emit('settings', { ...settings, volume: 0.9 });
    expect(app.player.volume).toBe(0.9);

    const dark = { code: 'dark-frame', message: 'The picture is too dark to see a face.', hint: 'Turn on a light.' } as const;
    api.emit('frame', liveFrame(detection({ notice: dark })));
    api.emit('frame', liveFrame(detection({ notice: dark })));
    expect(app.errors.items.filter((e) => e.code === 'dark-frame')).toHaveLength(1);
    api.emit('frame', liveFrame(detection({ emotion: 'happy' })));
    expect(app.errors.items.some((e) => e.code === 'dark-frame')).toBe(false);
  });

  it('each entry carries its reason; a skip is one play record, for the playing mood', async () => {
    const { app, api } = setup();
    await app.start();
    await app.pickMood('happy');
    const first = app.player.current!;
    expect(app.reasonOf(first.id)).toBe('joyful: near your happy mood');
    expect(app.plan?.emotion).toBe('happy');
    const audio = FakeAudio.for(`http://127.0.0.1/media/${first.id}`);
    audio.loaded();
    await settle();
    // A few seconds heard (the player's clock ticks), then skipped.
    for (let i = 0; i < 6; i++) {
      audio.currentTime += 0.5;
      await new Promise((r) => setTimeout(r, 260));
    }
    app.player.next();
    await settle();
    expect(api.paramsOf('recordListen')).toEqual([{ trackId: first.id, emotion: 'happy', event: 'play' }]);
    expect(api.paramsOf('recordPlay')).toEqual([expect.objectContaining({ trackId: first.id, mood: 'happy', skipped: true })]);
  });

  it('Lift mid-song: the songs up to the one playing keep their lines; the new plan follows from its step 1', async () => {
    const { app, api } = setup();
    await app.start();
    const rows = queueRows(app);
    const sad = await playingSad(api, 4);
    app.player.next();
    FakeAudio.for(`http://127.0.0.1/media/${sad[1].id}`).loaded();
    await settle();
    expect(app.player.current).toBe(sad[1]);

    // The plan is saved before the intent goes out: main plans after the song the saved queue says plays.
    await app.setIntent('lift');
    const saves = api.calls.filter((c) => c.method === 'saveSession' || c.method === 'updateSettings').map((c) => c.method);
    expect(saves.slice(-2)).toEqual(['saveSession', 'updateSettings']);
    expect(api.paramsOf('saveSession').at(-1)).toMatchObject({ trackIds: sad.map((t) => t.id), index: 1 });

    const lifted = titled(3, 'Lift');
    const lift = (i: number, n: number) => `calm: step ${i + 1} of ${n}, lifting toward calm and bright from your sad mood`;
    api.emit('plan', planWith('sad', lifted, lift, { intent: 'lift' }));
    expect(app.player.current).toBe(sad[1]);
    expect(rows()).toEqual([
      ['Sad 1', 'melancholic: near your sad mood'],
      ['Sad 2', 'melancholic: near your sad mood'],
      ['Lift 1', lift(0, 3)],
      ['Lift 2', lift(1, 3)],
      ['Lift 3', lift(2, 3)],
    ]);
  });

  it('a mood queued as Up next never rewrites the line of the song playing', async () => {
    const { app, api } = setup();
    await app.start();
    const rows = queueRows(app);
    const sad = await playingSad(api, 3);
    app.player.next();
    FakeAudio.for(`http://127.0.0.1/media/${sad[1].id}`).loaded();
    await settle();
    // Sad 1 heard, Sad 2 playing: a happy list holding both comes.
    const happy = [sad[0], sad[1], ...titled(2, 'Happy')];
    api.emit('mood', moodWith('happy', happy, { playlist: planWith('happy', happy, () => 'joyful: near your happy mood') }));
    expect(rows()).toEqual([
      ['Sad 1', 'melancholic: near your sad mood'],
      ['Sad 2', 'melancholic: near your sad mood'],
      ['Sad 3', 'melancholic: near your sad mood'],
    ]);
    // It waits without the song playing: taking over when that song ends, it must not start it again.
    expect(app.player.upNext?.tracks).toEqual([sad[0], happy[2], happy[3]]);
    // Played now, the Up next list brings its own lines, the song heard before included.
    app.player.playNow();
    expect(rows()).toEqual([
      ['Sad 1', 'joyful: near your happy mood'],
      ['Happy 1', 'joyful: near your happy mood'],
      ['Happy 2', 'joyful: near your happy mood'],
    ]);
  });

  it('an Up next list holding the song playing, replaced by another before it plays: every row reads the list that played', async () => {
    const { app, api } = setup();
    await app.start();
    const rows = queueRows(app);
    const sad = await playingSad(api, 2);
    const happy = [sad[0], ...titled(2, 'Happy')];
    api.emit('mood', moodWith('happy', happy, { playlist: planWith('happy', happy, () => 'joyful: near your happy mood') }));
    const angry = [sad[0], ...titled(2, 'Angry')];
    api.emit('mood', moodWith('angry', angry, { playlist: planWith('angry', angry, () => 'tense: near your angry mood') }));
    expect(app.player.upNext).toEqual({ emotion: 'angry', tracks: angry.slice(1) });
    // The song playing still reads the list it plays from.
    expect(rows()[0]).toEqual(['Sad 1', 'melancholic: near your sad mood']);
    // Its song ends: the angry list takes over with the angry lines; the song just heard does not start again.
    FakeAudio.for(`http://127.0.0.1/media/${sad[0].id}`).playedToEnd();
    await settle();
    expect(app.player.current).toBe(angry[1]);
    expect(rows()).toEqual([
      ['Angry 1', 'tense: near your angry mood'],
      ['Angry 2', 'tense: near your angry mood'],
    ]);
    // Then a fresh angry mix: the song playing keeps its line, what follows reads the new plan's.
    FakeAudio.for(`http://127.0.0.1/media/${angry[1].id}`).loaded();
    await settle();
    const again = [sad[0], ...titled(1, 'Angrier')];
    api.emit('mood', moodWith('angry', again, { playlist: planWith('angry', again, () => 'dark: right on your angry mood') }));
    expect(rows()).toEqual([
      ['Angry 1', 'tense: near your angry mood'],
      ['Sad 1', 'dark: right on your angry mood'],
      ['Angrier 1', 'dark: right on your angry mood'],
    ]);
  });

  it('a list for another mood that holds only the song playing still waits as Up next', async () => {
    const { app, api } = setup();
    await app.start();
    const sad = await playingSad(api, 2);
    api.emit('mood', moodWith('happy', [sad[0]]));
    expect(app.player.upNext).toEqual({ emotion: 'happy', tracks: [sad[0]] });
  });

  it('a mood picked by hand saves the queue first: main plans the list after the song the saved queue says plays', async () => {
    const { app, api } = setup();
    await app.start();
    const sad = await playingSad(api, 3);
    app.player.next();
    await app.pickMood('happy');
    const calls = api.calls.filter((c) => c.method === 'saveSession' || c.method === 'setManualMood');
    expect(calls.slice(-2).map((c) => c.method)).toEqual(['saveSession', 'setManualMood']);
    expect(api.paramsOf('saveSession').at(-1)).toMatchObject({ trackIds: sad.map((t) => t.id), index: 1 });
  });

  it('a track removed from the library leaves the queue and Up next (it could only fail there); the song under way plays on', async () => {
    const { app, api } = setup();
    await app.start();
    const rows = queueRows(app);
    const sad = await playingSad(api, 3);
    const happy = [titled(1, 'Happy')[0], sad[2]];
    api.emit('mood', moodWith('happy', happy));
    api.emit('library', { reason: 'remove', listed: true, changed: [], tracks: [], removed: [sad[0].id, sad[2].id], total: 1, user: 0 });
    await settle();
    expect(rows()).toEqual([
      ['Sad 1', 'melancholic: near your sad mood'],
      ['Sad 2', 'melancholic: near your sad mood'],
    ]);
    expect(app.player.status).toBe('playing');
    expect(app.player.upNext?.tracks).toEqual([happy[0]]);
    expect(app.errors.items).toEqual([]);
  });

  it('a track put in the queue by hand reads no mood’s line, even one a mood list queued before', async () => {
    const { app, api } = setup();
    await app.start();
    const rows = queueRows(app);
    const sad = await playingSad(api, 3);
    // Removed, then added again from the library: the user's pick, not the sad list's.
    app.player.remove(2);
    app.player.enqueue(sad[2]);
    app.player.remove(1);
    app.player.playNext(sad[1]);
    expect(rows()).toEqual([
      ['Sad 1', 'melancholic: near your sad mood'],
      ['Sad 2', null],
      ['Sad 3', null],
    ]);
    // A row replaced by a track the list had: the user's pick too.
    app.player.remove(2);
    app.player.replace(1, sad[2]);
    expect(rows()).toEqual([
      ['Sad 1', 'melancholic: near your sad mood'],
      ['Sad 3', null],
    ]);
    // After Clear, the library's "Add to queue" starts a queue of the user's own.
    app.player.clear();
    app.player.enqueue(sad[0]);
    expect(rows()).toEqual([['Sad 1', null]]);
    await app.playerData.saveSession();
    expect(api.paramsOf('saveSession').at(-1)!.reasons).toEqual({});
  });

  it('a restored queue reads as before: each row comes back with its line; a row without one shows none', async () => {
    const { app, api } = setup();
    const tracks = titled(3, 'Song');
    const session: PlayerSession = {
      trackIds: tracks.map((t) => t.id),
      index: 1,
      positionSec: 12,
      mood: 'sad',
      reasons: { [tracks[0].id]: 'melancholic: near your sad mood', [tracks[1].id]: 'calm, 70 BPM: near your sad mood' },
    };
    api.handle('getSession', () => ({ session, tracks }));
    await app.start();
    const rows = queueRows(app);
    expect(rows()).toEqual([
      ['Song 1', 'melancholic: near your sad mood'],
      ['Song 2', 'calm, 70 BPM: near your sad mood'],
      ['Song 3', null],
    ]);
    // Saved again with the queue (only the queued tracks' lines).
    app.player.remove(0);
    await app.playerData.saveSession();
    expect(api.paramsOf('saveSession').at(-1)).toMatchObject({
      trackIds: [tracks[1].id, tracks[2].id],
      reasons: { [tracks[1].id]: 'calm, 70 BPM: near your sad mood' },
    });
    expect(Object.keys(api.paramsOf('saveSession').at(-1)!.reasons!)).toEqual([tracks[1].id]);
    // A line too long to keep is left out; the queue is still saved.
    app.playerData.reasons = { ...app.playerData.reasons, [tracks[2].id]: 'x'.repeat(MAX_REASON_CHARS + 1) };
    await app.playerData.saveSession();
    const saved = api.paramsOf('saveSession').at(-1)!;
    expect(Object.keys(saved.reasons!)).toEqual([tracks[1].id]);
    expect(validateParams('saveSession', saved)).toEqual(saved);
  });

  it('a session saved before reasons were kept comes back without lines', async () => {
    const { app, api } = setup();
    const tracks = titled(2, 'Song');
    api.handle('getSession', () => ({ session: { trackIds: tracks.map((t) => t.id), index: 0, positionSec: 0, mood: null }, tracks }));
    await app.start();
    expect(queueRows(app)()).toEqual([
      ['Song 1', null],
      ['Song 2', null],
    ]);
  });

  it('the replace picker lists the whole library, sent once and kept current by library events', async () => {
    const tracks = [track(), track({ origin: 'user' })];
    const { app, api } = setup({}, tracks);
    await app.start();
    expect(await app.loadLibrary()).toEqual(tracks);
    expect(api.paramsOf('listLibrary')).not.toContainEqual(null);
    const added = track({ origin: 'user', title: 'Just added' });
    const corrected = { ...tracks[1], mood: 'sad' as const };
    api.emit('library', {
      reason: 'import',
      listed: true,
      changed: [added.id, corrected.id],
      tracks: [added, corrected],
      removed: [tracks[0].id],
      total: 2,
      user: 2,
    });
    await settle();
    expect(app.library).toEqual([corrected, added]);
    expect(api.paramsOf('listLibrary')).not.toContainEqual(null);
    // Too many changes to list: the page fetches the library once.
    api.emit('library', { reason: 'rebuild', listed: false, changed: [], tracks: [], removed: [], total: 2, user: 1 });
    await settle();
    expect(api.paramsOf('listLibrary')).toContainEqual(null);
  });

  it('settings and camera state are applied once, from the events', async () => {
    const { app, api } = setup();
    await app.start();
    const seen: number[] = [];
    const crossfade = app.player.setCrossfade.bind(app.player);
    app.player.setCrossfade = (s: number) => {
      seen.push(s);
      crossfade(s);
    };
    await app.updatePlayerSettings({ crossfadeSec: 4 });
    expect(seen).toEqual([4]);
    api.handle('startCamera', () => ({ on: true, mode: 'snapshot', source: '0' }));
    await app.camera.toggle();
    expect(app.camera.state.on).toBe(true);
  });

  it('a failed start-up call is shown, not thrown', async () => {
    const { app, api } = setup();
    api.fail('getState', { code: 'internal', message: 'The app is not answering.', hint: 'Restart Moodtape.' });
    await app.start();
    expect(app.ready).toBe(false);
    expect(app.errors.items.map((e) => e.message)).toEqual(['The app is not answering.']);
  });
});
