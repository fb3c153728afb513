import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { CSP_PLACEHOLDER, META_CONTENT_SECURITY_POLICY } from './src/shared/csp.js';

/** Writes the one CSP (src/shared/csp.ts) into index.html's meta tag. */
const contentSecurityPolicy = (): Plugin => ({
  name: 'moodtape-csp',
  transformIndexHtml(html) {
    if (!html.includes(CSP_PLACEHOLDER)) throw new Error(`index.html has no ${CSP_PLACEHOLDER} for the Content-Security-Policy`);
    return html.replace(CSP_PLACEHOLDER, META_CONTENT_SECURITY_POLICY);
  },
});

// The renderer: built into dist/renderer, loaded by Electron from file:// or served over HTTP by serve mode.
export default defineConfig({
  root: fileURLToPath(new URL('./src/renderer', import.meta.url)),
  // Relative asset URLs work from either origin (http://127.0.0.1:PORT/ or file://).
  base: './',
  plugins: [svelte({ configFile: false, compilerOptions: { runes: true } }), contentSecurityPolicy()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Chromium supports modulepreload natively; the polyfill would only add code.
    modulePreload: { polyfill: false },
    sourcemap: true,
    // Keep everything as files: data: URLs for scripts or fonts would need a looser CSP.
    assetsInlineLimit: 0,
  },
});
