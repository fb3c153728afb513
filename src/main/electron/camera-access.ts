/**
 * macOS asks the user before an app may use the camera; OpenCV in the main process would otherwise
 * just get no pictures. So every way of turning the camera on asks first, and a refusal gets a
 * message that says where to change it.
 */
import type { AppError, Envelope, Method } from '../../shared/contract.js';
import type { Moodtape } from '../app/types.js';

/** The requests that open the camera. */
const OPENS_CAMERA: ReadonlySet<Method | string> = new Set(['startCamera', 'snapshot']);

export const CAMERA_REFUSED: AppError = {
  code: 'camera-denied',
  message: 'Moodtape is not allowed to use the camera.',
  hint: 'Allow it in System Settings › Privacy & Security › Camera, then try again. You can still choose a mood by hand.',
};

export interface MediaAccess {
  getMediaAccessStatus(type: 'camera'): string;
  askForMediaAccess(type: 'camera'): Promise<boolean>;
}

/** Whether the camera may be used: granted already, or the user says yes now (macOS only asks once). */
export async function cameraAllowed(access: MediaAccess): Promise<boolean> {
  if (access.getMediaAccessStatus('camera') === 'granted') return true;
  try {
    return await access.askForMediaAccess('camera');
  } catch {
    return false;
  }
}

/** The app, with camera access asked for first on macOS; elsewhere unchanged. */
export function withCameraAccess(moodtape: Moodtape, access: MediaAccess, platform: NodeJS.Platform = process.platform): Moodtape {
  if (platform !== 'darwin') return moodtape;
  const refused = (): Envelope<never> => ({ ok: false, error: CAMERA_REFUSED });
  return {
    async call(method, params) {
      if (OPENS_CAMERA.has(method) && !(await cameraAllowed(access))) return refused();
      return moodtape.call(method, params);
    },
    async quickMood() {
      if (!(await cameraAllowed(access))) throw CAMERA_REFUSED;
      return moodtape.quickMood();
    },
    subscribe: (listener) => moodtape.subscribe(listener),
    chooseMood: (emotion, source) => moodtape.chooseMood(emotion, source),
    sendCommand: (command) => moodtape.sendCommand(command),
    media: (trackId, range) => moodtape.media(trackId, range),
    ...(moodtape.cover ? { cover: (trackId: string) => moodtape.cover!(trackId) } : {}),
    dispose: () => moodtape.dispose(),
  };
}
