/**
 * The library's worker thread: tag reading, audio analysis and cover extraction run here, never on
 * the main process's event loop (in Electron that loop also drives the window and IPC).
 */
import { parentPort } from 'node:worker_threads';
import { mapLimit } from '../core/map-limit.js';
import { analyzeFile } from './analysis/analyze.js';
import { AnalysisError } from './analysis/errors.js';
import { readCover, readTags } from './tags.js';
import type { WorkerJob, WorkerReply } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('worker.ts must run as a worker thread');

async function run(job: WorkerJob): Promise<WorkerReply> {
  try {
    switch (job.kind) {
      case 'tags':
        return { id: job.id, ok: true, value: await mapLimit(job.paths, 8, readTags) };
      case 'analyze':
        return { id: job.id, ok: true, value: await analyzeFile(job.path, job.durationSec) };
      case 'cover': {
        const cover = await readCover(job.path, job.folderImage);
        return { id: job.id, ok: true, value: cover };
      }
    }
  } catch (e) {
    const kind = e instanceof AnalysisError ? e.kind : 'corrupt';
    return { id: job.id, ok: false, error: { kind, message: e instanceof Error ? e.message : String(e) } };
  }
}

port.on('message', (job: WorkerJob) => {
  void run(job).then((reply) => {
    const cover = reply.ok && job.kind === 'cover' ? (reply.value as { data: Uint8Array } | null) : null;
    port.postMessage(reply, cover ? [cover.data.buffer as ArrayBuffer] : []);
  });
});
