/**
 * One import run: scan the paths, compare what was found with the cached entries, read the tags of
 * new and changed files in the worker pool, and queue their analysis.
 */
import { realpath, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { LibraryChange } from '../../shared/contract.js';
import { mapLimit } from '../core/map-limit.js';
import type { AnalysisQueue } from './analysis-queue.js';
import type { ImportTracker } from './import-tracker.js';
import type { LibraryEntries } from './library-entries.js';
import type { LibraryData } from './library-store.js';
import { scan } from './scan.js';
import type { TagResult } from './tags.js';
import type { WorkerPool } from './worker-pool.js';

/** Files per tag-reading job: enough to keep a worker busy, few enough that progress moves. */
const TAG_BATCH = 64;
const STAT_LIMIT = 32;

export type ImportReason = 'import' | 'watch';

export interface ImportContext {
  data: LibraryData;
  entries: LibraryEntries;
  pool: WorkerPool;
  tracker: ImportTracker;
  analysis: AnalysisQueue;
  touch: (changed: string[], removed: string[], reason: LibraryChange['reason']) => void;
  /** Why a real path may not be scanned (import-roots.ts). */
  refuse: (real: string) => string | null;
  /** Serve mode's uploads: their folder's name is not an album. */
  uploadDir: string;
}

export interface ImportResult {
  /** Every audio file the scan found. */
  files: Set<string>;
  /** The given paths that could be read (a folder that could not is not proof its files are gone). */
  readable: Set<string>;
}

/** `signal` cancels the run: the scan stops, no more tags are read; tracks already added stay. */
export async function runImport(ctx: ImportContext, paths: string[], reason: ImportReason, signal?: AbortSignal): Promise<ImportResult> {
  ctx.tracker.begin('scanning');
  const counter = ctx.tracker.scanCounter();
  const res = await scan(paths, counter.found, { refuse: ctx.refuse, signal });
  counter.done(res.files.length, res.skipped);
  for (const p of res.problems) ctx.tracker.problem(p);
  if (signal?.aborted) return { files: new Set(res.files), readable: new Set() };

  const toRead = await changedFiles(ctx, notRemoved(ctx.data, res.files, reason), reason);
  ctx.tracker.begin('reading');
  await readTags(ctx, toRead, res.folderCovers, reason, signal);

  const readable = new Set(paths.filter((p) => !res.problems.some((q) => q.path === p)));
  return { files: new Set(res.files), readable };
}

/** Removed files stay out of rescans; adding one again by hand undoes its removal. */
function notRemoved(data: LibraryData, files: string[], reason: ImportReason): string[] {
  const removed = new Set(data.removed);
  if (reason === 'watch') return files.filter((f) => !removed.has(f));
  if (files.some((f) => removed.has(f))) {
    const again = new Set(files);
    data.removed = data.removed.filter((p) => !again.has(p));
  }
  return files;
}

/** The files whose tags must be read: new, or changed since they were read (size or time). */
async function changedFiles(ctx: ImportContext, files: string[], reason: ImportReason): Promise<string[]> {
  const toRead: string[] = [];
  let revived = false;
  await mapLimit(files, STAT_LIMIT, async (p) => {
    const s = await stat(p).catch((e: NodeJS.ErrnoException) => e);
    if (s instanceof Error) {
      ctx.tracker.problem({ path: p, kind: 'unreadable', message: `cannot read the file (${s.code ?? s.message})` });
      return;
    }
    const e = ctx.entries.atPath(p);
    if (e && e.size === s.size && e.mtimeMs === s.mtimeMs) {
      ctx.tracker.unchanged();
      if (e.missing) {
        e.missing = false;
        revived = true;
      }
      return;
    }
    toRead.push(p);
  });
  if (revived) ctx.touch([], [], reason);
  return toRead;
}

async function readTags(
  ctx: ImportContext,
  paths: string[],
  folderCovers: Map<string, string>,
  reason: ImportReason,
  signal?: AbortSignal,
): Promise<void> {
  // Scanned paths are real paths: compare with the upload folder's real path.
  const uploads = await realpath(ctx.uploadDir).catch(() => ctx.uploadDir);
  const batches: string[][] = [];
  for (let i = 0; i < paths.length; i += TAG_BATCH) batches.push(paths.slice(i, i + TAG_BATCH));
  await mapLimit(batches, ctx.pool.size + 1, async (batch) => {
    if (signal?.aborted) return;
    let results: TagResult[];
    try {
      results = await ctx.pool.run<TagResult[]>({ kind: 'tags', paths: batch }, true);
    } catch (e) {
      results = batch.map((path) => ({ ok: false, path, kind: 'unreadable', message: (e as Error).message }));
    }
    const changed: string[] = [];
    for (const r of results) {
      ctx.tracker.tagsRead(r.ok);
      if (!r.ok) {
        ctx.tracker.problem({ path: r.path, kind: r.kind, message: r.message });
        continue;
      }
      const folder = dirname(r.path);
      const tags = r.albumFromFolder && folder === uploads ? { ...r, album: '' } : r;
      const entry = ctx.entries.upsert(tags, folderCovers.get(folder) ?? null);
      changed.push(entry.id);
      ctx.analysis.enqueue(entry);
    }
    ctx.tracker.changed();
    if (changed.length) ctx.touch(changed, [], reason);
  });
}
