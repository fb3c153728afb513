/** Real audio for tests, made by Debian's ffmpeg. */
import { execFileSync } from 'node:child_process';

export function ffmpeg(...args: string[]): void {
  execFileSync('ffmpeg', ['-v', 'error', '-nostdin', '-y', ...args]);
}

/** A sine tone as an MP3 at `path`. */
export function mp3Tone(path: string, { frequency = 440, seconds = 5 } = {}): string {
  ffmpeg('-f', 'lavfi', '-i', `sine=frequency=${frequency}:duration=${seconds}`, '-c:a', 'libmp3lame', path);
  return path;
}
