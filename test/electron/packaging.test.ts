/** The packaged app's Electron fuses (electron-builder.yml): what a packaged build must have flipped. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const text = readFileSync(join(import.meta.dirname, '../../electron-builder.yml'), 'utf8');

/** The `key: value` lines of one top-level block (the file is plain YAML, two-space indented). */
function block(name: string): Record<string, string> {
  const m = new RegExp(`^${name}:\\n((?:  .*\\n)+)`, 'm').exec(text);
  if (!m) return {};
  return Object.fromEntries(
    m[1]!
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/:\s*/) as [string, string]),
  );
}

describe('packaging', () => {
  it('turns off the ways to run the app as plain Node and keeps code to the checked app.asar', () => {
    expect(text).toMatch(/^asar: true$/m);
    expect(block('electronFuses')).toEqual({
      runAsNode: 'false',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableCookieEncryption: 'true',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
      grantFileProtocolExtraPrivileges: 'false',
    });
  });
});
