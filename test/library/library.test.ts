import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MUSIC_MOODS, type AppError, type Events } from '../../src/shared/contract.js';
import { MOOD_MODEL } from '../../src/main/library/analysis/mood-model.js';
import { validateParams } from '../../src/shared/validate.js';
import { makeMusicFolder, tmp } from './helpers/fixtures.js';
import { closeLibraries, demo, openLibrary } from './helpers/open-library.js';
import { upbeat, wav } from './helpers/synth.js';

afterEach(closeLibraries);

describe('music library', () => {
  it('imports a folder: real audio added and analysed, the rest reported, never a crash', async () => {
    const music = makeMusicFolder();
    const { library, events } = openLibrary(tmp('lib'));
    await library.start();
    const started = library.importPaths([music.root]);
    expect(started.phase).not.toBe('idle');
    const s = await library.whenIdle();
    expect(s.phase).toBe('idle');
    expect(s.added).toBe(music.audio.length + 1); // the damaged FLAC has a valid header: added, then fails analysis
    expect(s.skipped).toBe(1); // notes.txt, quietly
    const kinds = s.problems.map((p) => `${p.kind}:${p.path.split('/').pop()}`);
    expect(kinds).toContain('symlink-loop:loop');
    expect(kinds).toContain('corrupt:not-really.mp3');
    expect(kinds.some((k) => k.endsWith('damaged.flac'))).toBe(true);

    const mine = library.userTracks();
    expect(mine).toHaveLength(music.audio.length + 1);
    expect(mine.every((t) => t.origin === 'user' && !('path' in t))).toBe(true);
    const tagged = mine.find((t) => t.title === 'Tagged Tune')!;
    expect(tagged).toMatchObject({ artist: 'Tag Artist', album: 'Tag Album', moodSource: 'analysis' });
    expect(tagged.durationSec).toBeGreaterThan(3.5);
    // Fallbacks from the file name and folder.
    expect(mine.find((t) => t.title === 'Upbeat')).toMatchObject({ artist: 'Test Band', album: 'Album One', moodSource: 'analysis' });
    expect(mine.find((t) => t.fileName === 'damaged.flac')?.moodSource).toBe('failed');
    // Progress went out as events, and the recommender sees analysed user tracks.
    expect(events.some((e) => e.name === 'import-progress')).toBe(true);
    expect(events.some((e) => e.name === 'library')).toBe(true);
    const pool = library.recommendable(true);
    expect(pool.every((t) => t.origin === 'user' && t.moodSource === 'analysis')).toBe(true);
    expect(pool).toHaveLength(music.audio.length);
    expect(library.recommendable(false).length).toBe(demo.tracks.length + music.audio.length);
  });

  it("a dropped file without an album tag has no album, not the upload folder's name; a folder's name stays the album of its files", async () => {
    const music = makeMusicFolder();
    const dataDir = tmp('lib');
    const uploads = join(dataDir, 'imported'); // where serve mode saves what a browser dropped
    mkdirSync(uploads);
    writeFileSync(join(uploads, 'Drop Band - Dropped.wav'), wav(upbeat(3)));
    copyFileSync(music.audio[2], join(uploads, 'tagged.mp3'));
    // A folder of the user's own that happens to have the same name keeps the rule for folders.
    const mine = join(tmp('music'), 'imported');
    mkdirSync(mine);
    writeFileSync(join(mine, 'Folder Band - Kept.wav'), wav(upbeat(3)));
    const { library } = openLibrary(dataDir);
    await library.start();
    library.importPaths([join(uploads, 'Drop Band - Dropped.wav'), join(uploads, 'tagged.mp3'), mine]);
    await library.whenIdle();
    const byTitle = new Map(library.userTracks().map((t) => [t.title, t]));
    expect(byTitle.get('Dropped')).toMatchObject({ artist: 'Drop Band', album: '' });
    expect(byTitle.get('Tagged Tune')).toMatchObject({ album: 'Tag Album' });
    expect(byTitle.get('Kept')).toMatchObject({ artist: 'Folder Band', album: 'imported' });
  });

  it('re-importing the same folder adds nothing and analyses nothing; a changed file is redone', async () => {
    const music = makeMusicFolder();
    const dir = tmp('lib');
    const first = openLibrary(dir);
    first.library.importPaths([music.root]);
    await first.library.whenIdle();
    await first.library.close();

    const again = openLibrary(dir);
    await again.library.start();
    again.library.importPaths([music.root]);
    const s = await again.library.whenIdle();
    expect(s).toMatchObject({ added: 0, analysed: 0, unchanged: music.audio.length + 1 });
    expect(again.library.userTracks()).toHaveLength(music.audio.length + 1);

    writeFileSync(music.audio[1], wav(upbeat(6)));
    again.library.importPaths([music.root]);
    const s2 = await again.library.whenIdle();
    expect(s2).toMatchObject({ added: 1, analysed: 1 });
  });

  it('a correction wins over the analysis, survives a restart, and can be undone', async () => {
    const music = makeMusicFolder();
    const dir = tmp('lib');
    const a = openLibrary(dir);
    a.library.importPaths([music.audio[0]]);
    await a.library.whenIdle();
    const track = a.library.userTracks()[0];
    expect(track.moodSource).toBe('analysis');
    const corrected = a.library.setMood(validateParams('setTrackMood', { id: track.id, musicMood: 'melancholic' }));
    expect(corrected).toMatchObject({ musicMood: 'melancholic', moodSource: 'correction', valence: -0.45, arousal: -0.6 });
    a.library.setMood({ id: demo.tracks[0].id, valence: -0.9, arousal: 0.9 });
    await a.library.close();

    const b = openLibrary(dir);
    await b.library.start();
    // Importing the same file again keeps the user's word.
    b.library.importPaths([music.audio[0]]);
    await b.library.whenIdle();
    expect(b.library.userTracks()[0]).toMatchObject({ musicMood: 'melancholic', moodSource: 'correction' });
    expect(b.library.tracks().find((t) => t.id === demo.tracks[0].id)).toMatchObject({
      valence: -0.9,
      arousal: 0.9,
      moodSource: 'correction',
    });
    expect(b.library.setMood({ id: track.id, reset: true }).moodSource).toBe('analysis');
    expect(() => b.library.setMood({ id: 'u-nope', musicMood: 'joyful' })).toThrow(/not in the library/);
  });

  it('a damaged library file is kept aside and the library rebuilt from the watched folders', async () => {
    const music = makeMusicFolder();
    const dir = tmp('lib');
    writeFileSync(join(dir, 'library.json'), '{"library": {"tracks": [ {"id": "u-1", ');
    const { library, notice } = openLibrary(dir, { settings: { watchedFolders: [music.root] } });
    expect(notice?.code).toBe('library-corrupt');
    const backup = readdirSync(dir).find((f) => f.startsWith('library.corrupt-'))!;
    expect(readFileSync(join(dir, backup), 'utf8')).toContain('"u-1"');
    await library.start();
    await library.whenIdle();
    expect(library.userTracks()).toHaveLength(music.audio.length + 1);
    await library.close();
    expect(JSON.parse(readFileSync(join(dir, 'library.json'), 'utf8')).library.tracks).toHaveLength(music.audio.length + 1);
  });

  it('watched folders: files added, changed and deleted while running are picked up', async () => {
    const music = makeMusicFolder();
    const { library, events } = openLibrary(tmp('lib'), { watch: true });
    await library.start();
    library.importPaths([music.root], { watch: true });
    await library.whenIdle();
    const before = library.userTracks().length;
    const added = join(music.root, 'Album One', '02 - Test Band - New One.wav');
    copyFileSync(music.audio[0], added);
    await until(() => library.userTracks().some((t) => t.title === 'New One'));
    await library.whenIdle();
    expect(library.userTracks()).toHaveLength(before + 1);
    rmSync(added);
    await until(() => !library.userTracks().some((t) => t.title === 'New One'));
    expect(events.some((e) => e.name === 'library' && (e.payload as Events['library']).removed.length === 1)).toBe(true);
  });

  it('removing a track keeps it out, even from a watched folder rescan; demo tracks stay', async () => {
    const music = makeMusicFolder();
    const dir = tmp('lib');
    const a = openLibrary(dir, { settings: { watchedFolders: [music.root] } });
    await a.library.start();
    await a.library.whenIdle();
    const victim = a.library.userTracks()[0];
    a.library.remove(victim.id);
    expect(() => a.library.remove(demo.tracks[0].id)).toThrow(/cannot be removed/);
    await a.library.close();
    const b = openLibrary(dir, { settings: { watchedFolders: [music.root] } });
    await b.library.start();
    await b.library.whenIdle();
    expect(b.library.userTracks().some((t) => t.id === victim.id)).toBe(false);
    expect(existsSync(music.audio[0])).toBe(true);
  });

  it('search, filter and sort the whole library', async () => {
    const music = makeMusicFolder();
    const { library } = openLibrary(tmp('lib'));
    library.importPaths([music.root]);
    await library.whenIdle();
    expect(library.query({ search: 'tag artist' }).tracks.map((t) => t.title)).toEqual(['Tagged Tune']);
    expect(library.query({ origin: 'demo' }).total).toBe(demo.tracks.length);
    const byTitle = library.query({ origin: 'user', sort: 'title' }).tracks.map((t) => t.title);
    expect(byTitle).toEqual([...byTitle].sort((x, y) => x.localeCompare(y, undefined, { sensitivity: 'base', numeric: true })));
    const melancholic = library.query({ musicMood: 'melancholic' });
    expect(melancholic.total).toBeGreaterThan(0);
    expect(melancholic.tracks.every((t) => t.musicMood === 'melancholic')).toBe(true);
    // Sorted by music mood: joyful first, round the plane to tender.
    const byMood = library.query({ sort: 'mood' }).tracks.map((t) => MUSIC_MOODS.indexOf(t.musicMood));
    expect(byMood).toEqual([...byMood].sort((x, y) => x - y));
    // A face emotion is no filter for tracks: an older client is told to send a music mood.
    expect(() => library.query(validateParams('listLibrary', { mood: 'happy' }))).toThrow(/send musicMood/);
    expect(library.query({ limit: 2, offset: 1 }).tracks).toHaveLength(2);
  });

  it('a cached analysis from an older mood model is redone in the background; current ones are kept', async () => {
    const music = makeMusicFolder();
    const dir = tmp('lib');
    const a = openLibrary(dir);
    a.library.importPaths([music.audio[0], music.audio[1]]);
    await a.library.whenIdle();
    const placed = Object.fromEntries(a.library.userTracks().map((t) => [t.fileName, t.valence]));
    await a.library.close();

    // The first track as an older model left it: another place on the plane.
    const file = join(dir, 'library.json');
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    const stale = saved.library.tracks[0];
    stale.analysis = { ...stale.analysis, modelVersion: MOOD_MODEL.version - 1, valence: 0.99 };
    writeFileSync(file, JSON.stringify(saved));

    const b = openLibrary(dir);
    await b.library.start();
    const s = await b.library.whenIdle();
    expect(s.analysed).toBe(1);
    const tracks = b.library.userTracks();
    expect(Object.fromEntries(tracks.map((t) => [t.fileName, t.valence]))).toEqual(placed);
    await b.library.close();
    const after = JSON.parse(readFileSync(file, 'utf8')).library.tracks;
    expect(after.map((t: { analysis: { modelVersion: number } }) => t.analysis.modelVersion)).toEqual([
      MOOD_MODEL.version,
      MOOD_MODEL.version,
    ]);
  });

  it('an import that fails for a reason of its own says so, blames no file, and the library carries on', async () => {
    const music = makeMusicFolder();
    const { library, events } = openLibrary(tmp('lib'), {
      saveSettings: () => {
        throw new Error('the settings file cannot be written (ENOSPC)');
      },
    });
    library.importPaths([music.root], { watch: true });
    const s = await library.whenIdle();
    expect(s.phase).toBe('idle');
    expect(s.problems).toEqual([]);
    const error = events.find((e) => e.name === 'error')?.payload as AppError;
    expect(error.message).toBe(`Adding ${music.root} stopped before it finished: the settings file cannot be written (ENOSPC)`);
    expect(error.hint).toMatch(/Try again/);

    library.importPaths([music.audio[0]]);
    const next = await library.whenIdle();
    expect(next).toMatchObject({ added: 1, problems: [] });
    expect(library.userTracks()).toHaveLength(1);
  });
});

async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting for the library');
    await new Promise((r) => setTimeout(r, 100));
  }
}
