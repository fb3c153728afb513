/** One record per play: the history and mood fit's preferences both learn from the one recordPlay request. */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Envelope, HistoryEntry, TrackPreference } from '../../src/shared/contract.js';
import { createMoodtape } from '../../src/main/app/moodtape.js';
import type { Moodtape } from '../../src/main/app/types.js';

const assetsDir = join(import.meta.dirname, '../../assets');
const opened: { app: Moodtape; dir: string }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.app.dispose();
    rmSync(o.dir, { recursive: true, force: true });
  }
});

async function open() {
  const dir = mkdtempSync(join(tmpdir(), 'moodtape-play-record-'));
  const app = await createMoodtape({ assetsDir, dataDir: dir, version: 'test', cameraSource: '/nonexistent.mp4', libraryWorkers: 1 });
  opened.push({ app, dir });
  return async <T>(method: string, params: unknown): Promise<T> => {
    const r = (await app.call(method, params)) as Envelope<T>;
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
}

const play = (over: Partial<HistoryEntry>): HistoryEntry => ({
  trackId: 'offshore',
  title: 'Offshore',
  artist: 'Someone',
  startedAt: Date.now(),
  playedSec: 200,
  skipped: false,
  mood: 'neutral',
  source: 'mood: neutral',
  ...over,
});

describe('one record per play', () => {
  it('a song heard out goes into the history and counts for its mood, from one request', async () => {
    const call = await open();
    await call('recordPlay', play({ mood: 'neutral', playedSec: 200, skipped: false }));
    expect(await call<HistoryEntry[]>('listHistory', null)).toEqual([expect.objectContaining({ trackId: 'offshore', skipped: false })]);
    const prefs = await call<TrackPreference[]>('getPreferences', null);
    expect(prefs).toEqual([expect.objectContaining({ trackId: 'offshore', emotion: 'neutral', skips: 0 })]);
  });

  it('the same skip everywhere: skipped early counts against the track; skipped late is history only; no mood, no preference', async () => {
    const call = await open();
    await call('recordPlay', play({ mood: 'happy', playedSec: 8, skipped: true }));
    await call('recordPlay', play({ trackId: 'sunny', mood: 'happy', playedSec: 95, skipped: true }));
    await call('recordPlay', play({ trackId: 'dreams', mood: null, playedSec: 3, skipped: true }));
    expect(await call<HistoryEntry[]>('listHistory', null)).toHaveLength(3);
    const prefs = await call<TrackPreference[]>('getPreferences', null);
    expect(prefs).toEqual([expect.objectContaining({ trackId: 'offshore', emotion: 'happy', skips: 1 })]);
  });
});
