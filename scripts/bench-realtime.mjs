// npm run bench:realtime: Moodtape's vision with and without face tracking, next to @vladmandic/human and @vladmandic/face-api (prints numbers; not a test).
import { runTs } from './run-ts.mjs';
await runTs(new URL('./bench/realtime.ts', import.meta.url).pathname);
