/**
 * Installs the application menu and carries out its commands: page items send a validated
 * MenuEvent to the renderer over the one-way menu channel (the renderer sets its location hash),
 * folder items open the file manager, about shows the version and the data folder, documentation
 * opens the help page in an app window.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { app, dialog, Menu, shell, type BrowserWindow } from 'electron';
import { parseMenuEvent, SHELL_CHANNELS, type MenuEvent, type ShellLang } from '../contract/shell-types';
import { MENU_STRINGS } from './menu-strings';
import { buildMenuTemplate, type MenuCommand } from './menu-template';
import type { AppPaths } from './paths';
import { createDocsWindow, singleWindow } from './window';

export interface AppMenu {
  /** Rebuilds the menu in another language (the renderer's choice). */
  setLanguage(lang: ShellLang): void;
}

/** Sends a menu event to the window, validated on this side too: nothing else goes down the channel. */
function sendMenuEvent(window: BrowserWindow | null, event: MenuEvent): boolean {
  const valid = parseMenuEvent(event);
  if (!valid || !window || window.isDestroyed()) return false;
  window.webContents.send(SHELL_CHANNELS.menu, valid);
  return true;
}

/** Shows a folder in the file manager, creating it first if it does not exist yet. */
export async function openFolder(dir: string): Promise<boolean> {
  try {
    mkdirSync(dir, { recursive: true });
    return (await shell.openPath(dir)) === '';
  } catch (e) {
    console.warn(`[lexbone] could not open ${dir}:`, e);
    return false;
  }
}

/** The user's models folder (the second model dir; the first is the bundled one). */
export const userModelsDir = (paths: AppPaths): string => paths.modelDirs.at(-1) ?? join(dirname(paths.dbPath), 'models');

export function installAppMenu(paths: AppPaths, getWindow: () => BrowserWindow | null, initialLang: ShellLang = 'zh'): AppMenu {
  let lang = initialLang;
  const docs = singleWindow(() => createDocsWindow(paths));

  const about = (): void => {
    const t = MENU_STRINGS[lang];
    const runtime = `Electron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`;
    const options = {
      type: 'info' as const,
      title: t.aboutTitle,
      message: t.aboutMessage(app.getVersion()),
      detail: t.aboutDetail(dirname(paths.dbPath), runtime),
      buttons: [t.ok],
    };
    const window = getWindow();
    void (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
  };

  const onCommand = (command: MenuCommand): void => {
    switch (command.kind) {
      case 'navigate':
        sendMenuEvent(getWindow(), { type: 'navigate', page: command.page });
        return;
      case 'import-statutes':
        sendMenuEvent(getWindow(), { type: 'import-statutes' });
        return;
      case 'open-data-folder':
        void openFolder(dirname(paths.dbPath));
        return;
      case 'open-models-folder':
        void openFolder(userModelsDir(paths));
        return;
      case 'about':
        about();
        return;
      case 'docs':
        docs.show();
        return;
    }
  };

  const install = (): void => {
    Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({ platform: process.platform, lang, isPackaged: app.isPackaged, onCommand })));
  };
  install();

  return {
    setLanguage(next) {
      if (next === lang) return;
      lang = next;
      install();
    },
  };
}
