/**
 * One damaged entry in a store file (edited by hand, written by an older or newer Moodtape): it is
 * set aside in `<name>.rejected.json` beside a copy of the file, named in a notice, and the next
 * save does not lose it. The rest of the store loads.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Moodtape } from '../../src/main/app/types.js';
import type { AppError, Envelope, PlayerSession, SavedPlaylist, Track } from '../../src/shared/contract.js';
import { tmp } from '../library/helpers/fixtures.js';
import { testApp } from './helpers.js';

const apps: Moodtape[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.dispose();
});

async function open(dataDir: string) {
  const app = await testApp(dataDir);
  apps.push(app);
  return app;
}

const value = <T>(r: Envelope<unknown>) => (r as { value: T }).value;
const rejectedOf = (dir: string, name: string) =>
  (
    JSON.parse(readFileSync(join(dir, `${name}.rejected.json`), 'utf8')) as Array<{ entries: Array<{ reason: string; value: unknown }> }>
  ).flatMap((b) => b.entries);

const goodPlay = {
  trackId: 'offshore',
  title: 'Offshore',
  artist: 'A',
  startedAt: 1,
  playedSec: 3,
  skipped: false,
  mood: null,
  source: 'x',
};
const badPlay = { ...goodPlay, title: 'Bad Play', skipped: 'no' };
const goodList = { id: 'p-1', name: 'Good', trackIds: ['offshore'], createdAt: 1, updatedAt: 1 };
const badList = { id: 'p-2', name: 'Road trip', trackIds: ['offshore'], createdAt: 'yesterday', updatedAt: 1 };

describe('damaged entries in the list stores', () => {
  it('playlists, history, preferences and the mood timeline: set aside, named, and kept through the next save', async () => {
    const dir = tmp('entries');
    writeFileSync(join(dir, 'playlists.json'), JSON.stringify({ playlists: [goodList, badList] }));
    writeFileSync(join(dir, 'history.json'), JSON.stringify({ history: [goodPlay, badPlay] }));
    writeFileSync(
      join(dir, 'preferences.json'),
      JSON.stringify({
        preferences: { 'happy\u0000offshore': { up: 1, down: 0, skips: 0, updatedAt: 1 }, 'sad\u0000tranquil': { up: 'lots' } },
      }),
    );
    writeFileSync(
      join(dir, 'mood-history.json'),
      JSON.stringify({
        'mood-history': [
          { at: 1, emotion: 'happy', source: 'manual', confidence: 1, valence: 0.5, arousal: 0.5, played: [] },
          { at: 2, emotion: 'elated', source: 'manual', confidence: 1, valence: 0.5, arousal: 0.5, played: [] },
        ],
      }),
    );
    const app = await open(dir);
    const notices = value<{ notices: AppError[] }>(await app.call('getState', null)).notices;
    const about = (re: RegExp) => notices.find((n) => re.test(n.message));

    expect(about(/saved playlists could not be read/)).toMatchObject({ code: 'playlists-corrupt' });
    expect(about(/saved playlists/)!.message).toMatch(/"Road trip" \(its creation date is not a number\)/);
    expect(about(/saved playlists/)!.message).toContain(join(dir, 'playlists.rejected.json'));
    expect(about(/listening history could not be read/)).toMatchObject({ code: 'playlists-corrupt' });
    expect(about(/listening history/)!.message).toMatch(/"Bad Play" \(skipped must be true or false\)/);
    expect(about(/listening preferences could not be read/)).toMatchObject({ code: 'settings-corrupt' });
    expect(about(/listening preferences/)!.message).toMatch(/tranquil/);
    expect(about(/mood timeline could not be read/)).toMatchObject({ code: 'settings-corrupt' });
    expect(about(/mood timeline/)!.message).toMatch(/its mood is unknown/);

    // The rest loaded.
    expect(value<SavedPlaylist[]>(await app.call('listPlaylists', null)).map((p) => p.name)).toEqual(['Good']);
    expect(value<unknown[]>(await app.call('listHistory', null))).toHaveLength(1);

    // Saves rewrite the files without them, but they stay on disk, aside.
    expect(await app.call('savePlaylist', { name: 'New', trackIds: ['offshore'] })).toMatchObject({ ok: true });
    expect(await app.call('recordPlay', goodPlay)).toMatchObject({ ok: true });
    expect(await app.call('recordListen', { trackId: 'offshore', emotion: 'happy', event: 'like' })).toMatchObject({ ok: true });
    expect(await app.call('setManualMood', 'sad')).toMatchObject({ ok: true });
    expect(rejectedOf(dir, 'playlists').map((e) => e.value)).toEqual([badList]);
    expect(rejectedOf(dir, 'history').map((e) => e.value)).toEqual([badPlay]);
    expect(JSON.stringify(rejectedOf(dir, 'preferences'))).toContain('lots');
    expect(JSON.stringify(rejectedOf(dir, 'mood-history'))).toContain('elated');
    const backups = readdirSync(dir).filter((f) => f.includes('.backup-'));
    expect(backups.map((f) => f.split('.backup-')[0]).sort()).toEqual(['history', 'mood-history', 'playlists', 'preferences']);
    expect(
      readFileSync(
        join(
          dir,
          backups.find((f) => f.startsWith('playlists'))!,
        ),
        'utf8',
      ),
    ).toContain('yesterday');
  });

  it('a damaged session is set aside whole and named; the player starts with an empty queue', async () => {
    const dir = tmp('entries');
    const session = { trackIds: ['offshore'], index: 5, positionSec: 1, mood: null };
    writeFileSync(join(dir, 'session.json'), JSON.stringify({ session }));
    const app = await open(dir);
    const notices = value<{ notices: AppError[] }>(await app.call('getState', null)).notices;
    expect(notices.find((n) => /player session/.test(n.message))).toMatchObject({ code: 'playlists-corrupt' });
    expect(value<{ session: unknown }>(await app.call('getSession', null)).session).toBeNull();
    expect(rejectedOf(dir, 'session').map((e) => e.value)).toEqual([session]);
  });

  it('a damaged reason line is set aside alone: the queue comes back with the other lines', async () => {
    const dir = tmp('entries');
    const reasons = { offshore: 'calm: near your sad mood', 'the-skylands': 42, 'not-queued': 'tender: near your sad mood' };
    const session = { trackIds: ['offshore', 'the-skylands'], index: 1, positionSec: 3, mood: 'sad', reasons };
    writeFileSync(join(dir, 'session.json'), JSON.stringify({ session }));
    const app = await open(dir);
    const notices = value<{ notices: AppError[] }>(await app.call('getState', null)).notices;
    expect(notices.find((n) => /player session/.test(n.message))?.message).toMatch(/the reason line of the-skylands/);
    const restored = value<{ session: PlayerSession; tracks: Track[] }>(await app.call('getSession', null));
    expect(restored.tracks.map((t) => t.id)).toEqual(['offshore', 'the-skylands']);
    expect(restored.session).toEqual({ ...session, reasons: { offshore: 'calm: near your sad mood' } });
    expect(rejectedOf(dir, 'session').map((e) => e.value)).toEqual([{ 'the-skylands': 42 }]);
  });

  it('reason lines that are no map at all: the queue comes back without them', async () => {
    const dir = tmp('entries');
    const session = { trackIds: ['offshore'], index: 0, positionSec: 3, mood: null, reasons: ['calm'] };
    writeFileSync(join(dir, 'session.json'), JSON.stringify({ session }));
    const app = await open(dir);
    const restored = value<{ session: PlayerSession; tracks: Track[] }>(await app.call('getSession', null));
    expect(restored.tracks.map((t) => t.id)).toEqual(['offshore']);
    expect(restored.session).toEqual({ ...session, reasons: {} });
    expect(rejectedOf(dir, 'session').map((e) => e.value)).toEqual([['calm']]);
  });
});
