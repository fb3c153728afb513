// npm run bench:live-cpu: the share of one core live mode uses at 15 fps, preview JPEGs included (prints numbers; not a test).
import { runTs } from './run-ts.mjs';
await runTs(new URL('./bench/live-cpu.ts', import.meta.url).pathname);
