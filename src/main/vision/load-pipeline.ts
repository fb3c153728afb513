/** Loads the detector and the emotion model from a models folder (assets/models). */
import { join } from 'node:path';
import { EmotionModel } from './emotion-model.js';
import { FaceDetector } from './face-detector.js';
import { FacePipeline } from './face-pipeline.js';

export const MODEL_SIDECAR = 'emotion.json';
export const FACE_CASCADE = 'haarcascade_frontalface_default.xml';

export async function loadPipeline(modelsDir: string, opts: { sidecar?: string; threads?: number } = {}): Promise<FacePipeline> {
  const model = await EmotionModel.load(opts.sidecar ?? join(modelsDir, MODEL_SIDECAR), opts.threads ?? 1);
  return new FacePipeline(new FaceDetector(join(modelsDir, FACE_CASCADE)), model);
}
