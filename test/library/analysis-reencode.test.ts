import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/main/library/analysis/analyze.js';
import { readTags } from '../../src/main/library/tags.js';
import { tmp } from './helpers/fixtures.js';
import { ffmpeg } from '../helpers/audio.js';

async function place(path: string) {
  const t = await readTags(path);
  if (!t.ok) throw new Error(t.message);
  return analyzeFile(path, t.durationSec);
}

describe('same audio, same place', () => {
  it('puts re-encodes of a track (MP3, Vorbis, FLAC, AAC, WAV) within 0.05 of the original, lossless copies on it', async () => {
    const dir = tmp('reencode');
    // 30 s from the middle of the first bundled demo track (real music), as an Opus file of its own.
    const music = join(process.cwd(), 'assets', 'music');
    const demo = readdirSync(music)
      .filter((f) => /\.(opus|ogg|mp3|flac)$/.test(f))
      .sort()[0];
    const original = join(dir, 'original.opus');
    ffmpeg('-ss', '40', '-t', '30', '-i', join(music, demo), '-vn', '-c:a', 'libopus', '-b:a', '128k', original);
    // Limits well under the 0.05 (the worst lossy copy of this excerpt lands 0.011 away). The same
    // samples must land on the same spot whichever decoder reads them: FLAC in Ogg goes through ffmpeg like
    // AAC, and landed 0.022 away while ffmpeg, not the app, resampled what it decoded.
    const copies: [string, string[], number][] = [
      ['copy.mp3', ['-c:a', 'libmp3lame', '-b:a', '192k'], 0.03],
      ['copy.ogg', ['-c:a', 'libvorbis', '-q:a', '5'], 0.03],
      ['copy.flac', ['-c:a', 'flac'], 0.005],
      ['copy.oga', ['-c:a', 'flac', '-f', 'ogg'], 0.005],
      ['copy.m4a', ['-c:a', 'aac', '-b:a', '192k'], 0.03],
      ['copy.wav', ['-c:a', 'pcm_s16le'], 0.005],
    ];
    const ref = await place(original);
    for (const [name, args, limit] of copies) {
      const out = join(dir, name);
      ffmpeg('-i', original, '-vn', ...args, out);
      const a = await place(out);
      const distance = Math.hypot(a.valence - ref.valence, a.arousal - ref.arousal);
      expect(distance, `${name}: (${a.valence}, ${a.arousal}) vs (${ref.valence}, ${ref.arousal})`).toBeLessThanOrEqual(limit);
      // The same level too: each decoder folds stereo to mono as the channel average (ffmpeg's default fold of M4A read 3 dB louder).
      expect(Math.abs(a.loudnessDb - ref.loudnessDb), `${name}: level ${a.loudnessDb} vs ${ref.loudnessDb} dB`).toBeLessThanOrEqual(0.5);
    }
    // Seven files decoded and analysed on a busy machine: room, not a speed check.
  }, 300_000);
});
