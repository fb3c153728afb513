// How the face-tracking search was tuned: node scripts/bench-tune-tracking.mjs (prints numbers; not a test).
import { runTs } from './run-ts.mjs';
await runTs(new URL('./bench/tune-tracking.ts', import.meta.url).pathname);
