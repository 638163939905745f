/** The main window: sandboxed, context-isolated, no Node in the renderer. */
import { BrowserWindow } from 'electron';
import type { AppPaths } from './paths';

export function createMainWindow(paths: AppPaths): BrowserWindow {
  const window = new BrowserWindow({
    width: 1100,
    height: 780,
    minWidth: 560,
    minHeight: 420,
    title: 'Lexbone 法律检索',
    backgroundColor: '#f6f5f1',
    show: false,
    webPreferences: {
      preload: paths.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());

  const load =
    paths.renderer.kind === 'dev-server'
      ? window.loadURL(paths.renderer.url)
      : window.loadFile(paths.renderer.path);
  load.catch((e: unknown) => console.error('[lexbone] the renderer failed to load:', e));
  return window;
}
