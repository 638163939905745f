/**
 * The app's windows: the main one and the documentation. The main window: sandboxed, context-isolated, no Node in the renderer; opened where it was last
 * closed (placed onto a display that exists now) and its state saved as it moves.
 */
import { dirname } from 'node:path';
import { BrowserWindow, screen } from 'electron';
import type { AppPaths } from './paths';
import { appWindowOptions, SECURE_WEB_PREFERENCES } from './web-contents-policy';
import { captureWindowState, MIN_SIZE, restoreWindowState, type DisplayArea } from './window-state';
import { createWindowStateStore, readWindowState, windowStatePath } from './window-state-store';

function displays(): { all: DisplayArea[]; primary: DisplayArea } {
  const toArea = (d: Electron.Display): DisplayArea => ({ id: d.id, workArea: d.workArea });
  return { all: screen.getAllDisplays().map(toArea), primary: toArea(screen.getPrimaryDisplay()) };
}

export function createMainWindow(paths: AppPaths): BrowserWindow {
  // The state file sits beside the database, in the user data folder.
  const stateFile = windowStatePath(dirname(paths.dbPath));
  const { all, primary } = displays();
  const restored = restoreWindowState(readWindowState(stateFile), all, primary);

  const window = new BrowserWindow({
    ...restored.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Lexbone 法律检索',
    backgroundColor: '#f6f5f1',
    show: false,
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: paths.preloadPath },
  });
  if (restored.maximized) window.maximize();
  if (restored.fullScreen) window.setFullScreen(true);
  window.once('ready-to-show', () => window.show());

  const store = createWindowStateStore(stateFile);
  const save = (): void => {
    if (!window.isDestroyed()) store.schedule(captureWindowState(window));
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize', 'enter-full-screen', 'leave-full-screen'] as const) {
    window.on(event as 'resize', save);
  }
  window.on('close', () => store.flush(captureWindowState(window)));

  loadRenderer(window, paths);
  return window;
}

/** Loads the renderer into a window, at a page's route (`/help`) or at its start. */
function loadRenderer(window: BrowserWindow, paths: AppPaths, route?: string): void {
  const load =
    paths.renderer.kind === 'dev-server'
      ? window.loadURL(route ? `${paths.renderer.url}#${route}` : paths.renderer.url)
      : window.loadFile(paths.renderer.path, route ? { hash: route } : undefined);
  load.catch((e: unknown) => console.error('[lexbone] the renderer failed to load:', e));
}

/**
 * The documentation in an app window of its own (Help › Documentation): the renderer's help page,
 * hardened like every app window, so it opens offline on every platform without a program for .md
 * files. One such window: asked again, the open one comes to the front.
 */
export function createDocsWindow(paths: AppPaths): BrowserWindow {
  const window = new BrowserWindow({ ...appWindowOptions(paths.preloadPath), title: 'Lexbone', show: false });
  window.once('ready-to-show', () => window.show());
  loadRenderer(window, paths, '/help');
  return window;
}

/**
 * A window kept single: `show()` brings the open one to the front (restored if minimised), else
 * creates it; `current()` is the open one, if any.
 */
export function singleWindow(create: () => BrowserWindow): { show: () => void; current: () => BrowserWindow | null } {
  let win: BrowserWindow | null = null;
  return {
    show() {
      if (win && !win.isDestroyed()) {
        if (win.isMinimized()) win.restore();
        win.focus();
        return;
      }
      const created = create();
      win = created;
      created.on('closed', () => {
        if (win === created) win = null;
      });
    },
    current: () => (win && !win.isDestroyed() ? win : null),
  };
}
