/**
 * M3U imports from a page: a long playlist does not hold up other clients (the file checks are
 * asynchronous, the loops yield), one that is too long is refused at once with a clear error, and
 * the reasons never tell whether a file outside the user's folders exists. Size caps on the
 * stored lists answer with a clear error too.
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { MAX_PLAYLISTS } from '../../src/main/playlists/playlists.js';
import { MAX_PREFERENCES } from '../../src/main/listener/preferences.js';
import type { AppError, Envelope, PlaylistImportResult } from '../../src/shared/contract.js';
import { root, startServed, type Served } from './helpers.js';

let served: Served | null = null;
afterEach(async () => {
  await served?.close();
  served = null;
});

async function withHome(prepare?: (dataDir: string) => void) {
  const home = mkdtempSync(join(tmpdir(), 'moodtape-home-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'moodtape-data-'));
  prepare?.(dataDir);
  served = await startServed({}, { importRoots: [home], dataDir });
  return { home, served };
}

/** A WebSocket client of its own, as a second browser tab would be. */
async function client(s: Served) {
  const ws = new WebSocket(`ws://127.0.0.1:${s.server.port}/ws?token=${s.server.token}`, { origin: `http://127.0.0.1:${s.server.port}` });
  await new Promise((r, j) => ws.once('open', r).once('error', j));
  let next = 1;
  const waiting = new Map<number, (e: Envelope<unknown>) => void>();
  ws.on('message', (d) => {
    const m = JSON.parse(String(d)) as { id?: number; envelope?: Envelope<unknown> };
    if (m.id !== undefined) waiting.get(m.id)?.(m.envelope!);
  });
  return {
    call: (method: string, params: unknown) =>
      new Promise<Envelope<unknown>>((resolve) => {
        const id = next++;
        waiting.set(id, resolve);
        ws.send(JSON.stringify({ id, method, params }));
      }),
    close: () => ws.close(),
  };
}

const refusal = (r: Envelope<unknown>) => {
  expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  return (r as { error: AppError }).error.message;
};

describe('M3U import', () => {
  it('a long import: another client is answered while it runs', async () => {
    const { home, served: s } = await withHome();
    const lines = ['#EXTM3U'];
    for (let i = 0; i < 10_000; i++) lines.push(`#EXTINF:100,Artist - Song ${i}`, join(home, 'Music', `song-${i}.mp3`));
    const a = await client(s);
    const b = await client(s);
    try {
      let importDone = false;
      const importing = a.call('importPlaylist', { text: lines.join('\n'), name: 'Big' }).then((r) => {
        importDone = true;
        return r;
      });
      // Give the import's message time to arrive first, then ask from the other tab.
      await new Promise((r) => setTimeout(r, 20));
      expect(await b.call('getAbout', null)).toMatchObject({ ok: true });
      expect(importDone).toBe(false);
      const r = (await importing) as { value: PlaylistImportResult };
      expect(r.value.missing).toHaveLength(10_000);
      expect(r.value.missing[0]!.reason).toBe('no such file');
    } finally {
      a.close();
      b.close();
    }
  });

  it('a 100,000-line playlist is refused at once with a clear error', async () => {
    const { served: s } = await withHome();
    const lines = ['#EXTM3U'];
    for (let i = 0; i < 50_000; i++) lines.push(`#EXTINF:100,Artist - Song ${i}`, `/music/song-${i}.mp3`);
    expect(refusal(await s.app.call('importPlaylist', { text: lines.join('\n'), name: 'Huge' }))).toMatch(
      /50,000 entries; a Moodtape playlist holds at most 10,000 tracks/,
    );
  });

  it('entries outside the user folders all get one reason, whether the file exists or not', async () => {
    const { home, served: s } = await withHome();
    mkdirSync(join(home, 'Music'));
    writeFileSync(join(home, 'Music', 'notes.mp3'), 'not audio');
    const outsideDir = mkdtempSync(join(tmpdir(), 'moodtape-outside-'));
    copyFileSync(join(root, 'assets', 'music', 'catalogue.json'), join(outsideDir, 'real.mp3'));
    const text = [
      '/etc/shadow',
      '/etc/no-such-file',
      join(outsideDir, 'real.mp3'),
      join(outsideDir, 'none.mp3'),
      join(home, 'Music', 'gone.mp3'),
    ].join('\n');
    const r = (await s.app.call('importPlaylist', { text, name: 'Probe' })) as { value: PlaylistImportResult };
    const reasons = r.value.missing.map((m) => m.reason);
    expect(reasons.slice(0, 4)).toEqual(Array(4).fill('outside your home folder and the folders you added'));
    expect(reasons[4]).toBe('no such file');
  });
});

describe('size caps on the stored lists', () => {
  it(`playlists: at most ${MAX_PLAYLISTS}, and at most 8 MB in all`, async () => {
    const many = Array.from({ length: MAX_PLAYLISTS }, (_, i) => ({
      id: `p-${i}`,
      name: `List ${i}`,
      trackIds: [],
      createdAt: 1,
      updatedAt: 1,
    }));
    const { served: s } = await withHome((d) => writeFileSync(join(d, 'playlists.json'), JSON.stringify({ playlists: many })));
    expect(refusal(await s.app.call('savePlaylist', { name: 'One more', trackIds: [] }))).toMatch(/1000 saved playlists, the most/);
    expect(refusal(await s.app.call('importPlaylist', { text: '/x.mp3', name: 'One more' }))).toMatch(/1000 saved playlists/);
    await served!.close();

    const big = Array.from({ length: 30 }, (_, i) => ({
      id: `p-${i}`,
      name: `List ${i}`,
      trackIds: Array.from({ length: 9_900 }, (_, j) => `u-${String(j).padStart(24, '0')}`),
      createdAt: 1,
      updatedAt: 1,
    }));
    served = null;
    const { served: s2 } = await withHome((d) => writeFileSync(join(d, 'playlists.json'), JSON.stringify({ playlists: big.slice(0, 27) })));
    const ids = big[29]!.trackIds;
    expect(refusal(await s2.app.call('savePlaylist', { name: 'Too much', trackIds: ids }))).toMatch(/more than 8 MB.*not made/);
    const names = (await s2.app.call('listPlaylists', null)) as { value: unknown[] };
    expect(names.value).toHaveLength(27);
  });

  it(`preferences: at most ${MAX_PREFERENCES} scores; the longest unused is forgotten for a new one`, async () => {
    const prefs: Record<string, unknown> = {};
    for (let i = 0; i < MAX_PREFERENCES; i++) prefs[`happy\u0000t-${i}`] = { up: 1, down: 0, skips: 0, updatedAt: 1000 + i };
    const { served: s } = await withHome((d) => writeFileSync(join(d, 'preferences.json'), JSON.stringify({ preferences: prefs })));
    expect(await s.app.call('recordListen', { trackId: 'brand-new', emotion: 'sad', event: 'like' })).toMatchObject({ ok: true });
    const list = (await s.app.call('getPreferences', null)) as { value: Array<{ trackId: string }> };
    expect(list.value).toHaveLength(MAX_PREFERENCES);
    expect(list.value.some((p) => p.trackId === 'brand-new')).toBe(true);
    expect(list.value.some((p) => p.trackId === 't-0')).toBe(false);
  });
});
