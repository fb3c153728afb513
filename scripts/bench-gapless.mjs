// npm run bench:gapless: the gap between tracks in Chromium, gapless same-album handover vs the plain path (prints numbers; not a test).
import { runTs } from './run-ts.mjs';
await runTs(new URL('./bench/gapless.ts', import.meta.url).pathname);
