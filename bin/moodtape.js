#!/usr/bin/env node
// The `moodtape` command: runs the built CLI (npm run build makes dist/main/cli.js).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('Moodtape is not built yet: run "npm run build" (or "bash scripts/setup.sh") first.');
  process.exit(1);
}
await import(cli);
