/**
 * Electron shell: app lifecycle, the single window, IPC registration. The retrieval work lives in
 * the backbone; this file only wires it to the window.
 */
import { dirname } from 'node:path';
import { app, BrowserWindow, session } from 'electron';
import { registerApiHandlers } from './ipc';
import { installAppMenu, openFolder, userModelsDir } from './menu';
import { resolveAppPaths } from './paths';
import { createRendererGuard, restrictPermissions, hardenWebContents, installContentSecurityPolicy } from './security';
import { openAppService, type AppService } from './service';
import { registerShellHandlers } from './shell-ipc';
import { createMainWindow, singleWindow } from './window';

function run(): void {
  const paths = resolveAppPaths();
  const isOwnRenderer = createRendererGuard(paths.renderer.url);
  const main = singleWindow(() => createMainWindow(paths));
  let service: AppService | null = null;

  let closing = false;
  const showWindow = (): void => {
    if (closing) return; // a relaunch while this process quits must not open a window in it
    main.show();
  };

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, isOwnRenderer, paths.preloadPath));
  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Close the database (and stop an import worker) before the process exits.
  app.on('will-quit', (event) => {
    if (!service) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    service
      .close()
      .catch((e: unknown) => console.error('[lexbone] closing the backbone failed:', e))
      .finally(() => {
        service = null;
        app.quit();
      });
  });

  app
    .whenReady()
    .then(() => {
      installContentSecurityPolicy(session.defaultSession, { dev: paths.renderer.kind === 'dev-server' });
      restrictPermissions(session.defaultSession, isOwnRenderer);
      service = openAppService(paths);
      registerApiHandlers(service.handlers, isOwnRenderer);
      // Menu commands act on the app window in front (a second window opened from a link), else the main one.
      const menu = installAppMenu(paths, () => BrowserWindow.getFocusedWindow() ?? main.current());
      registerShellHandlers(isOwnRenderer, {
        reveal: (target) => openFolder(target === 'models-folder' ? userModelsDir(paths) : dirname(paths.dbPath)),
        setLanguage: (lang) => menu.setLanguage(lang),
      });
      showWindow();
    })
    .catch((e: unknown) => {
      console.error('[lexbone] startup failed:', e);
      app.exit(1);
    });
}

if (app.requestSingleInstanceLock()) run();
else app.quit();
