/** Vision: emotions, faces, detections, the camera and its preview frames. */
import type { AppError } from './errors.js';

export const EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'neutral', 'sad', 'surprise'] as const;
export type Emotion = (typeof EMOTIONS)[number];
export type Probabilities = Record<Emotion, number>;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FaceEmotion {
  box: Box;
  emotion: Emotion;
  confidence: number;
  probabilities: Probabilities;
}

export interface StageTimings {
  captureMs: number;
  detectMs: number;
  classifyMs: number;
  totalMs: number;
}

/** Result of running the vision pipeline on one frame. `emotion` is the largest face's. */
export interface Detection {
  faces: FaceEmotion[];
  emotion: Emotion | null;
  confidence: number;
  probabilities: Probabilities | null;
  frame: { width: number; height: number };
  timings: StageTimings;
  /** Something the user should know about this frame (no face, several faces, too dark). */
  notice: AppError | null;
}

export type DetectionMode = 'snapshot' | 'live';

export interface CameraState {
  on: boolean;
  mode: DetectionMode;
  /** Device index as a string ("0") or a video / image-sequence path. */
  source: string;
  /** On, but the camera stopped sending pictures: it is being opened again. */
  reconnecting?: boolean;
}

/** A small JPEG of the camera with face boxes drawn, for the live preview. */
export interface Frame {
  /** data:image/jpeg;base64,... */
  jpeg: string;
  width: number;
  height: number;
  faces: Box[];
  at: number;
  /** Live mode: the reading of this very frame (faces, emotions, notice); null in snapshot mode, where the snapshot answers. */
  detection: Detection | null;
}
