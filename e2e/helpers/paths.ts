import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Fixture camera videos (a video file stands in for the webcam). */
export const VIDEO = {
  happyFace: fileURLToPath(new URL('../../test/fixtures/video/happy-face.mp4', import.meta.url)),
  /** A happy face that turns sad halfway (live mode: the mood changes while a song plays). */
  happyThenSad: fileURLToPath(new URL('../../test/fixtures/video/happy-then-sad.mp4', import.meta.url)),
  noFace: fileURLToPath(new URL('../../test/fixtures/video/no-face.mp4', import.meta.url)),
  /** A source that cannot be opened: the "no camera" case. */
  missing: '/nonexistent/moodtape-e2e/camera.mp4',
};
