/** The music library (demo catalogue + the user's music), its requests and its media by track id. */
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { AppError } from '../../shared/contract.js';
import { MoodtapeError, toAppError } from '../core/errors.js';
import { importRefusal, realOrGiven } from '../library/import-roots.js';
import { Catalogue } from '../library/catalogue.js';
import { LibraryService } from '../library/library.js';
import { fileResponse, type MediaResponse } from '../library/media-response.js';
import type { SettingsService } from '../settings/settings.js';
import type { Handlers } from './dispatch.js';
import type { Emit } from './events.js';
import type { MoodtapeOptions } from './types.js';

export interface Library {
  catalogue: Catalogue;
  library: LibraryService;
}

export function setupLibrary(opts: MoodtapeOptions, settings: SettingsService, emit: Emit, notices: AppError[]): Library {
  const catalogue = new Catalogue(join(opts.assetsDir, 'music'));
  const { library, notice } = LibraryService.open({
    dataDir: opts.dataDir,
    openStore: opts.openStore,
    demo: catalogue,
    settings: () => settings.get(),
    updateSettings: (patch) => emit('settings', settings.update(patch)),
    emit: (name, payload) => emit(name, payload as never),
    workers: opts.libraryWorkers,
    importRoots: opts.importRoots ?? null,
  });
  if (notice) notices.push(notice);
  // Watched folders and unfinished analyses are picked up in the background.
  void library.start().catch((e) => emit('error', toAppError(e)));
  return { catalogue, library };
}

export function libraryHandlers({
  library,
}: Library): Pick<Handlers, 'importPaths' | 'getImportStatus' | 'cancelImport' | 'listLibrary' | 'setTrackMood' | 'removeTrack'> {
  return {
    importPaths: (p) => library.importPaths(p.paths, { watch: p.watch }),
    getImportStatus: () => library.status(),
    cancelImport: () => library.cancelImport(),
    listLibrary: (q) => library.query(q),
    setTrackMood: (p) => library.setMood(p),
    removeTrack: (p) => {
      library.remove(p.id);
      return null;
    },
  };
}

/** Audio and cover art, reached by track id only (never by a path from a request). */
export function mediaRoutes({ catalogue, library }: Library) {
  return {
    media: (trackId: string, range: string | null) => fileResponse(catalogue.pathOf(trackId) ?? library.pathOf(trackId), range),
    async cover(trackId: string): Promise<MediaResponse> {
      const c = await library.cover(trackId);
      if (!c) return { status: 404, headers: { 'content-type': 'text/plain' }, body: null };
      return {
        status: 200,
        headers: { 'content-type': c.mime, 'content-length': String(c.data.byteLength), 'cache-control': 'no-cache' },
        body: Readable.from([Buffer.from(c.data)]),
      };
    },
  };
}

/** Serve mode: a page may watch a new folder only under the import roots (or one already watched). */
export async function refuseFoldersOutsideRoots(folders: string[], watched: string[], roots: string[] | undefined): Promise<void> {
  if (!roots) return;
  for (const f of folders) {
    if (watched.includes(f)) continue;
    const why = importRefusal(await realOrGiven(f), [...roots, ...watched]);
    if (why)
      throw new MoodtapeError(
        'invalid-input',
        `Moodtape cannot watch that folder: ${why.replace(/; skipped$/, '')}.`,
        'Pick a folder inside your home folder.',
      );
  }
}
