/**
 * The JSON sidecar beside each ONNX model. Everything the app needs to feed the model comes from
 * here (labels, input size, channels, normalisation, face-crop margin), so a better model drops in
 * with no code change.
 */
import type { Emotion } from '../../shared/contract.js';

export interface ModelSpec {
  name: string;
  version: string;
  /** ONNX file name, relative to the sidecar. */
  file: string;
  /** Class names in output order (FER names; aliases such as "happiness" are accepted). */
  labels: string[];
  input: {
    name?: string;
    width: number;
    height: number;
    channels: 1 | 3;
    /** Pixel value v (0..255) becomes (v / 255 - mean[c]) / std[c]. */
    mean: number[];
    std: number[];
  };
  /** "probabilities" (already softmaxed) or "logits". */
  output: { name?: string; kind: 'probabilities' | 'logits' };
  /** Extra border around the detected face box, as a fraction of its width/height, per side. */
  faceCrop: { margin: number; offsetY?: number };
  metrics?: Record<string, unknown>;
  training?: Record<string, unknown>;
}

const ALIASES: Record<string, Emotion> = {
  anger: 'angry',
  angry: 'angry',
  disgust: 'disgust',
  disgusted: 'disgust',
  fear: 'fear',
  fearful: 'fear',
  scared: 'fear',
  happy: 'happy',
  happiness: 'happy',
  joy: 'happy',
  neutral: 'neutral',
  sad: 'sad',
  sadness: 'sad',
  surprise: 'surprise',
  surprised: 'surprise',
};

/** Maps a class or folder name to the FER emotion it means, or null. */
export function emotionFromName(name: string): Emotion | null {
  return ALIASES[name.trim().toLowerCase()] ?? null;
}

/** Checks a parsed sidecar; returns a readable reason when it is unusable. */
export function checkSpec(raw: unknown): { spec: ModelSpec } | { problem: string } {
  const s = raw as Partial<ModelSpec> | null;
  if (!s || typeof s !== 'object') return { problem: 'the sidecar is not a JSON object' };
  if (typeof s.file !== 'string') return { problem: 'the sidecar names no model "file"' };
  if (!Array.isArray(s.labels) || s.labels.length < 2) return { problem: 'the sidecar has no "labels" list' };
  const unknown = s.labels.filter((l) => typeof l !== 'string' || !emotionFromName(l));
  if (unknown.length) return { problem: `unknown labels ${JSON.stringify(unknown)}` };
  const i = s.input;
  if (!i || !(i.width > 0) || !(i.height > 0) || (i.channels !== 1 && i.channels !== 3)) {
    return { problem: 'the sidecar "input" needs width, height and channels (1 or 3)' };
  }
  if (!Array.isArray(i.mean) || !Array.isArray(i.std) || i.mean.length !== i.channels || i.std.length !== i.channels) {
    return { problem: 'the sidecar "input" needs one mean and one std per channel' };
  }
  if (!s.output || (s.output.kind !== 'probabilities' && s.output.kind !== 'logits')) {
    return { problem: 'the sidecar "output.kind" must be "probabilities" or "logits"' };
  }
  const margin = s.faceCrop?.margin ?? 0;
  if (typeof margin !== 'number' || margin < 0 || margin > 1) return { problem: 'faceCrop.margin must be between 0 and 1' };
  return { spec: { ...(s as ModelSpec), faceCrop: { margin, offsetY: s.faceCrop?.offsetY ?? 0 } } };
}
