import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { readTags } from '../../src/main/library/tags.js';
import { userTrack } from '../../src/main/library/track-view.js';
import type { LibraryEntry } from '../../src/main/library/library-store.js';
import { tmp } from './helpers/fixtures.js';

function tone(file: string, tags: Record<string, string>) {
  const meta = Object.entries(tags).flatMap(([k, v]) => ['-metadata', `${k}=${v}`]);
  execFileSync('ffmpeg', ['-v', 'error', '-nostdin', '-y', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=1', ...meta, file]);
}

const entry = (e: Partial<LibraryEntry>): LibraryEntry => ({
  id: 'u-1',
  path: '/m/x.flac',
  size: 1,
  mtimeMs: 1,
  title: 'x',
  artist: 'y',
  album: 'z',
  durationSec: 1,
  addedAt: 1,
  analysis: null,
  analysisError: null,
  correction: null,
  folderImage: null,
  replayGain: null,
  ...e,
});

describe('ReplayGain tags', () => {
  it('are read from the file and win over the analysis, limited so the peak stays under -1 dBFS', async () => {
    const dir = tmp('rg');
    const file = join(dir, 'tagged.flac');
    tone(file, {
      REPLAYGAIN_TRACK_GAIN: '-6.50 dB',
      REPLAYGAIN_TRACK_PEAK: '0.500000',
      REPLAYGAIN_ALBUM_GAIN: '+9.00 dB',
      REPLAYGAIN_ALBUM_PEAK: '0.900000',
    });
    const tags = await readTags(file);
    if (!tags.ok) throw new Error(tags.message);
    expect(tags.replayGain).toMatchObject({ trackGainDb: -6.5, albumGainDb: 9 });
    const analysed = { gainDb: 3 } as LibraryEntry['analysis'];
    const t = userTrack(entry({ replayGain: tags.replayGain, analysis: analysed }));
    expect(t.gainDb).toBeCloseTo(-6.5, 5);
    // +9 dB on a 0.9 peak would clip: held at -1 dBFS.
    expect(t.albumGainDb).toBeCloseTo(-1 - 20 * Math.log10(0.9), 5);
  });

  it('without tags, the analysis gain is used; before any analysis there is none', async () => {
    const dir = tmp('rg');
    const file = join(dir, 'plain.flac');
    tone(file, {});
    const tags = await readTags(file);
    if (!tags.ok) throw new Error(tags.message);
    expect(tags.replayGain).toBeNull();
    expect(userTrack(entry({ analysis: { gainDb: 2.5 } as LibraryEntry['analysis'] })).gainDb).toBe(2.5);
    expect(userTrack(entry({})).gainDb).toBeNull();
  });
});
