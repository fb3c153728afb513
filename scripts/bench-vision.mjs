// npm run bench:vision: how fast the vision pipeline runs here (prints numbers; not a test).
import { runTs } from './run-ts.mjs';
await runTs(new URL('./bench/vision.ts', import.meta.url).pathname);
