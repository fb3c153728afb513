/** The renderer's one CSP: the same rules for the page's meta tag and both shells' headers. */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { CSP as SERVE_CSP } from '../../src/main/serve/security.js';
import { CONTENT_SECURITY_POLICY as ELECTRON_CSP } from '../../src/main/electron/security.js';
import { CONTENT_SECURITY_POLICY, CSP_PLACEHOLDER, META_CONTENT_SECURITY_POLICY } from '../../src/shared/csp.js';

vi.mock('electron', async () => (await import('../electron/fake-electron.js')).electron);

const directives = (policy: string) => new Map(policy.split(/;\s*/).map((d) => [d.split(' ')[0], d.slice(d.indexOf(' ') + 1)]));

describe('content security policy', () => {
  it('is one policy: serve mode and the desktop session send the same header', () => {
    expect(SERVE_CSP).toBe(CONTENT_SECURITY_POLICY);
    expect(ELECTRON_CSP).toBe(CONTENT_SECURITY_POLICY);
  });

  it('the meta form is the header without what a meta tag cannot carry', () => {
    const header = directives(CONTENT_SECURITY_POLICY);
    const meta = directives(META_CONTENT_SECURITY_POLICY);
    expect(meta.has('frame-ancestors')).toBe(false);
    expect(header.get('frame-ancestors')).toBe("'none'");
    for (const [k, v] of meta) expect(header.get(k)).toBe(v);
  });

  it('lets the page load audio and cover art from the media scheme, and nothing loose', () => {
    const d = directives(CONTENT_SECURITY_POLICY);
    expect(d.get('img-src')).toBe("'self' data: moodtape-media:");
    expect(d.get('media-src')).toBe("'self' moodtape-media:");
    expect(d.get('script-src')).toBe("'self'");
    expect(d.get('object-src')).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|\*|ws:/);
  });

  it('index.html takes the meta policy from the build', () => {
    const html = readFileSync(new URL('../../src/renderer/index.html', import.meta.url), 'utf8');
    expect(html).toContain(`http-equiv="Content-Security-Policy" content="${CSP_PLACEHOLDER}"`);
  });
});
