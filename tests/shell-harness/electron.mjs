/**
 * A stand-in for the `electron` module, so the built desktop shell (out/main/*.js) runs under plain
 * Node in tests: Electron's binary cannot be downloaded on the machines that run them.
 *
 * It is as thin as the shell's use of Electron allows: app lifecycle (whenReady, quit with
 * will-quit, the single-instance lock over a lock file and a socket in userData), BrowserWindow
 * and webContents as event emitters that record what they load and are sent, ipcMain, the
 * default session's permission and header handlers, Menu, shell, dialog, screen, clipboard, and
 * utilityProcess over child_process.fork (structured clone by `serialization: 'advanced'`, and a
 * `process.parentPort` shim in the child: parent-port.mjs).
 *
 * What it cannot prove: anything Chromium does (rendering, the sandbox, context isolation, the
 * CSP being enforced, GPU), asar packaging and fuses, native modules built for Electron's ABI,
 * and real focus or display changes. Those stay with the e2e suite (renderer in Chromium) and the
 * builder configuration tests.
 *
 * The test drives it over the child's IPC channel (tests/helpers/desktop-shell.ts): each message
 * { id, op, ...arguments } gets one reply { id, ok, value | error } (`id` is the message's: an
 * argument never has that name).
 */
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const userData = process.env.LEXBONE_STANDIN_USER_DATA;
if (!userData) throw new Error('the electron stand-in needs LEXBONE_STANDIN_USER_DATA');
mkdirSync(userData, { recursive: true });
const appRoot = process.env.LEXBONE_STANDIN_APP_ROOT ?? process.cwd();

/** What the shell did that a test may ask about. */
const record = { openedPaths: [], openedExternal: [], dialogs: [], clipboard: [] };

