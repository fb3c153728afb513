import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTags } from '../../src/main/library/tags.js';
import { tmp } from './helpers/fixtures.js';

const SECONDS = 37.5;

/** The same 37.5 s of noisy music-like audio (a chord over pink noise) in each format, made by ffmpeg. */
function encode(dir: string, name: string, args: string[]): string {
  const out = join(dir, name);
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-nostdin',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `anoisesrc=color=pink:amplitude=0.2:duration=${SECONDS}:sample_rate=44100`,
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=220:duration=${SECONDS}:sample_rate=44100`,
    '-filter_complex',
    'amix=inputs=2,aformat=channel_layouts=stereo',
    ...args,
    out,
  ]);
  return out;
}

describe('track durations from the tags, every format', () => {
  const dir = tmp('durations');
  const cases: [string, string[]][] = [
    ['opus.opus', ['-c:a', 'libopus', '-b:a', '64k']],
    ['vorbis.ogg', ['-c:a', 'libvorbis', '-q:a', '3']],
    ['flac.flac', ['-c:a', 'flac']],
    ['cbr.mp3', ['-c:a', 'libmp3lame', '-b:a', '128k']],
    ['vbr-with-header.mp3', ['-c:a', 'libmp3lame', '-q:a', '4']],
    ['vbr-no-header.mp3', ['-c:a', 'libmp3lame', '-q:a', '4', '-write_xing', '0']],
    ['aac.m4a', ['-c:a', 'aac', '-b:a', '96k']],
    ['pcm.wav', ['-c:a', 'pcm_s16le']],
  ];
  for (const [name, args] of cases) {
    it(`reads the length of ${name}`, async () => {
      const t = await readTags(encode(dir, name, args));
      expect(t.ok).toBe(true);
      if (!t.ok) return;
      // A VBR MP3 without a header has only its mean bit rate to go by (the analysis's decode then counts it exactly).
      const tolerance = name === 'vbr-no-header.mp3' ? 0.15 * SECONDS : 0.2;
      expect(Math.abs(t.durationSec - SECONDS)).toBeLessThanOrEqual(tolerance);
    });
  }
});
