/** Every failure the user can meet, with what happened and what they can do. */
import type { AppError, ErrorCode } from '../../shared/contract.js';

export class MoodtapeError extends Error implements AppError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'MoodtapeError';
  }
  toJSON(): AppError {
    return { code: this.code, message: this.message, hint: this.hint };
  }
}

/**
 * An unexpected error's message without the folders in it ("open '/home/ann/Music/x.mp3'" ->
 * "open 'x.mp3'"): messages reach the page, which needs the file's name, not where the user keeps it.
 */
export function withoutFolders(message: string): string {
  const last = (p: string) => p.split(/[\\/]/).filter(Boolean).pop() ?? '';
  return message
    .replace(/'((?:[A-Za-z]:)?[\\/][^']*)'/g, (_m, p: string) => `'${last(p)}'`)
    .replace(/(?<![\w.'])(?:[A-Za-z]:)?[\\/](?:[^\s'"\\/]+[\\/])+[^\s'"\\/]*/g, last);
}

export function toAppError(e: unknown): AppError {
  if (e instanceof MoodtapeError) return e.toJSON();
  const message = withoutFolders(e instanceof Error ? e.message : String(e));
  return {
    code: 'internal',
    message: `Something went wrong: ${message}`,
    hint: 'Try again; if it keeps happening, restart Moodtape and report it.',
  };
}

export const errors = {
  cameraUnavailable: (source: string, why?: string) =>
    new MoodtapeError(
      'camera-unavailable',
      /^\d+$/.test(source) ? `No camera found at device ${source}.` : `Cannot open the camera source "${source}"${why ? `: ${why}` : ''}.`,
      'Plug in a camera (or pick another under "Source" in the camera panel), or choose a mood by hand.',
    ),
  cameraSourceRefused: (why: string) =>
    new MoodtapeError(
      'invalid-input',
      `Moodtape cannot use that as its camera: ${why}.`,
      'Choose a camera by its number (0 is the default camera), or a video file inside your home folder or the folders you added.',
    ),
  cameraBusy: (source: string) =>
    new MoodtapeError(
      'camera-busy',
      `The camera ${source} opened but sends no picture; another app may be using it.`,
      'Close other apps that use the camera (video calls, browsers) and try again, or choose a mood by hand.',
    ),
  cameraLost: () =>
    new MoodtapeError(
      'camera-lost',
      'The camera stopped sending pictures (unplugged or taken by another app).',
      'Reconnect the camera and turn it on again, or choose a mood by hand. Your music keeps playing.',
    ),
  noFace: () =>
    new MoodtapeError(
      'no-face',
      'No face found in the picture.',
      'Face the camera in good light, then try again, or choose a mood by hand.',
    ),
  darkFrame: () =>
    new MoodtapeError('dark-frame', 'The picture is too dark to see a face.', 'Turn on a light or face a window, then try again.'),
  severalFaces: (n: number) =>
    new MoodtapeError(
      'several-faces',
      `${n} faces in view; reading the largest (nearest) one.`,
      'For the best reading, be alone in front of the camera.',
    ),
  modelMissing: (path: string) =>
    new MoodtapeError(
      'model-missing',
      `The emotion model is missing (${path}).`,
      'Reinstall Moodtape to restore it. You can still choose a mood by hand.',
    ),
  modelCorrupt: (path: string, why: string) =>
    new MoodtapeError(
      'model-corrupt',
      `The emotion model cannot be loaded (${path}): ${why}`,
      'Reinstall Moodtape to restore it. You can still choose a mood by hand.',
    ),
  saveFailed: (what: string, e: unknown) => {
    const code = (e as NodeJS.ErrnoException)?.code;
    const why =
      code === 'ENOSPC' || code === 'EDQUOT'
        ? 'the disk is full'
        : code === 'EROFS' || code === 'EACCES' || code === 'EPERM'
          ? 'its folder is read-only'
          : withoutFolders(e instanceof Error ? e.message : String(e));
    return new MoodtapeError(
      'save-failed',
      `Moodtape could not save ${what}: ${why}${code ? ` (${code})` : ''}. Your change is kept while Moodtape runs, and saving is retried.`,
      'Free some disk space or make the data folder writable; Moodtape saves by itself as soon as it can. Quitting before then loses the change.',
    );
  },
  trackMissing: (id: string) =>
    new MoodtapeError(
      'track-missing',
      `The track "${id}" is not in the library or its file is gone.`,
      'Pick another track; re-add the file if you moved it.',
    ),
};
