/**
 * moodtape library add <paths...> [--data-dir DIR] [--watch] [--no-analysis] [--json]
 * moodtape library list [--json] [--all] [--mood MUSIC_MOOD] [--data-dir DIR]
 * The same library service as the app (same files in the data folder), without camera or model.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MUSIC_MOODS, type AppError, type ImportStatus, type MusicMood, type Settings } from '../../shared/contract.js';
import { Catalogue } from '../library/catalogue.js';
import { LibraryService } from '../library/library.js';
import { lockDataFolder } from '../core/data-lock.js';
import { assetsDir } from '../core/paths.js';
import { removeWriteLeftovers } from '../core/store-file.js';
import { SettingsService } from '../settings/settings.js';
import { reportError } from './output.js';
import { defaultDataDir } from './serve.js';
import { join } from 'node:path';

export function openLibrary(dataDir: string, analyse: boolean, progress: (s: ImportStatus) => void) {
  // Held until the command ends (released on exit): the app or serve mode must not write beside it.
  lockDataFolder(dataDir, 'a moodtape command');
  removeWriteLeftovers(dataDir);
  const { settings, notice: settingsNotice } = SettingsService.open(dataDir);
  const { library, notice } = LibraryService.open({
    dataDir,
    demo: new Catalogue(join(assetsDir(), 'music')),
    settings: () => settings.get(),
    updateSettings: (patch: Partial<Settings>) => settings.update(patch),
    emit: (name, payload) => {
      if (name === 'import-progress') progress(payload as ImportStatus);
      // A save that failed (read-only folder, full disk) must not pass unnoticed in a one-shot command.
      else if (name === 'error') {
        const e = payload as AppError;
        console.error(`${e.message}\n${e.hint}`);
      }
    },
    analyse,
    watch: false,
  });
  for (const n of [settingsNotice, notice]) if (n) console.error(`${n.message}\n${n.hint}`);
  return library;
}

function summary(s: ImportStatus, ms: number): string {
  const lines = [
    `${s.found} audio files found: ${s.added} added or updated, ${s.unchanged} already in the library and unchanged.`,
    `${s.analysed} analysed for mood; ${s.skipped} non-audio files skipped; ${s.problemCount} problem${s.problemCount === 1 ? '' : 's'}. (${(ms / 1000).toFixed(1)} s)`,
  ];
  for (const p of s.problems) lines.push(`  ${p.kind}: ${p.path}: ${p.message}`);
  if (s.problemCount > s.problems.length) lines.push(`  ... and ${s.problemCount - s.problems.length} more`);
  return lines.join('\n');
}

async function add(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
      watch: { type: 'boolean', default: false },
      'no-analysis': { type: 'boolean', default: false },
    },
  });
  if (positionals.length === 0) {
    console.error('Usage: moodtape library add <files-or-folders...> [--data-dir DIR] [--watch] [--no-analysis] [--json]');
    return 2;
  }
  const t0 = performance.now();
  let lastLine = 0;
  const library = openLibrary(resolve(values['data-dir'] ?? defaultDataDir()), !values['no-analysis'], (s) => {
    if (values.json || !process.stderr.isTTY || performance.now() - lastLine < 500) return;
    lastLine = performance.now();
    process.stderr.write(`\r${s.phase}: ${s.read}/${s.found} read, ${s.analysed}/${s.analysed + s.toAnalyse} analysed   `);
  });
  try {
    await library.start();
    library.importPaths(
      positionals.map((p) => resolve(p)),
      { watch: values.watch },
    );
    const s = await library.whenIdle();
    if (!values.json && process.stderr.isTTY) process.stderr.write('\n');
    console.log(values.json ? JSON.stringify(s) : summary(s, performance.now() - t0));
    return 0;
  } catch (e) {
    return reportError(e, values.json);
  } finally {
    await library.close();
  }
}

const LIST_USAGE = 'Usage: moodtape library list [--json] [--all] [--mood MUSIC_MOOD] [--data-dir DIR]';

async function list(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      mood: { type: 'string' },
    },
  });
  const mood = values.mood;
  if (mood !== undefined && !(MUSIC_MOODS as readonly string[]).includes(mood)) {
    // Face emotions describe the listener; tracks are described by music moods.
    console.error(`"${mood}" is not a music mood: --mood takes one of ${MUSIC_MOODS.join(', ')}.\n${LIST_USAGE}`);
    return 2;
  }
  const library = openLibrary(resolve(values['data-dir'] ?? defaultDataDir()), false, () => {});
  try {
    const { tracks } = library.query({ origin: values.all ? undefined : 'user', musicMood: mood as MusicMood | undefined });
    if (values.json) console.log(JSON.stringify(tracks));
    else if (tracks.length === 0)
      console.log(mood ? `No ${mood} tracks in the library.` : 'The library is empty: add music with "moodtape library add <folder>".');
    else {
      for (const t of tracks) {
        const place =
          t.moodSource === 'pending' || t.moodSource === 'failed'
            ? t.moodSource
            : `${t.musicMood} (valence ${t.valence.toFixed(2)}, arousal ${t.arousal.toFixed(2)}${t.moodSource === 'correction' ? ', corrected' : ''})`;
        console.log(`${t.artist} - ${t.title}${t.album ? ` [${t.album}]` : ''}: ${place}${t.problem ? ` - ${t.problem}` : ''}`);
      }
      console.log(`${tracks.length} track${tracks.length === 1 ? '' : 's'}`);
    }
    return 0;
  } finally {
    await library.close();
  }
}

export async function runLibrary(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'add') return add(rest);
  if (sub === 'list') return list(rest);
  console.error(
    'Usage: moodtape library add <paths...> [--data-dir DIR] | moodtape library list [--json] [--all] [--mood MUSIC_MOOD] [--data-dir DIR]',
  );
  return 2;
}
