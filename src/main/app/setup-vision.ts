/** The camera session and the face model behind it; the model loads in the background. */
import { isAbsolute, join } from 'node:path';
import type { AppError, Detection, ModelInfo, MoodSource } from '../../shared/contract.js';
import { errors, toAppError } from '../core/errors.js';
import { importRefusal, realOrGiven } from '../library/import-roots.js';
import type { SettingsService } from '../settings/settings.js';
import { cameraSourceProblem, isDeviceNumber } from '../vision/camera.js';
import { CameraSession } from '../vision/camera-session.js';
import type { FacePipeline } from '../vision/face-pipeline.js';
import { loadPipeline } from '../vision/load-pipeline.js';
import type { Handlers } from './dispatch.js';
import type { Emit } from './events.js';
import type { MoodState } from './setup-mood.js';
import type { MoodtapeOptions } from './types.js';

export interface Vision {
  camera: CameraSession;
  /** Null until the model has loaded, or when it cannot. */
  modelInfo(): Promise<ModelInfo | null>;
  /** One reading; a face's emotion becomes the mood. */
  snapshot(source: MoodSource, autoplay: boolean): Promise<Detection>;
  dispose(): Promise<void>;
}

export function setupVision(opts: MoodtapeOptions, settings: SettingsService, mood: MoodState, emit: Emit, notices: AppError[]): Vision {
  // Until the model is there (or if it cannot load), moods picked by hand still work.
  const pipelineReady: Promise<FacePipeline> = loadPipeline(join(opts.assetsDir, 'models'));
  pipelineReady.catch((e) => {
    const error = toAppError(e);
    notices.push(error);
    emit('error', error);
  });

  const initial = settings.get();
  const camera = new CameraSession(
    () => pipelineReady,
    {
      frame: (f) => emit('frame', f),
      mood: (m) => mood.set(m.emotion, m.confidence, 'live', m.probabilities),
      error: (e) => emit('error', e),
      state: (s) => emit('camera', s),
    },
    initial.mode,
    opts.cameraSource ?? initial.cameraSource,
  );

  return {
    camera,
    async modelInfo() {
      try {
        return (await pipelineReady).model.info;
      } catch {
        return null; // the load failure is already a notice
      }
    },
    async snapshot(source, autoplay) {
      const detection = await camera.snapshot();
      if (detection.emotion) mood.set(detection.emotion, detection.confidence, source, detection.probabilities, autoplay);
      return detection;
    },
    async dispose() {
      camera.stop();
      try {
        await (await pipelineReady).model.dispose();
      } catch {
        /* the model never loaded: nothing to release */
      }
    },
  };
}

export function visionHandlers(vision: Vision): Pick<Handlers, 'startCamera' | 'stopCamera' | 'snapshot'> {
  return {
    startCamera: () => vision.camera.start(),
    stopCamera: () => vision.camera.stop(),
    snapshot: () => vision.snapshot('snapshot', false),
  };
}

/**
 * A camera source from the page: a camera number, or a video file inside the folders imports may
 * come from (serve mode: home, uploads and watched folders; the desktop app: anywhere but the
 * system folders). Never an address or a device path. The folder rule is checked before the file
 * is looked for, so the answer does not tell whether a file outside them exists.
 */
export async function refuseCameraSource(source: string, roots: string[] | undefined, watched: string[]): Promise<void> {
  if (isDeviceNumber(source)) return;
  const shape = cameraSourceProblem(source);
  if (shape && !/no such|no image sequence/.test(shape)) throw errors.cameraSourceRefused(shape);
  if (!isAbsolute(source)) throw errors.cameraSourceRefused('give the whole path of the video file');
  if (importRefusal(await realOrGiven(source), roots ? [...roots, ...watched] : null))
    throw errors.cameraSourceRefused('that file is outside your home folder and the folders you added');
  if (shape) throw errors.cameraSourceRefused(shape);
}
