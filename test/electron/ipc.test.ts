import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_PREFIX, METHODS } from '../../src/shared/contract.js';
import { FakeWebContents, ipcMain, resetFakes } from './fake-electron.js';
import { fakeMoodtape, mood } from './fake-moodtape.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electron);
const { bindIpc } = await import('../../src/main/electron/ipc.js');
const { APP_PAGE_URL, isAppPage } = await import('../../src/main/electron/page-protocol.js');

const appUrl = APP_PAGE_URL;
const isOurs = (url: string) => isAppPage(url);
const invoke = (method: string, params: unknown, url: string | null) =>
  ipcMain.handlers.get(IPC_PREFIX + method)!({ senderFrame: url === null ? null : { url } }, params);

describe('IPC binding', () => {
  let contents: FakeWebContents;
  beforeEach(() => {
    resetFakes();
    contents = new FakeWebContents();
  });

  it('registers one handler per contract method and routes calls to moodtape.call', async () => {
    const m = fakeMoodtape();
    bindIpc(m, { isAppPage: isOurs, target: () => contents as never });
    expect([...ipcMain.handlers.keys()].sort()).toEqual(METHODS.map((x) => IPC_PREFIX + x).sort());

    await expect(invoke('setManualMood', 'happy', appUrl)).resolves.toEqual({ ok: true, value: 'setManualMood done' });
    expect(m.call).toHaveBeenCalledWith('setManualMood', 'happy');
    // hash / query on the app page are still the app page
    await invoke('getState', null, `${appUrl}#/about`);
    expect(m.call).toHaveBeenLastCalledWith('getState', null);
  });

  it('passes invalid params through for the app to validate (it answers with an envelope)', async () => {
    const m = fakeMoodtape();
    m.call.mockResolvedValueOnce({ ok: false, error: { code: 'invalid-input', message: 'bad', hint: '' } });
    bindIpc(m, { isAppPage: isOurs, target: () => null });
    await expect(invoke('updateSettings', { mode: 'turbo' }, appUrl)).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });

  it.each([
    ['a web page', 'https://evil.example/index.html'],
    ['another local file', pathToFileURL('/tmp/evil.html').href],
    ['the renderer page from file://', pathToFileURL(join('/opt', 'moodtape', 'dist', 'renderer', 'index.html')).href],
    ['a sibling of the app page', 'app://moodtape/other.html'],
    ['a look-alike host', 'app://moodtape.evil/index.html'],
    ['a look-alike path', `${appUrl}/../../../../tmp/index.html`],
    ['a data URL', 'data:text/html,<script>1</script>'],
    ['a destroyed frame', null],
  ])('refuses calls from %s', async (_what, url) => {
    const m = fakeMoodtape();
    bindIpc(m, { isAppPage: isOurs, target: () => null });
    await expect(invoke('getState', null, url)).rejects.toThrow(/refused/);
    expect(m.call).not.toHaveBeenCalled();
  });

  it('forwards every app event to the window, skipping a destroyed or missing one', () => {
    const m = fakeMoodtape();
    let target: FakeWebContents | null = contents;
    bindIpc(m, { isAppPage: isOurs, target: () => target as never });
    m.emit('mood', mood('sad', 'live'));
    m.emit('command', 'next');
    expect(contents.sent).toEqual([
      [IPC_EVENT_CHANNEL, 'mood', mood('sad', 'live')],
      [IPC_EVENT_CHANNEL, 'command', 'next'],
    ]);
    contents.destroyed = true;
    m.emit('command', 'stop');
    target = null;
    m.emit('command', 'stop');
    expect(contents.sent).toHaveLength(2);
  });

  it('the disposer removes the handlers and the event subscription', () => {
    const m = fakeMoodtape();
    const dispose = bindIpc(m, { isAppPage: isOurs, target: () => contents as never });
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
    expect(m.listeners.size).toBe(0);
    // binding again works (no "second handler" error)
    bindIpc(m, { isAppPage: isOurs, target: () => contents as never });
    expect(ipcMain.handlers.size).toBe(METHODS.length);
  });
});
