/** An M3U entry naming a good MP3 by its absolute path is imported into the library and the playlist. */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMoodtape } from '../../src/main/app/moodtape.js';
import type { Envelope, PlaylistImportResult } from '../../src/shared/contract.js';
import { mp3Tone } from '../helpers/audio.js';

const assetsDir = join(import.meta.dirname, '../../assets');
const home = mkdtempSync(join(tmpdir(), 'moodtape-m3u-abs-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('M3U with absolute paths', () => {
  it('imports a valid MP3 named by absolute path, also through a linked folder', async () => {
    const music = join(home, 'Music');
    mkdirSync(music);
    const mp3 = join(music, 'song.mp3');
    mp3Tone(mp3);
    symlinkSync(music, join(home, 'Linked'));
    const other = join(music, 'other.mp3');
    mp3Tone(other, { frequency: 330 });
    const dataDir = mkdtempSync(join(tmpdir(), 'moodtape-m3u-abs-data-'));
    const app = await createMoodtape({
      assetsDir,
      dataDir,
      version: 'test',
      cameraSource: '/nonexistent.mp4',
      libraryWorkers: 1,
      importRoots: [home],
    });
    try {
      const text = `#EXTM3U\n${mp3}\n${join(home, 'Linked', 'other.mp3')}\n`;
      const r = (await app.call('importPlaylist', { text, name: 'Absolute' })) as Envelope<PlaylistImportResult>;
      expect(r.ok ? r.value.missing : r.error).toEqual([]);
      expect(r.ok && r.value.matched).toBe(2);
    } finally {
      await app.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
