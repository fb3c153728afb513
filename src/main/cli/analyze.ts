/** moodtape analyze <file> [--json]: tempo, key, mode, energy, the mood position (and its music mood) and the loudness (LUFS, gain) of one audio file. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AnalysisError } from '../library/analysis/errors.js';
import { WorkerPool } from '../library/worker-pool.js';
import type { AudioAnalysis } from '../library/analysis/analyze.js';
import type { TagResult } from '../library/tags.js';
import { musicMoodOf } from '../../shared/mood-space.js';
import { MoodtapeError } from '../core/errors.js';
import { reportError } from './output.js';

export async function runAnalyze(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  if (positionals.length !== 1) {
    console.error('Usage: moodtape analyze <audio-file> [--json]');
    return 2;
  }
  const path = resolve(positionals[0]);
  // The same worker code the library uses (tags for the duration, then the analysis).
  const pool = new WorkerPool(1);
  try {
    const [tags] = await pool.run<TagResult[]>({ kind: 'tags', paths: [path] }, true);
    if (!tags.ok) throw new AnalysisError(tags.kind, tags.message);
    const a = await pool.run<AudioAnalysis>({ kind: 'analyze', path, durationSec: tags.durationSec || null });
    const musicMood = musicMoodOf(a);
    if (values.json) {
      console.log(JSON.stringify({ file: path, title: tags.title, artist: tags.artist, durationSec: tags.durationSec, ...a, musicMood }));
    } else {
      console.log(`${tags.artist} - ${tags.title} (${tags.durationSec.toFixed(0)} s)`);
      console.log(`tempo ${a.tempo.toFixed(0)} BPM, key ${a.key} ${a.mode}, energy ${a.energy.toFixed(2)} (${a.loudnessDb} dBFS)`);
      console.log(`valence ${a.valence.toFixed(2)}, arousal ${a.arousal.toFixed(2)}: ${musicMood}`);
      console.log(`loudness ${a.loudnessLufs ?? '-inf'} LUFS, true peak ${a.truePeakDb ?? '-inf'} dBTP, playback gain ${a.gainDb} dB`);
    }
    return 0;
  } catch (e) {
    const err =
      e instanceof AnalysisError
        ? new MoodtapeError(
            'track-unreadable',
            `Cannot analyse ${path}: ${e.message}.`,
            'Check that it is an audio file (mp3, ogg, opus, flac, wav; m4a/aac need ffmpeg).',
          )
        : e;
    return reportError(err, values.json);
  } finally {
    await pool.close();
  }
}
