import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_PREFIX, type MoodtapeBridge } from '../../src/shared/contract.js';
import { contextBridge, ipcRenderer, webUtils } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electron);

let bridge: MoodtapeBridge;
beforeAll(async () => {
  await import('../../src/preload/index.js');
  expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [key, api] = contextBridge.exposeInMainWorld.mock.calls[0]!;
  expect(key).toBe('moodtape');
  bridge = api as MoodtapeBridge;
});

describe('preload bridge', () => {
  it('exposes exactly invoke, subscribe, mediaUrl, coverUrl and pathsForFiles (no ipcRenderer)', () => {
    expect(Object.keys(bridge).sort()).toEqual(['coverUrl', 'invoke', 'mediaUrl', 'pathsForFiles', 'subscribe']);
    for (const v of Object.values(bridge)) expect(typeof v).toBe('function');
    expect(Object.values(bridge)).not.toContain(ipcRenderer);
  });

  it('invokes known methods on their channel and passes the envelope back unchanged', async () => {
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'no-face', message: 'No face', hint: '' } });
    await expect(bridge.invoke('snapshot', null)).resolves.toEqual({ ok: false, error: { code: 'no-face', message: 'No face', hint: '' } });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith(IPC_PREFIX + 'snapshot', null);
  });

  it.each(['openDevTools', 'constructor', '__proto__', '../getState', ''])(
    'refuses an unknown method %j without touching IPC',
    async (method) => {
      ipcRenderer.invoke.mockClear();
      await expect(bridge.invoke(method as never, null)).resolves.toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      expect(ipcRenderer.invoke).not.toHaveBeenCalled();
    },
  );

  it('delivers events as (name, payload) only, drops unknown names, and unsubscribes', () => {
    const got: unknown[][] = [];
    const off = bridge.subscribe((...args) => got.push(args));
    const sender = { secret: 'the IPC event object' };
    ipcRenderer.emit(IPC_EVENT_CHANNEL, sender, 'command', 'next');
    ipcRenderer.emit(IPC_EVENT_CHANNEL, sender, 'not-an-event', 1);
    expect(got).toEqual([['command', 'next']]);
    off();
    ipcRenderer.emit(IPC_EVENT_CHANNEL, sender, 'command', 'stop');
    expect(got).toHaveLength(1);
    expect(ipcRenderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(0);
  });

  it('builds media URLs from track ids only', () => {
    expect(bridge.mediaUrl('demo-coherence')).toBe('moodtape-media://track/demo-coherence');
    expect(bridge.mediaUrl('../../etc/passwd')).toBe('moodtape-media://track/..%2F..%2Fetc%2Fpasswd');
    expect(bridge.coverUrl('demo-coherence')).toBe('moodtape-media://cover/demo-coherence');
    expect(bridge.coverUrl('a/b')).toBe('moodtape-media://cover/a%2Fb');
  });

  it('gives the paths of dropped files through webUtils.getPathForFile, skipping those without one', () => {
    const disk = [{ path: '/home/me/Music/a.opus' }, { path: '/home/me/Music/Album' }] as unknown as File[];
    const made = { name: 'made-in-page.mp3' } as unknown as File;
    webUtils.getPathForFile.mockImplementationOnce(() => '/home/me/Music/a.opus');
    expect(bridge.pathsForFiles([...disk, made])).toEqual(['/home/me/Music/a.opus', '/home/me/Music/Album']);
    expect(webUtils.getPathForFile).toHaveBeenCalledTimes(3);
    webUtils.getPathForFile.mockImplementationOnce(() => {
      throw new TypeError('not a File');
    });
    expect(bridge.pathsForFiles([made])).toEqual([]);
    expect(bridge.pathsForFiles(null as unknown as File[])).toEqual([]);
  });
});
