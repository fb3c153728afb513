/** Messages between the library (main thread) and its worker threads. */
import type { AnalysisFailure } from './analysis/errors.js';

export type WorkerJob =
  | { id: number; kind: 'tags'; paths: string[] }
  | { id: number; kind: 'analyze'; path: string; durationSec: number | null }
  | { id: number; kind: 'cover'; path: string; folderImage: string | null };

export type WorkerReply =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { kind: AnalysisFailure; message: string } };

export type JobInput = WorkerJob extends infer J ? (J extends { id: number } ? Omit<J, 'id'> : never) : never;
