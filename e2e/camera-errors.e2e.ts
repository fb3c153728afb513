/** What the user sees when the camera cannot help: no face in view, or no camera at all. */
import { describe, expect, it } from 'vitest';
import { VIDEO } from './helpers/paths.js';
import { sessionForBlock } from './helpers/session.js';
import { byTestId, dismissErrors, expectErrorShown, text } from './helpers/ui.js';

describe('no face in view', () => {
  const session = sessionForBlock(VIDEO.noFace);

  it('says there is no face, and the message can be dismissed', async () => {
    const { page } = session();
    await byTestId(page, 'snapshot').click();
    await expectErrorShown(page, /face/i);
    expect(await byTestId(page, 'mood-label').count()).toBe(0);
    await dismissErrors(page);
  });

  it('met no CSP violation or page error', async () => {
    await session().expectNoProblems();
  });
});

describe('missing camera', () => {
  const session = sessionForBlock(VIDEO.missing);

  it('explains a failed snapshot', async () => {
    const { page } = session();
    await byTestId(page, 'snapshot').click();
    await expectErrorShown(page, /camera/i);
    expect(await byTestId(page, 'mood-label').count()).toBe(0);
  });

  it('explains a camera that does not turn on, and stays off', async () => {
    const { page } = session();
    await dismissErrors(page);
    await byTestId(page, 'camera-toggle').click();
    await expectErrorShown(page, /camera/i);
    expect(await text(page, 'camera-status')).toMatch(/camera off/i);
  });

  it('met no CSP violation or page error', async () => {
    await session().expectNoProblems();
  });
});
