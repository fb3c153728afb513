/** Every failure the user can meet has a code, a message and a hint. */

export type ErrorCode =
  | 'camera-unavailable'
  | 'camera-busy'
  | 'camera-lost'
  /** The desktop app runs, but OpenCV was not built for Electron's ABI (setup was offline). */
  | 'camera-support-missing'
  /** macOS: the user has not allowed Moodtape to use the camera. */
  | 'camera-denied'
  | 'no-face'
  | 'several-faces'
  | 'dark-frame'
  | 'model-missing'
  | 'model-corrupt'
  | 'track-missing'
  | 'track-unreadable'
  | 'settings-corrupt'
  | 'library-corrupt'
  | 'playlists-corrupt'
  | 'invalid-input'
  // A file could not be written (read-only folder, full disk): the change is kept in memory and retried.
  | 'save-failed'
  | 'internal';

/** Every failure the user can meet: what happened and what they can do. */
export interface AppError {
  code: ErrorCode;
  message: string;
  hint: string;
}
