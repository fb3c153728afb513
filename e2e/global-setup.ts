/**
 * Builds the app once before the end-to-end run, so the tests never exercise a stale dist/.
 * Set MOODTAPE_E2E_SKIP_BUILD=1 when the caller has just built it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './helpers/paths.js';

export default function setup(): void {
  if (process.env.MOODTAPE_E2E_SKIP_BUILD !== '1') {
    const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('"npm run build" failed; the end-to-end tests need the built app.');
  }
  for (const f of ['dist/main/cli.js', 'dist/preload/index.cjs', 'dist/renderer/index.html']) {
    if (!existsSync(join(REPO_ROOT, f))) throw new Error(`${f} is missing: run "npm run build" first.`);
  }
}
