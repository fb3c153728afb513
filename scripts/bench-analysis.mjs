#!/usr/bin/env node
// npm run bench:analysis: import + mood analysis of the demo tracks as 192 kbit/s MP3s through the
// app's own library code, against ffmpeg's single-thread `ebur128=peak=true` scan of the same files,
// in one run (prints numbers; not a test). Needs ffmpeg.
import { runTs } from './run-ts.mjs';
await runTs(new URL('./bench/analysis.ts', import.meta.url).pathname);
