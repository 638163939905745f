/**
 * The application menu as data: a pure function of the platform, the UI language and whether the
 * app is packaged. Clicks become `MenuCommand`s handed to one callback (menu.ts carries them out),
 * so the tests can read the template and click it without Electron.
 *
 * macOS gets the app menu (about, services, hide, quit) and a Window menu; Windows and Linux put
 * quit in File and about in Help. Dev tools and reload exist only in an unpackaged build.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { SHELL_PAGES, type ShellLang, type ShellPage } from '../contract/shell-types';
import { MENU_STRINGS } from './menu-strings';

export type MenuCommand =
  | { kind: 'navigate'; page: ShellPage }
  | { kind: 'import-statutes' }
  | { kind: 'open-data-folder' }
  | { kind: 'open-models-folder' }
  | { kind: 'about' }
  | { kind: 'docs' };

export interface MenuOptions {
  platform: NodeJS.Platform;
  lang: ShellLang;
  isPackaged: boolean;
  onCommand: (command: MenuCommand) => void;
}

/** Ctrl/Cmd+1 … 5 open the pages in SHELL_PAGES order. */
const pageAccelerator = (page: ShellPage): string => `CmdOrCtrl+${SHELL_PAGES.indexOf(page) + 1}`;

export function buildMenuTemplate({ platform, lang, isPackaged, onCommand }: MenuOptions): MenuItemConstructorOptions[] {
  const t = MENU_STRINGS[lang];
  const mac = platform === 'darwin';
  const run = (command: MenuCommand) => () => onCommand(command);
  const sep: MenuItemConstructorOptions = { type: 'separator' };

  const appMenu: MenuItemConstructorOptions = {
    label: 'Lexbone',
    submenu: [
      { label: t.about, id: 'about', click: run({ kind: 'about' }) },
      sep,
      { role: 'services' },
      sep,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      sep,
      { role: 'quit', label: t.quit },
    ],
  };

  const file: MenuItemConstructorOptions = {
    label: t.file,
    id: 'file',
    submenu: [
      { label: t.importStatutes, id: 'import-statutes', accelerator: 'CmdOrCtrl+O', click: run({ kind: 'import-statutes' }) },
      { label: t.openDataFolder, id: 'open-data-folder', click: run({ kind: 'open-data-folder' }) },
      ...(mac ? [] : [sep, { role: 'quit', label: t.quit, accelerator: 'Ctrl+Q' } satisfies MenuItemConstructorOptions]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: t.edit,
    id: 'edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      sep,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } satisfies MenuItemConstructorOptions] : []),
      { role: 'delete' },
      sep,
      { role: 'selectAll' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: t.view,
    id: 'view',
    submenu: [
      ...SHELL_PAGES.map((page): MenuItemConstructorOptions => ({
        label: t.pages[page],
        id: `page-${page}`,
        accelerator: pageAccelerator(page),
        click: run({ kind: 'navigate', page }),
      })),
      sep,
      { role: 'resetZoom', label: t.resetZoom },
      { role: 'zoomIn', label: t.zoomIn },
      { role: 'zoomOut', label: t.zoomOut },
      sep,
      { role: 'togglefullscreen', label: t.fullScreen },
      ...(isPackaged
        ? []
        : [sep, { role: 'reload', label: t.reload } satisfies MenuItemConstructorOptions, { role: 'toggleDevTools', label: t.devTools } satisfies MenuItemConstructorOptions]),
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: t.help,
    id: 'help',
    submenu: [
      ...(mac ? [] : [{ label: t.about, id: 'about', click: run({ kind: 'about' }) } satisfies MenuItemConstructorOptions, sep]),
      { label: t.openModelsFolder, id: 'open-models-folder', click: run({ kind: 'open-models-folder' }) },
      { label: t.docs, id: 'docs', click: run({ kind: 'docs' }) },
    ],
  };

  const windowMenu: MenuItemConstructorOptions = { role: 'windowMenu', label: t.window };

  return mac ? [appMenu, file, edit, view, windowMenu, help] : [file, edit, view, help];
}
