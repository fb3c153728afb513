// npm run bench:loudness: our loudness meter against ffmpeg's ebur128 on the bundled music (prints numbers; not a test).
import { runTs } from './run-ts.mjs';
await runTs(new URL('./bench/loudness.ts', import.meta.url).pathname);
