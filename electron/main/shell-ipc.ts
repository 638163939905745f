/** Binds the shell messages (shell-messages.ts) to ipcMain; returns the function that unbinds them. */
import { ipcMain } from 'electron';
import { SHELL_CHANNELS } from '../contract/shell-types';
import type { UrlGuard } from './renderer-guard';
import { createShellMessageHandlers, type ShellActions } from './shell-messages';

export function registerShellHandlers(isOwnRenderer: UrlGuard, actions: ShellActions): () => void {
  const handlers = createShellMessageHandlers(isOwnRenderer, actions);
  ipcMain.handle(SHELL_CHANNELS.reveal, (event, target: unknown) => handlers.reveal(event.senderFrame?.url, target));
  const onLanguage = (event: Electron.IpcMainEvent, lang: unknown): void => {
    handlers.language(event.senderFrame?.url, lang);
  };
  ipcMain.on(SHELL_CHANNELS.language, onLanguage);
  return () => {
    ipcMain.removeHandler(SHELL_CHANNELS.reveal);
    ipcMain.off(SHELL_CHANNELS.language, onLanguage);
  };
}