// ---------------------------------------------------------------- app
class App extends EventEmitter {
  isPackaged = false;
  #ready = false;
  #quitting = false;
  #lockServer = null;
  getPath(name) {
    if (name === 'userData') return userData;
    if (name === 'temp') return join(userData, 'tmp');
    throw new Error(`the stand-in has no path for ${name}`);
  }
  getAppPath() { return appRoot; }
  getVersion() { return JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')).version; }
  getName() { return 'Lexbone'; }
  isReady() { return this.#ready; }
  whenReady() {
    return new Promise((resolve) => (this.#ready ? resolve() : this.once('ready', () => resolve())));
  }
  requestSingleInstanceLock() {
    const lock = join(userData, 'SingletonLock');
    const socket = process.platform === 'win32' ? `\\\\.\\pipe\\lexbone-standin-${Buffer.from(userData).toString('hex').slice(-40)}` : join(userData, 'SingletonSocket');
    const take = () => {
      const fd = openSync(lock, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
    };
    try {
      take();
    } catch {
      const pid = Number(readFileSync(lock, 'utf8'));
      let alive = false;
      try { process.kill(pid, 0); alive = pid !== process.pid; } catch { alive = false; }
      if (alive) {
        // Tell the first instance, as Electron does, then let this one quit.
        const c = createConnection(socket, () => c.end(JSON.stringify(process.argv)));
        c.on('error', () => undefined);
        return false;
      }
      rmSync(lock, { force: true });
      take();
    }
    if (process.platform !== 'win32') rmSync(socket, { force: true });
    this.#lockServer = createServer((c) => {
      let argv = '';
      c.on('data', (d) => (argv += d));
      c.on('end', () => this.emit('second-instance', { preventDefault() {} }, JSON.parse(argv || '[]'), appRoot));
    }).listen(socket);
    this.#lockServer.unref();
    process.on('exit', () => rmSync(lock, { force: true }));
    return true;
  }
  quit() {
    if (this.#quitting) return;
    const before = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    this.emit('before-quit', before);
    if (before.defaultPrevented) return;
    for (const w of BrowserWindow.getAllWindows()) w.close();
    const will = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    this.emit('will-quit', will);
    if (will.defaultPrevented) return;
    this.#quitting = true;
    this.emit('quit', {}, 0);
    this.exit(0);
  }
  exit(code = 0) {
    this.#lockServer?.close();
    process.exit(code);
  }
  /** Called once the shell's modules are loaded (the stand-in's "ready"). */
  _ready() {
    this.#ready = true;
    this.emit('ready', {}, {});
  }
}
export const app = new App();

// ---------------------------------------------------------------- windows
let nextId = 1;
let focused = null;
class WebContents extends EventEmitter {
  id = nextId++;
  url = '';
  sent = [];
  #openHandler = null;
  session = null;
  send(channel, ...args) { this.sent.push({ channel, args: structuredClone(args) }); }
  setWindowOpenHandler(h) { this.#openHandler = h; }
  /** What the shell answers for window.open(url). */
  _windowOpen(url) { return this.#openHandler ? this.#openHandler({ url, frameName: '', features: '', disposition: 'new-window' }) : { action: 'allow' }; }
  /** Emits a navigation event; true when the shell prevented it. */
  _navigate(event, url) {
    const e = { url, isMainFrame: true, defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    this.emit(event, e, url);
    return e.defaultPrevented;
  }
  getURL() { return this.url; }
  isDestroyed() { return false; }
}

export class BrowserWindow extends EventEmitter {
  static #all = [];
  static getAllWindows() { return BrowserWindow.#all.slice(); }
  static getFocusedWindow() { return focused && !focused.isDestroyed() ? focused : null; }
  static fromWebContents(wc) { return BrowserWindow.#all.find((w) => w.webContents === wc) ?? null; }
  id = nextId++;
  #destroyed = false;
  #bounds;
  #maximized = false;
  #fullScreen = false;
  visible = false;
  constructor(options = {}) {
    super();
    this.options = options;
    this.#bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
    this.webContents = new WebContents();
    BrowserWindow.#all.push(this);
    app.emit('web-contents-created', {}, this.webContents);
    app.emit('browser-window-created', {}, this);
    focused = this;
  }
  #load(url) {
    this.webContents.url = url;
    return new Promise((resolve) => setImmediate(() => {
      this.webContents.emit('did-finish-load');
      this.emit('ready-to-show');
      resolve();
    }));
  }
  loadFile(path, options) {
    const url = pathToFileURL(path);
    if (options?.hash) url.hash = options.hash;
    return this.#load(url.href);
  }
  loadURL(url) { return this.#load(url); }
  isDestroyed() { return this.#destroyed; }
  isMinimized() { return false; }
  isMaximized() { return this.#maximized; }
  isFullScreen() { return this.#fullScreen; }
  isVisible() { return this.visible; }
  restore() {}
  show() { this.visible = true; focused = this; }
  focus() { focused = this; this.emit('focus'); }
  maximize() { this.#maximized = true; }
  setFullScreen(v) { this.#fullScreen = v; }
  getBounds() { return { ...this.#bounds }; }
  getNormalBounds() { return { ...this.#bounds }; }
  setBounds(b) { this.#bounds = { ...this.#bounds, ...b }; this.emit('resize'); }
  close() {
    if (this.#destroyed) return;
    const e = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    this.emit('close', e);
    if (e.defaultPrevented) return;
    this.destroy();
  }
  destroy() {
    if (this.#destroyed) return;
    this.#destroyed = true;
    BrowserWindow.#all = BrowserWindow.#all.filter((w) => w !== this);
    if (focused === this) focused = BrowserWindow.#all.at(-1) ?? null;
    this.emit('closed');
    if (BrowserWindow.#all.length === 0) app.emit('window-all-closed');
  }
}

export const screen = {
  getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 }, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }],
  getPrimaryDisplay: () => screen.getAllDisplays()[0],
};

// ---------------------------------------------------------------- IPC, session
const handlers = new Map();
class IpcMain extends EventEmitter {
  handle(channel, fn) {
    if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    handlers.set(channel, fn);
  }
  removeHandler(channel) { handlers.delete(channel); }
}
export const ipcMain = new IpcMain();

const permissions = { request: null, check: null, headers: null };
const defaultSession = {
  setPermissionRequestHandler: (h) => (permissions.request = h),
  setPermissionCheckHandler: (h) => (permissions.check = h),
  webRequest: { onHeadersReceived: (h) => (permissions.headers = h) },
};
export const session = { defaultSession };

// ---------------------------------------------------------------- menu, shell, dialog, clipboard
let applicationMenu = null;
export const Menu = {
  buildFromTemplate: (template) => ({ items: template }),
  setApplicationMenu: (menu) => (applicationMenu = menu),
  getApplicationMenu: () => applicationMenu,
};
export const shell = {
  openPath: async (p) => (record.openedPaths.push(p), ''),
  openExternal: async (url) => void record.openedExternal.push(url),
  showItemInFolder: (p) => void record.openedPaths.push(p),
};
export const dialog = {
  showMessageBox: async (...args) => {
    const options = args.find((a) => a && typeof a === 'object' && 'message' in a);
    record.dialogs.push(options?.message ?? '');
    return { response: 0, checkboxChecked: false };
  },
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
};
export const clipboard = {
  writeText: (t) => void record.clipboard.push(t),
  readText: () => record.clipboard.at(-1) ?? '',
};
export const nativeTheme = Object.assign(new EventEmitter(), { shouldUseDarkColors: false, themeSource: 'system' });

// ---------------------------------------------------------------- utilityProcess
const shim = new URL('./parent-port.mjs', import.meta.url).href;
export const utilityProcess = {
  fork(entry, args = [], options = {}) {
    const child = fork(entry, args, {
      execArgv: ['--import', shim],
      serialization: 'advanced',
      stdio: options.stdio === 'inherit' ? 'inherit' : 'pipe',
      env: options.env ?? process.env,
    });
    const proc = new EventEmitter();
    proc.pid = child.pid;
    proc.postMessage = (m) => child.connected && child.send(m);
    proc.kill = () => child.kill();
    child.on('message', (m) => proc.emit('message', m));
    child.on('spawn', () => proc.emit('spawn'));
    child.on('exit', (code) => proc.emit('exit', code ?? 0));
    return proc;
  },
};

// Preload-side modules: the harness does not run a preload (no renderer process here).
const noRenderer = () => { throw new Error('the electron stand-in runs no renderer process'); };
export const contextBridge = { exposeInMainWorld: noRenderer };
export const ipcRenderer = { invoke: noRenderer, send: noRenderer, on: noRenderer, off: noRenderer };

export default { app, BrowserWindow, screen, ipcMain, session, Menu, shell, dialog, clipboard, nativeTheme, utilityProcess, contextBridge, ipcRenderer };

// ---------------------------------------------------------------- the test's control channel
function findMenuItem(items, id) {
  for (const item of items ?? []) {
    if (item.id === id || item.label === id) return item;
    const sub = Array.isArray(item.submenu) ? item.submenu : item.submenu?.items;
    const found = findMenuItem(sub, id);
    if (found) return found;
  }
  return null;
}

const ops = {
  channels: () => [...handlers.keys()],
  invoke: async ({ channel, args = [], senderUrl }) => {
    const h = handlers.get(channel);
    if (!h) throw new Error(`no handler for ${channel}`);
    const frame = senderUrl === null ? null : { url: senderUrl ?? BrowserWindow.getAllWindows()[0]?.webContents.url };
    const value = await h({ sender: BrowserWindow.getAllWindows()[0]?.webContents, senderFrame: frame }, ...args);
    return structuredClone(value); // what crosses the real IPC boundary
  },
  windows: () => BrowserWindow.getAllWindows().map((w) => ({
    id: w.id, url: w.webContents.url, visible: w.visible, focused: BrowserWindow.getFocusedWindow() === w, sent: w.webContents.sent,
    webPreferences: w.options.webPreferences ?? {},
  })),
  openWindow: ({ url }) => {
    const w = new BrowserWindow({});
    void w.loadURL(url);
    return w.id;
  },
  focus: ({ window }) => (BrowserWindow.getAllWindows().find((w) => w.id === window)?.focus(), true),
  permission: async ({ permission, requestingUrl }) => {
    const contents = BrowserWindow.getAllWindows()[0]?.webContents ?? null;
    const request = await new Promise((resolve) => permissions.request ? permissions.request(contents, permission, resolve, { requestingUrl }) : resolve(true));
    const check = permissions.check ? permissions.check(contents, permission, new URL(requestingUrl).origin, { requestingUrl }) : true;
    return { request, check };
  },
  navigate: ({ event, url }) => BrowserWindow.getAllWindows()[0].webContents._navigate(event, url),
  windowOpen: ({ url }) => BrowserWindow.getAllWindows()[0].webContents._windowOpen(url).action,
  menuClick: ({ item: id }) => {
    const item = findMenuItem(applicationMenu?.items, id);
    if (!item?.click) throw new Error(`no menu item ${id}`);
    item.click(item, BrowserWindow.getFocusedWindow() ?? undefined, {});
    return true;
  },
  record: () => record,
  quit: () => (setImmediate(() => app.quit()), true),
};

if (process.send) {
  process.on('message', async (m) => {
    if (!m || typeof m !== 'object' || !('op' in m)) return;
    try {
      const op = ops[m.op];
      if (!op) throw new Error(`unknown op ${m.op}`);
      process.send({ id: m.id, ok: true, value: await op(m) });
    } catch (e) {
      process.send({ id: m.id, ok: false, error: String(e?.stack ?? e) });
    }
  });
  // The test going away ends the app, as closing Electron's parent would not; keeps CI clean.
  process.on('disconnect', () => process.exit(0));
}
setImmediate(() => app._ready());
