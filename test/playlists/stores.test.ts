import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HistoryEntry, Track } from '../../src/shared/contract.js';
import { HistoryService } from '../../src/main/playlists/history.js';
import { PlaylistService, type MusicIndex } from '../../src/main/playlists/playlists.js';
import { SessionService } from '../../src/main/playlists/session.js';

const dir = () => mkdtempSync(join(tmpdir(), 'moodtape-stores-'));
const track = (id: string): Track => ({
  id,
  title: id,
  artist: 'A',
  album: '',
  durationSec: 60,
  valence: 0,
  arousal: 0,
  musicMood: 'tender',
  origin: 'demo',
  licence: null,
});
const music = (ids: string[]): MusicIndex => ({
  tracks: () => ids.map(track),
  pathOf: (id) => (ids.includes(id) ? `/music/${id}.opus` : null),
  importFiles: async () => {},
  outsideFolders: () => () => false,
});

/** A history entry: 3 s of `id` from the library. */
const played = (id: string, skipped: boolean): HistoryEntry => ({
  trackId: id,
  title: id,
  artist: 'A',
  startedAt: 1,
  playedSec: 3,
  skipped,
  mood: null,
  source: 'library',
});

describe('player stores in the data folder', () => {
  it('keep playlists, history and the session across a restart', () => {
    const d = dir();
    const { playlists } = PlaylistService.open(d, music(['a', 'b', 'c']));
    const p = playlists.save('Road trip', ['a', 'b', 'a']);
    expect(p.trackIds).toEqual(['a', 'b']);
    playlists.rename(p.id, 'Night drive');
    HistoryService.open(d).history.record(played('a', true));
    const reasons = {
      b: 'calm, 70 BPM, minor: near your sad mood',
      a: 'melancholic: step 2 of 8, lifting toward calm and bright from your sad mood',
    };
    SessionService.open(d).session.save({ trackIds: ['b', 'a'], index: 1, positionSec: 42, mood: 'sad', reasons });

    const again = PlaylistService.open(d, music(['a', 'c']));
    expect(again.notice).toBeNull();
    expect(again.playlists.list().map((x) => x.name)).toEqual(['Night drive']);
    // A track gone from the library is counted, not silently dropped.
    expect(again.playlists.load(p.id)).toMatchObject({ tracks: [{ id: 'a' }], missing: 1 });
    expect(HistoryService.open(d).history.list()).toHaveLength(1);
    // The queue comes back with the line under each row that says why its track is there.
    expect(SessionService.open(d).session.get()).toEqual({ trackIds: ['b', 'a'], index: 1, positionSec: 42, mood: 'sad', reasons });
  });

  it('set a damaged file aside, start fresh and say so; the other stores are untouched', () => {
    const d = dir();
    HistoryService.open(d).history.record(played('a', false));
    writeFileSync(join(d, 'playlists.json'), '{"playlists": [ {"id": "p-1", "na');
    writeFileSync(join(d, 'session.json'), JSON.stringify({ session: { trackIds: 'not a list' } }));
    const { playlists, notice } = PlaylistService.open(d, music(['a']));
    expect(notice).toMatchObject({ code: 'playlists-corrupt', message: expect.stringMatching(/saved playlists file was damaged/) });
    expect(playlists.list()).toEqual([]);
    const backup = readdirSync(d).find((f) => f.startsWith('playlists.corrupt-'));
    expect(backup).toBeDefined();
    expect(readFileSync(join(d, backup!), 'utf8')).toContain('"p-1"');
    // Saving works again afterwards.
    playlists.save('New', ['a']);
    expect(PlaylistService.open(d, music(['a'])).playlists.list()).toHaveLength(1);

    const s = SessionService.open(d);
    expect(s.notice?.code).toBe('playlists-corrupt');
    expect(s.session.get()).toBeNull();
    expect(HistoryService.open(d).history.list()).toHaveLength(1);
    expect(existsSync(join(d, 'history.json'))).toBe(true);
  });

  it('sets history entries of the wrong shape aside, names them, and keeps the rest', () => {
    const d = dir();
    const good = { trackId: 'a', title: 'a', artist: 'A', startedAt: 1, playedSec: 3, skipped: false, mood: null, source: 'x' };
    writeFileSync(join(d, 'history.json'), JSON.stringify({ history: [good, { trackId: 5 }, null] }));
    const { history, notice } = HistoryService.open(d);
    expect(notice?.code).toBe('playlists-corrupt');
    expect(notice?.message).toMatch(
      /2 entries of your listening history could not be read: "entry 2" \(.+\); "entry 3" \(it is not an object\)/,
    );
    expect(history.list()).toEqual([good]);
    const kept = JSON.parse(readFileSync(join(d, 'history.rejected.json'), 'utf8')) as Array<{ entries: Array<{ value: unknown }> }>;
    expect(kept[0]!.entries.map((e) => e.value)).toEqual([{ trackId: 5 }, null]);
  });
});
