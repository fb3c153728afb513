/** Events main pushes to the page: each declared once, with its payload type. */
import type { Settings } from './app.js';
import type { AppError } from './errors.js';
import type { ImportStatus, LibraryChange } from './library.js';
import type { Mood, MoodPlaylist } from './mood.js';
import type { PlayerCommand } from './player.js';
import type { CameraState, Frame } from './vision.js';

/** A payload type carried by a declaration (nothing at run time). */
export interface Payload<T> {
  readonly payload?: T;
}
const payload = <T>(): Payload<T> => ({});

export const EVENTS = {
  /** A new mood (camera, hand-picked, tray), with the playlist made for it. */
  mood: payload<Mood>(),
  /**
   * The current mood's playlist planned again (the intent changed, from the page or the tray): it
   * replaces what follows the song that plays, and its path is drawn.
   */
  plan: payload<MoodPlaylist>(),
  /** A preview picture of the camera with the face boxes, and in live mode its reading. */
  frame: payload<Frame>(),
  /** The camera turned on or off, changed mode, or is reconnecting. */
  camera: payload<CameraState>(),
  /** Something went wrong outside any request (a lost camera, a store that could not be saved). */
  error: payload<AppError>(),
  /** A player action from the tray or the menu. */
  command: payload<PlayerCommand>(),
  /** The settings changed (from the page, the tray or the menu). */
  settings: payload<Settings>(),
  /** The library changed (import, analysis, correction, removal, watched folder). */
  library: payload<LibraryChange>(),
  /** Import and analysis progress. */
  'import-progress': payload<ImportStatus>(),
};

/** Event name -> payload. */
export type Events = { [E in keyof typeof EVENTS]: (typeof EVENTS)[E] extends Payload<infer T> ? T : never };
export type EventName = keyof Events;
export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(EVENTS, name);
}
