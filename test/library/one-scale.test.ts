/** One scale for all music: a demo track and the same file imported as the user's own sit on the same spot. */
import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Settings } from '../../src/shared/contract.js';
import { Catalogue } from '../../src/main/library/catalogue.js';
import { LibraryService } from '../../src/main/library/library.js';
import { DEFAULT_SETTINGS } from '../../src/shared/contract.js';
import { musicMoodOf } from '../../src/shared/mood-space.js';
import { tmp } from './helpers/fixtures.js';

const musicDir = join(process.cwd(), 'assets', 'music');
const demo = new Catalogue(musicDir);
let library: LibraryService | null = null;

afterEach(async () => {
  await library?.close();
  library = null;
});

describe('one scale for demo and user music', () => {
  it('places the same audio file on the same spot, with the same tempo and label, as a demo or a user track', async () => {
    const folder = tmp('same-audio');
    // Motorway: the example of a demo track that landed elsewhere when imported.
    const ids = ['motorway'];
    for (const id of ids) copyFileSync(join(musicDir, `${id}.opus`), join(folder, `my copy of ${id}.opus`));
    const settings: Settings = { ...DEFAULT_SETTINGS };
    library = LibraryService.open({
      dataDir: tmp('same-audio-data'),
      demo,
      settings: () => settings,
      updateSettings: () => {},
      emit: () => {},
      workers: 1,
      watch: false,
    }).library;
    await library.start();
    library.importPaths([folder]);
    await library.whenIdle();
    for (const id of ids) {
      const mine = library.userTracks().find((t) => t.fileName === `my copy of ${id}.opus`)!;
      const theirs = demo.tracks.find((t) => t.id === id)!;
      expect(mine.moodSource).toBe('analysis');
      expect({ valence: mine.valence, arousal: mine.arousal, tempo: mine.tempo, mode: mine.mode }).toEqual({
        valence: theirs.valence,
        arousal: theirs.arousal,
        tempo: theirs.tempo,
        mode: theirs.mode,
      });
      expect(musicMoodOf(mine)).toBe(musicMoodOf(theirs));
    }
    // Decoding and analysing a whole track on a busy machine: room, not a speed check.
  }, 180_000);
});
