import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Mood } from '../../src/shared/contract.js';
import { MoodTimeline } from '../../src/main/listener/timeline.js';
import { timelineCsv } from '../../src/shared/mood-history-csv.js';

const mood = (emotion: Mood['emotion'], source: Mood['source'], at: number): Mood => ({
  emotion,
  source,
  at,
  confidence: 0.8,
  probabilities: null,
  autoplay: false,
  position: { valence: 0.5, arousal: 0.2 },
});

describe('mood timeline', () => {
  it('keeps snapshots and picks, live readings at most once a minute, with what played, across restarts', () => {
    const d = mkdtempSync(join(tmpdir(), 'moodtape-timeline-'));
    const t = MoodTimeline.open(d);
    t.record(mood('happy', 'snapshot', 1_000));
    t.played('offshore');
    t.played('offshore');
    t.played('motorway');
    expect(t.record(mood('sad', 'live', 2_000))).toBe(true);
    expect(t.record(mood('angry', 'live', 30_000))).toBe(false);
    expect(t.record(mood('angry', 'live', 62_000))).toBe(true);
    t.record(mood('neutral', 'manual', 63_000));

    const again = MoodTimeline.open(d).list();
    expect(again.map((e) => `${e.source}:${e.emotion}`)).toEqual(['snapshot:happy', 'live:sad', 'live:angry', 'manual:neutral']);
    expect(again[0].played).toEqual(['offshore', 'motorway']);
    expect(MoodTimeline.open(d).list(60_000)).toHaveLength(2);

    const csv = timelineCsv(again, (id) => (id === 'offshore' ? 'Offshore, live' : undefined));
    expect(csv.split('\n')[0]).toBe('time,emotion,source,confidence,valence,arousal,played');
    expect(csv.split('\n')[1]).toBe('1970-01-01T00:00:01.000Z,happy,snapshot,0.8,0.5,0.2,"Offshore, live; motorway"');

    MoodTimeline.open(d).clear();
    expect(MoodTimeline.open(d).list()).toEqual([]);
  });
});
