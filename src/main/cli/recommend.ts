/**
 * moodtape recommend --emotion E [--intent match|lift|calm|energise] [--length N] [--only-mine] [--widen] [--data-dir DIR] [--json]
 * moodtape mood-history [--json] [--csv] [--data-dir DIR]
 * The app's own recommender and timeline over the same data folder (library, learned preferences).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EMOTIONS, MOOD_INTENTS, type Emotion, type MoodIntent } from '../../shared/contract.js';
import { timelineCsv } from '../../shared/mood-history-csv.js';
import { musicMoodOf } from '../../shared/mood-space.js';
import { PreferenceStore } from '../listener/preferences.js';
import { MoodTimeline } from '../listener/timeline.js';
import { recommend } from '../recommendation/playlist.js';
import { openLibrary } from './library.js';
import { defaultDataDir } from './serve.js';

const RECOMMEND_USAGE =
  'Usage: moodtape recommend --emotion E [--intent match|lift|calm|energise] [--length N] [--only-mine] [--widen] [--data-dir DIR] [--json]';

export async function runRecommend(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      emotion: { type: 'string' },
      intent: { type: 'string', default: 'match' },
      length: { type: 'string' },
      'only-mine': { type: 'boolean', default: false },
      widen: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const emotion = values.emotion as Emotion;
  const intent = values.intent as MoodIntent;
  const length = values.length === undefined ? undefined : Number(values.length);
  if (!(EMOTIONS as readonly string[]).includes(emotion) || !(MOOD_INTENTS as readonly string[]).includes(intent)) {
    console.error(`${RECOMMEND_USAGE}\nE is one of ${EMOTIONS.join(', ')}.`);
    return 2;
  }
  if (length !== undefined && !(Number.isInteger(length) && length >= 1 && length <= 200)) {
    console.error(`--length must be a whole number from 1 to 200.\n${RECOMMEND_USAGE}`);
    return 2;
  }
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const library = openLibrary(dataDir, false, () => {});
  try {
    const prefs = PreferenceStore.open(dataDir);
    const list = recommend(library.recommendable(values['only-mine']), emotion, {
      intent,
      length,
      widen: values.widen,
      preferenceOf: prefs.forMood(emotion),
    });
    const tracks = list.entries.map((e) => ({
      id: e.track.id,
      title: e.track.title,
      artist: e.track.artist,
      valence: e.track.valence,
      arousal: e.track.arousal,
      label: musicMoodOf(e.track),
      distance: e.distance,
      reason: e.reason,
    }));
    if (values.json) {
      console.log(
        JSON.stringify({
          emotion,
          intent,
          target: list.target,
          path: list.path,
          fitRadius: list.fitRadius,
          widened: list.widened,
          tracks,
          note: list.note,
        }),
      );
    } else {
      console.log(`${intent} for ${emotion} (target valence ${list.target.valence}, arousal ${list.target.arousal}):`);
      tracks.forEach((t, i) => console.log(`${String(i + 1).padStart(2)}. ${t.artist} - ${t.title}: ${t.reason}`));
      if (list.note) console.log(list.note);
    }
    return 0;
  } finally {
    await library.close();
  }
}

export async function runMoodHistory(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { 'data-dir': { type: 'string' }, json: { type: 'boolean', default: false }, csv: { type: 'boolean', default: false } },
  });
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const entries = MoodTimeline.open(dataDir).list();
  if (values.json) console.log(JSON.stringify(entries));
  else if (values.csv) process.stdout.write(timelineCsv(entries));
  else if (entries.length === 0) console.log('No moods recorded yet.');
  else {
    for (const e of entries) {
      const played = e.played.length ? `; played ${e.played.join(', ')}` : '';
      console.log(`${new Date(e.at).toLocaleString()}  ${e.emotion} (${e.source}, ${Math.round(e.confidence * 100)}%)${played}`);
    }
  }
  return 0;
}
