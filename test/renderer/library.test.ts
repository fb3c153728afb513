import { describe, expect, it } from 'vitest';
import type { AppError, LibraryQuery, Track } from '../../src/shared/contract';
import { LibraryModel, PAGE_LIMIT, fileNameOf, progressOf, summaryLine } from '../../src/renderer/library/library.svelte';
import { FakeApi, idleImport, settle, track } from './helpers/fake-api';

const idle = idleImport();

function setup(tracks: Track[] = [track(), track({ origin: 'user' })]) {
  const api = new FakeApi().handle('getImportStatus', () => idle).handle('listLibrary', () => ({ tracks, total: tracks.length }));
  const errors: AppError[] = [];
  return { api, errors, model: new LibraryModel(api, (e) => errors.push(e)) };
}

describe('library view', () => {
  it('opens on the newest tracks first, one page at most', async () => {
    const { api, model } = setup();
    await model.start();
    expect(api.paramsOf('listLibrary')).toEqual([{ sort: 'added', order: 'desc', limit: PAGE_LIMIT }]);
    expect(model).toMatchObject({ loaded: true, total: 2 });
    expect(model.tracks).toHaveLength(2);
  });

  it('sorting: a new column starts newest or A to Z, the same column again turns the order round', async () => {
    const { api, model } = setup();
    model.setSort('title');
    model.setSort('title');
    model.setSort('added');
    await settle();
    const asked = api.paramsOf('listLibrary').map((q) => `${q?.sort} ${q?.order}`);
    expect(asked).toEqual(['title asc', 'title desc', 'added desc']);
  });

  it('search and filters go into the query; a slower, older answer does not overwrite a newer one', async () => {
    const { api, model } = setup();
    const old = [track({ title: 'Old' })];
    const fresh = [track({ title: 'Fresh' })];
    let releaseOld!: () => void;
    api.handle('listLibrary', (q: LibraryQuery | null) =>
      q?.search === 'fresh'
        ? { tracks: fresh, total: 1 }
        : new Promise((resolve) => (releaseOld = () => resolve({ tracks: old, total: 1 }))),
    );
    const first = model.refresh();
    model.search = '  fresh ';
    model.mood = 'joyful';
    model.origin = 'user';
    await model.refresh();
    releaseOld();
    await first;
    expect(model.tracks).toEqual(fresh);
    expect(api.paramsOf('listLibrary')[1]).toEqual({
      search: 'fresh',
      sort: 'added',
      order: 'desc',
      musicMood: 'joyful',
      origin: 'user',
      limit: PAGE_LIMIT,
    });
  });

  it('an import this page watched ends in a summary; a run it never saw under way does not', async () => {
    const { api, model } = setup();
    await model.start();
    api.emit('import-progress', { ...idle, phase: 'reading', found: 4, read: 1, startedAt: 1 });
    expect(model.running).toBe(true);
    expect(progressOf(model.status!)).toBe(0.25);
    api.emit('import-progress', { ...idle, added: 3, unchanged: 1, problemCount: 1, startedAt: 1, finishedAt: 2 });
    expect(model.running).toBe(false);
    expect(summaryLine(model.summary!)).toBe('3 added, 1 unchanged, 1 could not be read');
    model.dismissSummary();
    api.emit('import-progress', { ...idle, added: 9, startedAt: 5, finishedAt: 6 });
    expect(model.summary).toBeNull();
  });

  it('Cancel stops a running import: its summary says so and keeps what was added', async () => {
    const { api, model } = setup();
    await model.start();
    api.emit('import-progress', { ...idle, phase: 'analysing', found: 10, read: 10, added: 4, startedAt: 1 });
    api.handle('cancelImport', () => ({ ...idle, added: 4, cancelled: true, startedAt: 1, finishedAt: 2 }));
    await model.cancelImport();
    expect(api.paramsOf('cancelImport')).toEqual([null]);
    expect(model.running).toBe(false);
    expect(summaryLine(model.summary!)).toBe('Cancelled: 4 added, 0 unchanged');
  });

  it('a late "started" event does not turn a finished run back into a running one', async () => {
    const { api, model } = setup();
    await model.start();
    api.emit('import-progress', { ...idle, phase: 'scanning', startedAt: 1 });
    api.emit('import-progress', { ...idle, added: 1, startedAt: 1, finishedAt: 2 });
    api.emit('import-progress', { ...idle, phase: 'scanning', startedAt: 1 });
    expect(model.running).toBe(false);
  });

  it('a mood correction updates its row; a removed track leaves the list; failures are shown', async () => {
    const list = [track({ id: 'u-1', origin: 'user' }), track({ id: 'u-2', origin: 'user' })];
    const { api, model, errors } = setup(list);
    await model.start();
    api.handle('setTrackMood', () => ({ ...list[0], musicMood: 'melancholic', moodSource: 'correction' }));
    api.handle('removeTrack', () => null);
    expect(await model.setMood({ id: 'u-1', musicMood: 'melancholic' })).toMatchObject({ musicMood: 'melancholic' });
    expect(model.tracks[0]).toMatchObject({ id: 'u-1', musicMood: 'melancholic', moodSource: 'correction' });
    await model.remove('u-2');
    expect(model.tracks.map((t) => t.id)).toEqual(['u-1']);
    expect(model.total).toBe(1);

    api.fail('removeTrack', { code: 'track-missing', message: 'The track "u-1" is not in the library.', hint: 'Pick another track.' });
    await model.remove('u-1');
    expect(model.tracks).toHaveLength(1);
    expect(errors.map((e) => e.code)).toEqual(['track-missing']);
  });

  it('names a problem file by its name only, whatever the separator', () => {
    expect(fileNameOf('/home/me/Music/a.mp3')).toBe('a.mp3');
    expect(fileNameOf('C:\\Music\\b.flac')).toBe('b.flac');
  });
});
