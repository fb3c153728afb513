/**
 * A real full disk: the data folder on a small tmpfs filled to the last byte. Every store of lists
 * (playlists, history, the session, preferences, the mood timeline) writes before it answers; on
 * ENOSPC the request answers "the disk is full", the change holds in this run, and the write is
 * retried, so once space is back it is on disk and survives a restart. Needs root (mount); skipped
 * with the reason otherwise.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Moodtape } from '../../src/main/app/types.js';
import type { AppError, Envelope, SavedPlaylist } from '../../src/shared/contract.js';
import { smallDisk, testApp, until, type SmallDisk } from './helpers.js';

const disk = smallDisk(1024);
const skip = 'reason' in disk ? disk.reason : null;
if (skip) console.warn(`full-disk faults skipped: ${skip}`);

afterAll(() => {
  if (!('reason' in disk)) disk.unmount();
});

async function open(dataDir: string) {
  const errors: AppError[] = [];
  const app = await testApp(dataDir);
  app.subscribe((name, payload) => name === 'error' && errors.push(payload as AppError));
  return { app, errors };
}

const value = <T>(r: Envelope<unknown>) => (r as { value: T }).value;
const onDisk = (dir: string, name: string) => {
  try {
    return readFileSync(join(dir, `${name}.json`), 'utf8');
  } catch {
    return '';
  }
};

describe.skipIf(skip !== null)('the data folder on a full disk', () => {
  it('every list store answers "the disk is full", keeps the change, and saves it once space is back', async () => {
    const d = disk as SmallDisk;
    const dir = join(d.dir, 'data');
    let { app, errors } = await open(dir);
    let apps: Moodtape[] = [app];
    try {
      const first = value<SavedPlaylist>(await app.call('savePlaylist', { name: 'Before', trackIds: ['offshore'] }));
      d.fill();

      const answers = {
        savePlaylist: await app.call('savePlaylist', { name: 'Road trip', trackIds: ['offshore', 'tranquil'] }),
        renamePlaylist: await app.call('renamePlaylist', { id: first.id, name: 'Renamed' }),
        importPlaylist: await app.call('importPlaylist', { text: '#EXTM3U\n/nowhere/a.mp3\n', name: 'Imported' }),
        recordPlay: await app.call('recordPlay', {
          trackId: 'offshore',
          title: 'Offshore',
          artist: 'A',
          startedAt: 1000,
          playedSec: 30,
          skipped: false,
          mood: 'happy',
          source: 'test',
        }),
        saveSession: await app.call('saveSession', { trackIds: ['offshore', 'tranquil'], index: 1, positionSec: 12, mood: 'sad' }),
        recordListen: await app.call('recordListen', { trackId: 'offshore', emotion: 'happy', event: 'like' }),
      };
      for (const [method, r] of Object.entries(answers)) {
        expect(r, method).toMatchObject({ ok: false, error: { code: 'save-failed' } });
        expect((r as { error: AppError }).error.message, method).toMatch(/disk is full.*ENOSPC/);
        expect((r as { error: AppError }).error.message, method).not.toContain(d.dir);
      }
      // The mood timeline saves in the background: its failure comes as one error event.
      const mood = await app.call('setManualMood', 'sad');
      expect(mood, JSON.stringify(mood)).toMatchObject({ ok: true });
      await until(() => errors.some((e) => e.code === 'save-failed' && /mood timeline/.test(e.message)), 'the timeline to report');

      // Held for this run.
      const names = value<SavedPlaylist[]>(await app.call('listPlaylists', null)).map((p) => p.name);
      expect(names).toEqual(expect.arrayContaining(['Renamed', 'Road trip', 'Imported']));
      expect(value<unknown[]>(await app.call('listHistory', null))).toHaveLength(1);

      d.free();
      await until(
        () =>
          onDisk(dir, 'playlists').includes('Road trip') &&
          onDisk(dir, 'playlists').includes('Renamed') &&
          onDisk(dir, 'playlists').includes('Imported') &&
          onDisk(dir, 'history').includes('Offshore') &&
          onDisk(dir, 'session').includes('tranquil') &&
          onDisk(dir, 'preferences').includes('offshore') &&
          onDisk(dir, 'mood-history').includes('sad'),
        'the retries to save every store',
        30_000,
      );

      await app.dispose();
      apps = [];
      ({ app, errors } = await open(dir));
      apps = [app];
      const after = value<SavedPlaylist[]>(await app.call('listPlaylists', null)).map((p) => p.name);
      expect(after.sort()).toEqual(['Imported', 'Renamed', 'Road trip']);
      expect(value<{ session: { index: number } }>(await app.call('getSession', null)).session.index).toBe(1);
      expect(value<unknown[]>(await app.call('listHistory', null))).toHaveLength(1);
      expect(value<Array<{ trackId: string; up: number }>>(await app.call('getPreferences', null))).toMatchObject([
        { trackId: 'offshore', up: 3 },
      ]);
      expect(value<Array<{ emotion: string }>>(await app.call('getMoodHistory', null)).map((e) => e.emotion)).toContain('sad');
      expect(errors).toEqual([]);
    } finally {
      d.free();
      for (const a of apps) await a.dispose();
    }
  });
});
