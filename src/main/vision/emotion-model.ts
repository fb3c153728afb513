/** The emotion CNN in ONNX Runtime, configured entirely by its JSON sidecar. */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { EMOTIONS, type Emotion, type ModelInfo, type Probabilities } from '../../shared/contract.js';
import { errors } from '../core/errors.js';
import { checkSpec, emotionFromName, type ModelSpec } from './model-spec.js';

export class EmotionModel {
  private constructor(
    readonly spec: ModelSpec,
    private readonly session: ort.InferenceSession,
    private readonly inputName: string,
    private readonly outputName: string,
    /** For each model output index, the app's emotion. */
    private readonly outputEmotions: Emotion[],
  ) {}

  /** Loads `<dir>/<name>.json` and the ONNX file it names; throws model-missing / model-corrupt. */
  static async load(sidecarPath: string, threads = 1): Promise<EmotionModel> {
    let raw: string;
    try {
      raw = await readFile(sidecarPath, 'utf8');
    } catch {
      throw errors.modelMissing(sidecarPath);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw errors.modelCorrupt(sidecarPath, 'the sidecar is not valid JSON');
    }
    const checked = checkSpec(parsed);
    if ('problem' in checked) throw errors.modelCorrupt(sidecarPath, checked.problem);
    const spec = checked.spec;
    const modelPath = join(dirname(sidecarPath), spec.file);
    let bytes: Buffer;
    try {
      bytes = await readFile(modelPath);
    } catch {
      throw errors.modelMissing(modelPath);
    }
    let session: ort.InferenceSession;
    try {
      session = await ort.InferenceSession.create(bytes, {
        intraOpNumThreads: threads,
        interOpNumThreads: 1,
        executionMode: 'sequential',
        graphOptimizationLevel: 'all',
      });
    } catch (e) {
      throw errors.modelCorrupt(modelPath, (e as Error).message.split('\n')[0]);
    }
    const inputName = spec.input.name ?? session.inputNames[0];
    const outputName = spec.output.name ?? session.outputNames[0];
    if (!session.inputNames.includes(inputName) || !session.outputNames.includes(outputName)) {
      throw errors.modelCorrupt(modelPath, `the sidecar's input/output names do not match the model`);
    }
    const outputEmotions = spec.labels.map((l) => emotionFromName(l)!);
    return new EmotionModel(spec, session, inputName, outputName, outputEmotions);
  }

  get info(): ModelInfo {
    const acc = this.spec.metrics?.publictestAccuracy;
    return { name: this.spec.name, version: this.spec.version, labels: this.spec.labels, accuracy: typeof acc === 'number' ? acc : null };
  }

  /** The emotions this model can output (a model may lack some FER classes). */
  get emotions(): Emotion[] {
    return this.outputEmotions;
  }

  /** Classifies a batch of preprocessed faces (NCHW float32, normalised as the sidecar says). */
  async classify(batch: Float32Array, count: number): Promise<Probabilities[]> {
    const { width, height, channels } = this.spec.input;
    const tensor = new ort.Tensor('float32', batch, [count, channels, height, width]);
    const out = await this.session.run({ [this.inputName]: tensor });
    const data = out[this.outputName].data as Float32Array;
    const k = this.outputEmotions.length;
    if (data.length !== count * k) {
      throw errors.modelCorrupt(this.spec.file, `the model returns ${data.length / count} scores per face, the sidecar lists ${k} labels`);
    }
    const results: Probabilities[] = [];
    for (let n = 0; n < count; n++) {
      const row = Array.from(data.subarray(n * k, (n + 1) * k));
      const p = this.spec.output.kind === 'logits' ? softmax(row) : row;
      const probs = Object.fromEntries(EMOTIONS.map((e) => [e, 0])) as Probabilities;
      this.outputEmotions.forEach((e, i) => (probs[e] += p[i]));
      results.push(probs);
    }
    return results;
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}

function softmax(v: number[]): number[] {
  const m = Math.max(...v);
  const e = v.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}

export function topEmotion(p: Probabilities): { emotion: Emotion; confidence: number } {
  let best: Emotion = 'neutral';
  for (const e of EMOTIONS) if (p[e] > p[best]) best = e;
  return { emotion: best, confidence: p[best] };
}
