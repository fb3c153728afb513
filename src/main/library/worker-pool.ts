/**
 * A few worker threads for the library's heavy work. Jobs queue by priority (tag reading before
 * analysis, so an import lists its tracks first); a crashed worker fails only its own job and is
 * replaced; idle workers exit so the app does not hold their memory.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { findAppRoot } from '../core/paths.js';
import { AnalysisError } from './analysis/errors.js';
import type { JobInput, WorkerJob, WorkerReply } from './worker-protocol.js';

interface Pending {
  job: WorkerJob;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: Pending | null;
  idleTimer: NodeJS.Timeout | null;
}

const IDLE_MS = 20_000;
/** Dev bundles of other code versions older than this are removed (one still in use is rebuilt if missing). */
const STALE_BUNDLE_MS = 60 * 60_000;
let devBuild: Promise<URL> | null = null;

/**
 * The worker script: dist/main/library-worker.js beside the bundled app; when running from the
 * TypeScript sources (tests, dev scripts) it is bundled with esbuild (a dev dependency) into one
 * file per code version, shared by every process running that code.
 */
export function workerUrl(): Promise<URL> {
  const built = new URL('./library-worker.js', import.meta.url);
  if (built.protocol === 'file:') {
    // Packaged app: the worker is unpacked beside app.asar (electron-builder.yml asarUnpack).
    const unpacked = fileURLToPath(built).replace(`app.asar${sep}`, `app.asar.unpacked${sep}`);
    if (unpacked !== fileURLToPath(built) && existsSync(unpacked)) return Promise.resolve(pathToFileURL(unpacked));
    if (existsSync(fileURLToPath(built))) return Promise.resolve(built);
  }
  const current = devBuild;
  devBuild = (async () => {
    const url = await current?.catch(() => null);
    // Another process may have cleared away this bundle (an older code version): build it again.
    if (url && existsSync(fileURLToPath(url))) return url;
    return bundleWorker();
  })();
  return devBuild;
}

async function bundleWorker(): Promise<URL> {
  const esbuildName = 'esbuild';
  const { build } = (await import(esbuildName)) as typeof import('esbuild');
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./worker.ts', import.meta.url))],
    write: false,
    outfile: 'library-worker.mjs',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    external: ['onnxruntime-node'],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  const code = result.outputFiles[0].contents;
  // Inside the checkout (.tmp/ is gitignored), so the native ONNX Runtime it leaves external resolves from node_modules.
  const dir = join(findAppRoot(), '.tmp');
  mkdirSync(dir, { recursive: true });
  const name = `moodtape-library-worker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`;
  const outfile = join(dir, name);
  const now = new Date();
  if (existsSync(outfile)) utimesSync(outfile, now, now);
  else {
    // Written whole, then renamed: a process starting at the same moment never loads half a file.
    const part = `${outfile}.${process.pid}.part`;
    writeFileSync(part, code);
    renameSync(part, outfile);
  }
  for (const f of readdirSync(dir)) {
    if (f === name || !f.startsWith('moodtape-library-worker-')) continue;
    try {
      if (now.getTime() - statSync(join(dir, f)).mtimeMs > STALE_BUNDLE_MS) rmSync(join(dir, f), { force: true });
    } catch {
      // Removed by another process meanwhile.
    }
  }
  return pathToFileURL(outfile);
}

export function defaultPoolSize(): number {
  // Leave a core for the UI and playback; never more than 4 (disk and memory bound beyond that).
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queues: [Pending[], Pending[]] = [[], []];
  private nextId = 1;
  private closed = false;
  private spawning = 0;

  constructor(
    readonly size = defaultPoolSize(),
    private readonly url: () => Promise<URL> = workerUrl,
  ) {}

  /** Runs a job; `urgent` jobs (tags, covers) go before analysis. */
  run<T>(input: JobInput, urgent = false): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the library is closed'));
    return new Promise<T>((resolve, reject) => {
      const job = { ...input, id: this.nextId++ } as WorkerJob;
      this.queues[urgent ? 0 : 1].push({ job, resolve: resolve as (v: unknown) => void, reject });
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    while (this.queues[0].length + this.queues[1].length > 0) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot && this.slots.length + this.spawning < this.size) {
        this.spawning++;
        try {
          slot = await this.spawn();
        } finally {
          this.spawning--;
        }
      }
      if (!slot || this.closed) return;
      if (slot.busy) continue;
      const next = this.queues[0].shift() ?? this.queues[1].shift();
      if (!next) return;
      if (slot.idleTimer) clearTimeout(slot.idleTimer);
      slot.idleTimer = null;
      slot.busy = next;
      slot.worker.postMessage(next.job);
    }
  }

  private async spawn(): Promise<Slot> {
    const slot: Slot = { worker: new Worker(await this.url()), busy: null, idleTimer: null };
    this.slots.push(slot);
    slot.worker.unref();
    slot.worker.on('message', (reply: WorkerReply) => {
      const p = slot.busy;
      slot.busy = null;
      if (p && p.job.id === reply.id) {
        if (reply.ok) p.resolve(reply.value);
        else p.reject(new AnalysisError(reply.error.kind, reply.error.message));
      }
      slot.idleTimer = setTimeout(() => this.retire(slot), IDLE_MS);
      slot.idleTimer.unref();
      void this.pump();
    });
    const fail = (why: string) => {
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
      if (slot.idleTimer) clearTimeout(slot.idleTimer);
      slot.busy?.reject(new AnalysisError('corrupt', why));
      slot.busy = null;
      if (!this.closed) void this.pump();
    };
    slot.worker.on('error', (e) => fail(`the analysis stopped on this file (${e.message})`));
    slot.worker.on('exit', (code) => fail(`the analysis worker exited (${code})`));
    return slot;
  }

  private retire(slot: Slot): void {
    if (slot.busy) return;
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    void slot.worker.terminate();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const q of this.queues) for (const p of q.splice(0)) p.reject(new Error('the library is closed'));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }
}
