/**
 * moodtape playlist list [--json] [--data-dir DIR]
 * moodtape playlist export NAME FILE [--data-dir DIR]        M3U8, paths relative to FILE's folder where possible
 * moodtape playlist import FILE [--name NAME] [--json] [--data-dir DIR]
 * moodtape history [--json] [--limit N] [--clear] [--data-dir DIR]
 * The same playlists and history as the app (same files in the data folder).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MoodtapeError } from '../core/errors.js';
import { Catalogue } from '../library/catalogue.js';
import { libraryIndex, openPlayerData } from '../app/player-data.js';
import { assetsDir } from '../core/paths.js';
import { openLibrary } from './library.js';
import { reportError } from './output.js';
import { defaultDataDir } from './serve.js';
import { join } from 'node:path';

const USAGE =
  'Usage: moodtape playlist list [--json] | export NAME FILE | import FILE [--name NAME] [--json]   (all with [--data-dir DIR])';

function open(dataDir: string) {
  const library = openLibrary(dataDir, true, () => {});
  const data = openPlayerData(dataDir, libraryIndex(new Catalogue(join(assetsDir(), 'music')), library));
  for (const n of data.notices) console.error(`${n.message}\n${n.hint}`);
  return { library, data };
}

export async function runPlaylist(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { 'data-dir': { type: 'string' }, json: { type: 'boolean', default: false }, name: { type: 'string' } },
  });
  if (!['list', 'export', 'import'].includes(sub ?? '')) {
    console.error(USAGE);
    return 2;
  }
  if ((sub === 'export' && positionals.length !== 2) || (sub === 'import' && positionals.length !== 1)) {
    console.error(USAGE);
    return 2;
  }
  const { library, data } = open(resolve(values['data-dir'] ?? defaultDataDir()));
  try {
    if (sub === 'list') {
      const all = data.playlists.list();
      if (values.json) console.log(JSON.stringify(all));
      else if (all.length === 0) console.log('No saved playlists.');
      else for (const p of all) console.log(`${p.name} (${p.trackIds.length} tracks)`);
      return 0;
    }
    if (sub === 'export') {
      const [name, file] = positionals;
      const p = data.playlists.find(name);
      if (!p)
        throw new MoodtapeError('invalid-input', `There is no saved playlist "${name}".`, 'See the names with "moodtape playlist list".');
      const out = resolve(file);
      const { text } = data.playlists.export(p.id, dirname(out));
      writeFileSync(out, text);
      console.log(
        values.json
          ? JSON.stringify({ file: out, tracks: text.split('\n').filter((l) => l && !l.startsWith('#')).length })
          : `Wrote ${out}`,
      );
      return 0;
    }
    const file = resolve(positionals[0]);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new MoodtapeError('invalid-input', `Cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'}).`, 'Check the path.');
    }
    await library.start();
    const name = values.name ?? basename(file, extname(file));
    const r = await data.playlists.import(text, name, dirname(file));
    if (values.json) console.log(JSON.stringify(r));
    else {
      console.log(
        `Imported "${r.playlist.name}": ${r.matched} of ${r.matched + r.missing.length} entries found, ${r.imported} added to the library.`,
      );
      for (const m of r.missing) console.log(`  not found: ${m.entry} (${m.reason})`);
    }
    return 0;
  } catch (e) {
    return reportError(e, values.json);
  } finally {
    await library.close();
  }
}

export async function runHistory(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
      limit: { type: 'string' },
      clear: { type: 'boolean', default: false },
    },
  });
  const { library, data } = open(resolve(values['data-dir'] ?? defaultDataDir()));
  try {
    if (values.clear) {
      data.history.clear();
      console.log(values.json ? '[]' : 'History cleared.');
      return 0;
    }
    const limit = values.limit ? Number(values.limit) : undefined;
    const all = data.history.list(limit && limit > 0 ? limit : undefined);
    if (values.json) console.log(JSON.stringify(all));
    else if (all.length === 0) console.log('Nothing played yet.');
    else
      for (const h of all)
        console.log(
          `${new Date(h.startedAt).toLocaleString()}  ${h.artist} - ${h.title}  ${Math.round(h.playedSec)} s${h.skipped ? ' (skipped)' : ''}  ${h.source}`,
        );
    return 0;
  } finally {
    await library.close();
  }
}
