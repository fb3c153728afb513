/** Field schemas more than one request checks: emotions, track ids, file paths, plane coordinates. */
import { fail, num, oneOf, text, type Schema } from '../../schema.js';
import { MAX_REASON_CHARS } from '../limits.js';
import { MOOD_INTENTS } from '../mood.js';
import { EMOTIONS } from '../vision.js';

export const emotion = oneOf(EMOTIONS);
export const intent = oneOf(MOOD_INTENTS, { list: true });
/** A coordinate of the mood plane. */
export const unit = num(-1, 1);

/** A library track id (also a playlist id): never a path. */
export const trackId: Schema<string> = (v) => {
  if (typeof v !== 'string' || v.length === 0 || v.length > 255 || /[/\\\0]/.test(v)) fail('id must be a track id');
  return v;
};

export const trackIds: Schema<string[]> = (v, name) => {
  if (!Array.isArray(v) || v.length > 10_000 || !v.every((s) => typeof s === 'string' && s.length < 256)) {
    fail(`${name} must be a list of track ids`);
  }
  return [...(v as string[])];
};

/** The line under a queue row that says why its track was picked ("calm, 92 BPM: near your sad mood"). */
export const reasonLine: Schema<string> = text(MAX_REASON_CHARS);

/** An absolute file-system path (POSIX, Windows drive or UNC); relative paths would depend on the app's cwd. */
export const absolutePath: Schema<string> = (v, name) => {
  if (typeof v !== 'string' || v.length === 0 || v.length > 4096 || v.includes('\0') || !/^(\/|[A-Za-z]:[\\/]|\\\\[^\\])/.test(v)) {
    fail(`${name} must be an absolute file or folder path`);
  }
  return v;
};

/** A camera: a device number or a video file path, trimmed. */
export const cameraSource: Schema<string> = (v) => {
  if (typeof v !== 'string' || v.trim() === '' || v.length > 4096 || v.includes('\0')) {
    fail('camera source must be a device number or a video file path');
  }
  return v.trim();
};
