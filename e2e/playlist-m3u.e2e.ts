/**
 * A saved playlist leaves as an M3U8 file and comes back into another Moodtape: export it through
 * the Playlists tab (the download the page starts), then, on a fresh data folder, import that file
 * with one entry for a file that does not exist; the playlist loads with the tracks found and the
 * summary names the missing entry.
 */
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { VIDEO } from './helpers/paths.js';
import { openSession, type Session } from './helpers/session.js';
import { byTestId, playlistIds, text } from './helpers/ui.js';

// Inside the home folder, where serve mode looks for files (outside it, every entry gets one reason).
const MISSING = join(homedir(), 'nonexistent-moodtape-e2e', 'Gone Song.mp3');

describe('M3U8 playlists between two data folders', () => {
  let saved: { ids: string[]; fileName: string; m3u: string } | undefined;

  it('exports a saved queue as an M3U8 download listing its tracks', async () => {
    const s: Session = await openSession(VIDEO.missing);
    try {
      const { page } = s;
      await byTestId(page, 'manual-mood-happy').click();
      await expect.poll(() => byTestId(page, 'playlist-item').count(), { timeout: 30_000 }).toBeGreaterThan(2);
      const ids = await playlistIds(page);
      await byTestId(page, 'save-playlist').click();
      await byTestId(page, 'save-playlist-name').fill('Road trip');
      await byTestId(page, 'save-playlist-confirm').click();
      await expect.poll(() => text(page, 'saved-playlist-name')).toBe('Road trip');

      const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'export-playlist').first().click()]);
      const path = await download.path();
      const m3u = await readFile(path, 'utf8');
      expect(download.suggestedFilename()).toBe('Road trip.m3u8');
      const lines = m3u.split('\n').filter((l) => l.trim());
      expect(lines[0]).toBe('#EXTM3U');
      expect(lines.filter((l) => l.startsWith('#EXTINF:')).length).toBe(ids.length);
      saved = { ids, fileName: download.suggestedFilename(), m3u };
      await s.expectNoProblems();
    } finally {
      await s.close();
    }
  });

  it('imports it on a fresh data folder: the tracks found load, the missing entry is named', async () => {
    if (!saved) throw new Error('the export test did not produce a playlist file');
    const s: Session = await openSession(VIDEO.missing);
    try {
      const { page } = s;
      await byTestId(page, 'tab-playlists').click();
      expect(await byTestId(page, 'saved-playlist').count()).toBe(0);

      const m3u = `${saved.m3u}#EXTINF:200,Nobody - Gone Song\n${MISSING}\n`;
      await byTestId(page, 'import-playlist-input').setInputFiles({
        name: saved.fileName,
        mimeType: 'audio/x-mpegurl',
        buffer: Buffer.from(m3u, 'utf8'),
      });
      const summary = byTestId(page, 'playlist-import-summary');
      await summary.waitFor({ timeout: 30_000 });
      const n = saved.ids.length;
      expect(await text(page, 'playlist-import-summary')).toContain(`Imported “Road trip”: ${n} of ${n + 1} entries found`);
      expect(await byTestId(page, 'playlist-import-missing').allTextContents()).toEqual([`${MISSING} (no such file)`]);

      await expect.poll(() => text(page, 'saved-playlist-name')).toBe('Road trip');
      expect(await text(page, 'saved-playlist')).toContain(`${n} tracks`);
      expect(await byTestId(page, 'playlist-item').count()).toBe(0);
      await byTestId(page, 'load-playlist').first().click();
      await expect.poll(() => playlistIds(page), { timeout: 30_000 }).toEqual(saved.ids);
      await s.expectNoProblems();
    } finally {
      await s.close();
    }
  });
});
