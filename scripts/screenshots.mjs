// node scripts/screenshots.mjs: the README's screenshots (dark, light, 800x600) from the built app in Chromium.
import { runTs } from './run-ts.mjs';
await runTs(new URL('./screenshots.ts', import.meta.url).pathname);
