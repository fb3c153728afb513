/**
 * Sandboxed preload: exposes `window.moodtape`, a MoodtapeBridge, and nothing else.
 * Bundled to CJS (sandboxed preloads may only require 'electron'); the constants come from the contract.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import {
  IPC_EVENT_CHANNEL,
  IPC_PREFIX,
  MEDIA_SCHEME,
  isEventName,
  isMethod,
  type Envelope,
  type MoodtapeBridge,
} from '../shared/contract.js';

const bridge: MoodtapeBridge = {
  invoke(method, params) {
    if (!isMethod(method)) {
      const refused: Envelope<unknown> = {
        ok: false,
        error: { code: 'invalid-input', message: `Unknown request "${String(method)}"`, hint: 'This is a bug in Moodtape.' },
      };
      return Promise.resolve(refused);
    }
    return ipcRenderer.invoke(IPC_PREFIX + method, params) as Promise<Envelope<unknown>>;
  },
  subscribe(listener) {
    if (typeof listener !== 'function') throw new TypeError('subscribe needs a function');
    // The IPC event object never reaches the page: only the event name and its payload.
    const relay = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (isEventName(name)) listener(name, payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, relay);
    };
  },
  mediaUrl(trackId) {
    return `${MEDIA_SCHEME}://track/${encodeURIComponent(String(trackId))}`;
  },
  coverUrl(trackId) {
    return `${MEDIA_SCHEME}://cover/${encodeURIComponent(String(trackId))}`;
  },
  pathsForFiles(files) {
    // Dropped or picked files (and folders): their real paths, which main then validates as absolute.
    const paths: string[] = [];
    for (const f of Array.from(files ?? [])) {
      let p = '';
      try {
        p = webUtils.getPathForFile(f);
      } catch {
        /* not a File the browser got from the disk */
      }
      if (typeof p === 'string' && p) paths.push(p);
    }
    return paths;
  },
};

contextBridge.exposeInMainWorld('moodtape', bridge);
