/**
 * The layout's rules, read from the code: no import cycle anywhere in src/, and imports point down
 * only. Main process: shared and core at the bottom; the domain rooms (settings, vision, library,
 * recommendation, playlists, listener) each on their own above them, none importing another (the app
 * wires them); the app above those; electron, serve and cli on top. The preload reaches only shared/.
 * The page: app/ on top wires the feature rooms (camera, mood, library, collections, player), which
 * use ui/, api/ and shared/; a feature may name another room's types (`import type`: the AppModel its
 * props come in, the Player the mood flow drives), never run its code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve('src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(full);
    return /\.(ts|svelte|mjs|js)$/.test(d.name) && !d.name.endsWith('.d.ts') ? [full] : [];
  });
}

// Static imports and re-exports (type-only ones too: a type cycle is still a tangle), and literal dynamic imports.
const IMPORT =
  /^[ \t]*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|^[ \t]*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;

/** The files in src/ that `file` imports by a relative path, resolved as the bundler would. */
function importsOf(file: string, known: Set<string>): Array<{ file: string; typeOnly: boolean }> {
  const text = readFileSync(file, 'utf8');
  const out: Array<{ file: string; typeOnly: boolean }> = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (!spec.startsWith('.')) continue;
    const base = resolve(dirname(file), spec);
    const candidates = [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, `${base}.svelte.ts`, join(base, 'index.ts')];
    const hit = candidates.find((c) => known.has(c));
    if (hit) out.push({ file: hit, typeOnly: /^\s*(?:import|export)\s+type\s/.test(m[0]) });
    else if (!/\.(json|css|svg|png)$/.test(spec)) throw new Error(`${relative(SRC, file)} imports ${spec}, which is not in src/`);
  }
  return out;
}

const DOMAINS = ['settings', 'library', 'vision', 'recommendation', 'playlists', 'listener'] as const;
const FEATURES = ['camera', 'mood', 'library', 'collections', 'player'] as const;

/** A file's room: `main/<folder>` for the main process, `page/<folder>` for the renderer. */
function roomOf(file: string): string {
  const [top, second] = relative(SRC, file).split('/');
  if (top === 'shared' || top === 'preload') return top;
  if (top === 'renderer') return second.includes('.') ? 'page/app' : `page/${second}`;
  return `main/${second}`;
}

/** What each room may import besides itself (code and types). */
const MAY_IMPORT: Record<string, string[]> = {
  shared: [],
  preload: ['shared'],
  'main/core': ['shared'],
  ...Object.fromEntries(DOMAINS.map((d) => [`main/${d}`, ['main/core', 'shared']])),
  'main/app': [...DOMAINS.map((d) => `main/${d}`), 'main/core', 'shared'],
  ...Object.fromEntries(
    ['electron', 'serve', 'cli'].map((s) => [`main/${s}`, ['main/app', ...DOMAINS.map((d) => `main/${d}`), 'main/core', 'shared']]),
  ),
  // `moodtape serve` starts serve mode.
  'main/cli': ['main/serve', 'main/app', ...DOMAINS.map((d) => `main/${d}`), 'main/core', 'shared'],
  'page/ui': ['shared'],
  'page/api': ['shared'],
  ...Object.fromEntries(FEATURES.map((f) => [`page/${f}`, ['page/ui', 'page/api', 'shared']])),
  'page/app': [...FEATURES.map((f) => `page/${f}`), 'page/ui', 'page/api', 'shared'],
};
/** Rooms a page feature may name the types of (never run code from). */
const PAGE_TYPES_FROM = ['page/app', ...FEATURES.map((f) => `page/${f}`)];

const files = sourceFiles(SRC);
const known = new Set(files);
const graph = new Map(files.map((f) => [f, importsOf(f, known)]));
const name = (f: string) => relative(SRC, f);

describe('imports in src/', () => {
  it('point downward only', () => {
    const upward: string[] = [];
    for (const [file, deps] of graph) {
      const from = roomOf(file);
      const may = MAY_IMPORT[from];
      if (!may) throw new Error(`${name(file)} is in no known room (${from}): add it to this test's layers`);
      for (const dep of deps) {
        const to = roomOf(dep.file);
        if (to === from || may.includes(to)) continue;
        if (dep.typeOnly && from.startsWith('page/') && PAGE_TYPES_FROM.includes(to)) continue;
        upward.push(`${name(file)} (${from}) -> ${name(dep.file)} (${to})${dep.typeOnly ? ' (types)' : ''}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('form no cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string) => {
      state.set(f, 'open');
      stack.push(f);
      for (const { file: dep } of graph.get(f) ?? []) {
        if (state.get(dep) === 'open') cycles.push([...stack.slice(stack.indexOf(dep)), dep].map(name).join(' -> '));
        else if (!state.has(dep)) visit(dep);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of files) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it('are all found (the check reads the real graph)', () => {
    // A regex that silently matched nothing would pass the two checks above.
    const deps = (f: string) => graph.get(join(SRC, f))?.map((d) => d.file);
    expect(deps('main/library/library.ts')).toContain(join(SRC, 'main/core/errors.ts'));
    expect(deps('main/app/setup-library.ts')).toContain(join(SRC, 'main/library/library.ts'));
    expect(graph.get(join(SRC, 'renderer/library/LibraryPanel.svelte'))).toContainEqual({
      file: join(SRC, 'renderer/app/app.svelte.ts'),
      typeOnly: true,
    });
  });
});
