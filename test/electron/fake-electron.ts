/**
 * The `electron` module, faked for unit tests of the shell (Electron's binary cannot run here).
 * Each test file does `vi.mock('electron', async () => (await import('./fake-electron.js')).electron)`
 * and imports the same singletons to drive and inspect them; `resetFakes()` between tests.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Listener = (...args: any[]) => void;
type Handler = (event: unknown, ...args: unknown[]) => unknown;

export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle: vi.fn((channel: string, fn: Handler) => {
    if (ipcMain.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    ipcMain.handlers.set(channel, fn);
  }),
  removeHandler: vi.fn((channel: string) => void ipcMain.handlers.delete(channel)),
};

class FakeIpcRenderer extends EventEmitter {
  invoke = vi.fn(async (_channel: string, ..._args: unknown[]): Promise<unknown> => ({ ok: true, value: null }));
}
export const ipcRenderer = new FakeIpcRenderer();

/** Files from the disk carry a `path` in these tests; anything else has none (''). */
export const webUtils = { getPathForFile: vi.fn((file: unknown) => String((file as { path?: string })?.path ?? '')) };

export const contextBridge = { exposeInMainWorld: vi.fn((_key: string, _api: unknown) => {}) };

export const protocol = {
  handlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
  registerSchemesAsPrivileged: vi.fn(),
  handle: vi.fn((scheme: string, fn: (request: Request) => Promise<Response> | Response) => {
    protocol.handlers.set(scheme, fn);
  }),
  unhandle: vi.fn((scheme: string) => void protocol.handlers.delete(scheme)),
};

export class FakeWebContents extends EventEmitter {
  sent: unknown[][] = [];
  destroyed = false;
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  send(channel: string, ...args: unknown[]) {
    this.sent.push([channel, ...args]);
  }
  isDestroyed() {
    return this.destroyed;
  }
  setWindowOpenHandler(fn: (details: { url: string }) => { action: string }) {
    this.openHandler = fn;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  webContents = new FakeWebContents();
  bounds: { x: number; y: number; width: number; height: number };
  maximized = false;
  minimized = false;
  destroyed = false;
  loaded: string | null = null;
  constructor(public options: Record<string, any>) {
    super();
    this.bounds = { x: options.x ?? 100, y: options.y ?? 100, width: options.width, height: options.height };
    FakeBrowserWindow.instances.push(this);
  }
  loadFile = vi.fn(async (file: string) => {
    this.loaded = file;
  });
  loadURL = vi.fn(async (url: string) => {
    this.loaded = url;
  });
  maximize = vi.fn(() => {
    this.maximized = true;
    this.emit('maximize');
  });
  visible = true;
  show = vi.fn(() => void (this.visible = true));
  hide = vi.fn(() => void (this.visible = false));
  isVisible = () => this.visible;
  /** Like BrowserWindow.close(): 'close' listeners may prevent it; otherwise the window is gone. */
  close() {
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroyed = true;
    this.emit('closed');
  }
  focus = vi.fn();
  restore = vi.fn(() => void (this.minimized = false));
  isMaximized = () => this.maximized;
  isMinimized = () => this.minimized;
  isFullScreen = () => false;
  isDestroyed = () => this.destroyed;
  getNormalBounds = () => ({ ...this.bounds });
  /** Test helper: the user moved/resized the window. */
  setBounds(b: Partial<FakeBrowserWindow['bounds']>) {
    this.bounds = { ...this.bounds, ...b };
    this.emit('width' in b || 'height' in b ? 'resize' : 'move');
  }
}

export const screen = {
  getAllDisplays: vi.fn(() => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }]),
};

export const shell = { openExternal: vi.fn(async (_url: string) => {}) };

export class FakeSession {
  requestHandler: Listener | null = null;
  checkHandler: Listener | null = null;
  deviceHandler: Listener | null = null;
  headersListener: Listener | null = null;
  setPermissionRequestHandler(fn: Listener) {
    this.requestHandler = fn;
  }
  setPermissionCheckHandler(fn: Listener) {
    this.checkHandler = fn;
  }
  setDevicePermissionHandler(fn: Listener) {
    this.deviceHandler = fn;
  }
  webRequest = {
    onHeadersReceived: (fn: Listener) => {
      this.headersListener = fn;
    },
  };
}
export const session = { defaultSession: new FakeSession() };

export class FakeTray extends EventEmitter {
  static instances: FakeTray[] = [];
  menu: { template: any[] } | null = null;
  tooltip = '';
  destroyed = false;
  constructor(public image: unknown) {
    super();
    FakeTray.instances.push(this);
  }
  setContextMenu(menu: { template: any[] }) {
    this.menu = menu;
  }
  setToolTip(t: string) {
    this.tooltip = t;
  }
  destroy() {
    this.destroyed = true;
  }
}

export const Menu = {
  applicationMenu: null as { template: any[] } | null,
  buildFromTemplate: vi.fn((template: any[]) => ({ template })),
  setApplicationMenu: vi.fn((menu: { template: any[] } | null) => void (Menu.applicationMenu = menu)),
};

export const systemPreferences = {
  getMediaAccessStatus: vi.fn((_type: string) => 'granted'),
  askForMediaAccess: vi.fn(async (_type: string) => true),
};

export class FakeNotification {
  static instances: FakeNotification[] = [];
  static isSupported = () => true;
  shown = false;
  constructor(public options: { title: string; body: string }) {
    FakeNotification.instances.push(this);
  }
  show() {
    this.shown = true;
  }
}

export const nativeImage = {
  createFromPath: vi.fn((path: string) => ({ path, setTemplateImage: vi.fn() })),
};

class FakeApp extends EventEmitter {
  appPath = '/opt/moodtape';
  isPackaged = false;
  gotLock = true;
  ready: () => void = () => {};
  readyPromise = new Promise<void>((r) => (this.ready = r));
  getAppPath = () => this.appPath;
  getPath = vi.fn((name: string) => `/home/listener/.config/Moodtape${name === 'userData' ? '' : '/' + name}`);
  getVersion = () => '1.2.3';
  requestSingleInstanceLock = vi.fn(() => this.gotLock);
  whenReady = vi.fn(() => this.readyPromise);
  setAppUserModelId = vi.fn();
  setPath = vi.fn();
  exit = vi.fn();
  /** Like Electron: before-quit, then will-quit (which may be prevented), then the process would end. */
  quit = vi.fn(() => {
    this.emit('before-quit');
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    this.emit('will-quit', event);
    if (!event.defaultPrevented) this.emit('test:exited');
  });
}
export const app = new FakeApp();

export const dialog = { showErrorBox: vi.fn() };

export function resetFakes(): void {
  ipcMain.handlers.clear();
  protocol.handlers.clear();
  FakeBrowserWindow.instances = [];
  FakeTray.instances = [];
  FakeNotification.instances = [];
  session.defaultSession = new FakeSession();
  ipcRenderer.removeAllListeners();
  vi.clearAllMocks();
}

/** What `vi.mock('electron', ...)` returns (the same singletons the tests import from here). */
export const electron: Record<string, any> = {
  ipcMain,
  ipcRenderer,
  contextBridge,
  webUtils,
  protocol,
  BrowserWindow: FakeBrowserWindow,
  screen,
  shell,
  session,
  Tray: FakeTray,
  Menu,
  systemPreferences,
  Notification: FakeNotification,
  nativeImage,
  app,
  dialog,
};
