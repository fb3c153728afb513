/**
 * MusiCNN (Pons and Serra 2019; trained on the Million Song Dataset's tags; ISC) in ONNX Runtime:
 * log-mel patches in, per patch 50 tag probabilities and a 200-d embedding out, averaged over the
 * excerpt. Loaded once per worker thread; a missing or damaged model file fails each analysis with
 * a reason (the rest of the app keeps working), and is looked for again on the next track.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { assetsDir } from '../../core/paths.js';
import { AnalysisError } from './errors.js';
import { MEL_BANDS, PATCH_FRAMES } from './mel.js';

export const MUSIC_MODEL_FILE = 'musicnn-msd.onnx';

export interface MusicEmbedding {
  /** Mean tag probability over the patches, in the sidecar's tag order. */
  tags: Float32Array;
  /** Mean of the per-patch 200-d embeddings. */
  embedding: Float32Array;
}

export class MusicModel {
  private constructor(private readonly session: ort.InferenceSession) {}

  static async load(path: string): Promise<MusicModel> {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (e) {
      throw new AnalysisError(
        'unsupported',
        `the music mood model is missing (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}: ${path})`,
      );
    }
    try {
      const session = await ort.InferenceSession.create(bytes, {
        intraOpNumThreads: 1,
        interOpNumThreads: 1,
        executionMode: 'sequential',
        graphOptimizationLevel: 'all',
      });
      if (!session.inputNames.includes('mel') || !session.outputNames.includes('tags') || !session.outputNames.includes('embedding'))
        throw new Error('it has not the inputs and outputs of MusiCNN');
      return new MusicModel(session);
    } catch (e) {
      throw new AnalysisError('unsupported', `the music mood model is damaged (${(e as Error).message.split('\n')[0]}: ${path})`);
    }
  }

  /** `data`: `count` patches of PATCH_FRAMES x MEL_BANDS log-mel values. */
  async embed(data: Float32Array, count: number): Promise<MusicEmbedding> {
    if (count < 1) throw new AnalysisError('corrupt', 'the audio is shorter than the 3 s the music model needs');
    const out = await this.session.run({ mel: new ort.Tensor('float32', data, [count, PATCH_FRAMES, MEL_BANDS]) });
    return { tags: meanRows(out.tags.data as Float32Array, count), embedding: meanRows(out.embedding.data as Float32Array, count) };
  }
}

function meanRows(x: Float32Array, rows: number): Float32Array {
  const cols = x.length / rows;
  const out = new Float32Array(cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c] += x[r * cols + c] / rows;
  return out;
}

let loading: { path: string; model: Promise<MusicModel> } | null = null;

/** The shared model (MOODTAPE_ASSETS/models/musicnn-msd.onnx unless `path` says otherwise); a failed load is retried next time. */
export function musicModel(path = join(assetsDir(), 'models', MUSIC_MODEL_FILE)): Promise<MusicModel> {
  if (loading?.path !== path) {
    const model = MusicModel.load(path);
    loading = { path, model };
    model.catch(() => {
      if (loading?.model === model) loading = null;
    });
  }
  return loading.model;
}
