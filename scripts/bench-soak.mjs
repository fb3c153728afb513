// npm run bench:soak: memory over 10,000 live-mode frames and 5,000 WebSocket calls (prints numbers; not a test).
import { runTs } from './run-ts.mjs';
await runTs(new URL('./bench/soak.ts', import.meta.url).pathname);
