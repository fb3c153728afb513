/** Builds a music folder for the library tests: real audio of several formats, plus the awkward cases. */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ffmpeg } from '../../helpers/audio.js';
import { mournful, upbeat, wav } from './synth.js';

export const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), `moodtape-${prefix}-`));

export interface MusicFolder {
  root: string;
  /** Real audio files the import must add. */
  audio: string[];
  fake: string;
  truncated: string;
}

/** Audio in five formats, a sub-folder, a text file, a fake .mp3, a damaged .flac and a symlink loop. */
export function makeMusicFolder(): MusicFolder {
  const root = tmp('music');
  mkdirSync(join(root, 'Album One'));
  const up = join(root, 'Album One', '01 - Test Band - Upbeat.wav');
  writeFileSync(up, wav(upbeat(8)));
  const down = join(root, 'mournful.wav');
  writeFileSync(down, wav(mournful(8)));
  const mp3 = join(root, 'Album One', 'tagged.mp3');
  ffmpeg(
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:duration=4',
    '-metadata',
    'title=Tagged Tune',
    '-metadata',
    'artist=Tag Artist',
    '-metadata',
    'album=Tag Album',
    mp3,
  );
  const flac = join(root, 'tone.flac');
  ffmpeg('-f', 'lavfi', '-i', 'sine=frequency=330:duration=4', flac);
  const opus = join(root, 'tone.opus');
  ffmpeg('-f', 'lavfi', '-i', 'sine=frequency=550:duration=4', '-c:a', 'libopus', opus);
  const fake = join(root, 'not-really.mp3');
  writeFileSync(fake, 'This is a text file with an mp3 name.\n'.repeat(20));
  const truncated = join(root, 'damaged.flac');
  // A FLAC header with nothing after it: it looks like audio but none can be decoded.
  writeFileSync(truncated, Buffer.concat([Buffer.from('fLaC'), Buffer.alloc(200, 0x11)]));
  writeFileSync(join(root, 'notes.txt'), 'liner notes');
  symlinkSync('..', join(root, 'Album One', 'loop'));
  return { root, audio: [up, down, mp3, flac, opus], fake, truncated };
}
