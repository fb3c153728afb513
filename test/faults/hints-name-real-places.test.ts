/** A hint sends the user to a place the app has: there is no Settings screen to look for. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errors } from '../../src/main/core/errors.js';

const src = join(import.meta.dirname, '../../src/main');
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('hints', () => {
  it("the camera hint names the camera panel's Source, not a Settings screen", () => {
    expect(errors.cameraUnavailable('0').hint).toMatch(/"Source" in the camera panel/);
  });

  it('no message of the main process sends the user to a Settings screen of ours', () => {
    const offenders = files(src).filter((f) => /in Settings\b/.test(readFileSync(f, 'utf8').replace(/System Settings/g, '')));
    expect(offenders).toEqual([]);
  });
});
