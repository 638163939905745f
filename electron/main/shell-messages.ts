/**
 * The renderer → main shell messages (reveal a folder, the UI language), checked before anything
 * happens: the sender must be the app's own renderer and the payload one of the known values.
 * Pure, so the tests drive it with any sender URL and payload; shell-ipc.ts binds it to ipcMain.
 */
import { parseRevealTarget, parseShellLang, type RevealTarget, type ShellLang } from '../contract/shell-types';
import type { UrlGuard } from './renderer-guard';

export interface ShellActions {
  reveal(target: RevealTarget): Promise<boolean>;
  setLanguage(lang: ShellLang): void;
}

export interface ShellMessageHandlers {
  /** Answers the renderer's reveal request: true when the folder was shown. */
  reveal(senderUrl: string | undefined, payload: unknown): Promise<boolean>;
  /** A one-way language message; returns whether it was taken. */
  language(senderUrl: string | undefined, payload: unknown): boolean;
}

export function createShellMessageHandlers(
  isOwnRenderer: UrlGuard,
  actions: ShellActions,
  warn: (message: string) => void = (m) => console.warn(`[lexbone] ${m}`),
): ShellMessageHandlers {
  return {
    async reveal(senderUrl, payload) {
      if (!isOwnRenderer(senderUrl)) {
        warn(`refused a folder request from ${senderUrl ?? 'a destroyed frame'}`);
        return false;
      }
      const target = parseRevealTarget(payload);
      if (!target) {
        warn(`refused a folder request for ${JSON.stringify(payload) ?? 'nothing'}`);
        return false;
      }
      return actions.reveal(target);
    },
    language(senderUrl, payload) {
      const lang = parseShellLang(payload);
      if (!isOwnRenderer(senderUrl) || !lang) {
        warn(`ignored a language message from ${senderUrl ?? 'a destroyed frame'}`);
        return false;
      }
      actions.setLanguage(lang);
      return true;
    },
  };
}
