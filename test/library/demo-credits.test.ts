/** The demo tracks' credits: the player shows names only; About shows a credit in full where it says more. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile } from 'music-metadata';
import { readAttribution } from '../../scripts/attribution.mjs';
import { Catalogue } from '../../src/main/library/catalogue.js';
import { readTags } from '../../src/main/library/tags.js';

const musicDir = join(import.meta.dirname, '../../assets/music');
const attribution = readAttribution(readFileSync(join(musicDir, 'ATTRIBUTION.md'), 'utf8'));
/** Words that say how someone took part: they belong in the credit, not among the names. */
const ROLE = /\b(by|commissioned|modified|arranged|remix(ed)?|feat\.?)\b/i;

describe('demo credits', () => {
  it("every track's artist field is names only; a fuller credit keeps each of those names", () => {
    expect(attribution.size).toBe(40);
    for (const [file, e] of attribution) {
      expect(e.artist, file).not.toMatch(ROLE);
      for (const name of e.artist.split(', ')) if (e.credit) expect(e.credit, file).toContain(name);
    }
  });

  it('Xeon: the player names where it comes from; the commission stays in its credit', () => {
    expect(attribution.get('xeon.opus')).toEqual({
      title: 'Xeon',
      artist: 'OpenGameArt',
      credit: 'commissioned by Bart Kelsey (OpenGameArt)',
      album: 'SuperTuxKart',
      licence: 'CC BY-SA 3.0',
    });
  });

  it('the catalogue gives About the full credit and the player the names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'moodtape-credits-'));
    const real = JSON.parse(readFileSync(join(musicDir, 'catalogue.json'), 'utf8')) as { tracks: Array<Record<string, unknown>> };
    const xeon = {
      ...real.tracks.find((t) => t.id === 'xeon'),
      artist: 'OpenGameArt',
      credit: 'commissioned by Bart Kelsey (OpenGameArt)',
    };
    const offshore = real.tracks.find((t) => t.id === 'offshore');
    writeFileSync(join(dir, 'catalogue.json'), JSON.stringify({ tracks: [offshore, xeon] }));
    const catalogue = new Catalogue(dir);
    expect(catalogue.tracks.map((t) => t.artist)).toEqual(['K-Pone', 'OpenGameArt']);
    expect(catalogue.attributions).toEqual([
      { title: 'Offshore', artist: 'K-Pone', licence: 'CC BY 3.0', source: 'OpenClonk' },
      {
        title: 'Xeon',
        artist: 'OpenGameArt',
        credit: 'commissioned by Bart Kelsey (OpenGameArt)',
        licence: 'CC BY-SA 3.0',
        source: 'SuperTuxKart',
      },
    ]);
  });

  it("each demo file's own tags say what the catalogue says: a file dragged into another player shows names only", async () => {
    const catalogue = JSON.parse(readFileSync(join(musicDir, 'catalogue.json'), 'utf8')) as {
      tracks: Array<{ file: string; title: string; artist: string; album: string; licence: string; credit?: string }>;
    };
    expect(catalogue.tracks).toHaveLength(40);
    for (const t of catalogue.tracks) {
      const path = join(musicDir, t.file);
      // The app's own tag reader, as an import of these files would read them.
      const tags = await readTags(path);
      expect(tags.ok && { title: tags.title, artist: tags.artist, album: tags.album }, t.file).toEqual({
        title: t.title,
        artist: t.artist,
        album: t.album,
      });
      // The licence, and a fuller credit where there is one, travel with the file too.
      const { common } = await parseFile(path, { skipCovers: true, duration: false });
      expect(common.copyright, t.file).toBe(t.licence);
      const comment = (common.comment ?? []).map((c) => (typeof c === 'string' ? c : c.text)).join(' ');
      expect(comment, t.file).toContain(t.licence);
      if (t.credit) expect(comment, t.file).toContain(t.credit);
    }
  });
});
