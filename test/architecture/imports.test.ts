/**
 * The layout's rules, read from the code: no import cycle anywhere in src/, and imports point down
 * only (shared and core at the bottom; settings, library, vision, recommendation, listener above them; the app
 * above those; electron, serve and cli on top; the renderer and the preload reach only shared/).
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
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The files in src/ that `file` imports by a relative path, resolved as the bundler would. */
function importsOf(file: string, known: Set<string>): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (!spec.startsWith('.')) continue;
    const base = resolve(dirname(file), spec);
    const candidates = [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, `${base}.svelte.ts`, join(base, 'index.ts')];
    const hit = candidates.find((c) => known.has(c));
    if (hit) out.push(hit);
    else if (!/\.(json|css|svg|png)$/.test(spec)) throw new Error(`${relative(SRC, file)} imports ${spec}, which is not in src/`);
  }
  return out;
}

type Room = 'shared' | 'core' | 'domain' | 'app' | 'shell' | 'renderer' | 'preload';

function roomOf(file: string): Room {
  const [top, second] = relative(SRC, file).split('/');
  if (top === 'shared') return 'shared';
  if (top === 'renderer') return 'renderer';
  if (top === 'preload') return 'preload';
  if (second === 'core') return 'core';
  if (['settings', 'library', 'vision', 'recommendation', 'playlists', 'listener'].includes(second)) return 'domain';
  if (second === 'app') return 'app';
  if (['electron', 'serve', 'cli'].includes(second)) return 'shell';
  throw new Error(`${relative(SRC, file)} is in no known room: add its folder to this test's layers`);
}

/** What each room may import besides itself. */
const MAY_IMPORT: Record<Room, Room[]> = {
  shared: [],
  core: ['shared'],
  domain: ['core', 'shared'],
  app: ['domain', 'core', 'shared'],
  shell: ['app', 'domain', 'core', 'shared'],
  renderer: ['shared'],
  preload: ['shared'],
};

const files = sourceFiles(SRC);
const known = new Set(files);
const graph = new Map(files.map((f) => [f, importsOf(f, known)]));
const name = (f: string) => relative(SRC, f);

describe('imports in src/', () => {
  it('point downward only', () => {
    const upward: string[] = [];
    for (const [file, deps] of graph) {
      const from = roomOf(file);
      for (const dep of deps) {
        const to = roomOf(dep);
        if (to !== from && !MAY_IMPORT[from].includes(to)) upward.push(`${name(file)} (${from}) -> ${name(dep)} (${to})`);
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
      for (const dep of graph.get(f) ?? []) {
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
    expect(graph.get(join(SRC, 'main/library/library.ts'))).toContain(join(SRC, 'main/core/errors.ts'));
    expect(graph.get(join(SRC, 'main/app/setup-library.ts'))).toContain(join(SRC, 'main/library/library.ts'));
  });
});
