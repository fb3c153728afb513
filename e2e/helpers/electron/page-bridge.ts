/**
 * The renderer-side stand-ins for Electron's primitives, as a script that runs in the page before
 * its own (as a preload does): contextBridge puts the API on window, ipcRenderer.invoke goes to the
 * test process through a Playwright binding, events come back through `__moodtapeIpcEmit`, and
 * webUtils.getPathForFile answers for files the test took from the disk. The real preload bundle
 * (dist/preload/index.cjs) then runs against them, unchanged.
 */
export const INVOKE_BINDING = '__moodtapeIpcInvoke';
export const EMIT_FUNCTION = '__moodtapeIpcEmit';
/** page: register(file, path) for files a test "drops from the file manager". */
export const FILE_PATHS = '__moodtapeDiskFiles';

export function pageBridgeScript(preloadSource: string): string {
  return `(() => {
  const listeners = new Map();
  const files = { byFile: new WeakMap(), byName: new Map() };
  Object.defineProperty(window, ${JSON.stringify(FILE_PATHS)}, {
    value: Object.freeze({
      register(file, path) { files.byFile.set(file, path); },
      registerName(name, path) { files.byName.set(name, path); },
    }),
  });
  Object.defineProperty(window, ${JSON.stringify(EMIT_FUNCTION)}, {
    value(channel, args) {
      for (const fn of [...(listeners.get(channel) || [])]) fn({ sender: null }, ...args);
    },
  });
  const electron = {
    contextBridge: {
      exposeInMainWorld(key, api) {
        // contextBridge hands the page a frozen copy of plain functions.
        Object.defineProperty(window, key, { value: Object.freeze({ ...api }), enumerable: false });
      },
    },
    ipcRenderer: {
      invoke(channel, ...args) { return window[${JSON.stringify(INVOKE_BINDING)}](channel, args); },
      on(channel, fn) {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel).add(fn);
        return this;
      },
      removeListener(channel, fn) { listeners.get(channel)?.delete(fn); return this; },
    },
    webUtils: {
      getPathForFile(file) {
        if (!(file instanceof File)) throw new TypeError('getPathForFile needs a File');
        return files.byFile.get(file) ?? files.byName.get(file.name) ?? '';
      },
    },
  };
  const module = { exports: {} };
  const require = (name) => {
    if (name === 'electron') return electron;
    throw new Error('a sandboxed preload can only require electron, not ' + name);
  };
  (function (module, exports, require) {
${preloadSource}
  })(module, module.exports, require);
})();`;
}
