/**
 * The desktop shell's own messages, apart from the API: the application menu tells the renderer
 * to show a page (main → renderer, one way), the renderer asks the shell to reveal a folder and
 * tells it the UI language for the menu (renderer → main). Web mode has none of these. Every
 * message is validated on arrival with the parsers below; nothing else crosses these channels.
 */

/** The pages the View menu opens, in menu order (Ctrl/Cmd+1 … 5). Their routes are `#/<page>`. */
export const SHELL_PAGES = ['search', 'research', 'folders', 'models', 'eval'] as const;
export type ShellPage = (typeof SHELL_PAGES)[number];

const SHELL_LANGS = ['zh', 'en'] as const;
export type ShellLang = (typeof SHELL_LANGS)[number];

/** Folders the renderer may ask the desktop shell to show in the file manager. */
const REVEAL_TARGETS = ['data-folder', 'models-folder'] as const;
export type RevealTarget = (typeof REVEAL_TARGETS)[number];

/** What a menu click asks of the renderer. */
export type MenuEvent = { type: 'navigate'; page: ShellPage } | { type: 'import-statutes' };

/** Channel names; never `lexbone:` (IPC_PREFIX), so they cannot collide with an API method. */
export const SHELL_CHANNELS = {
  /** main → renderer: a MenuEvent. */
  menu: 'lexbone-shell:menu',
  /** renderer → main (invoke): a RevealTarget; answers true when the folder was shown. */
  reveal: 'lexbone-shell:reveal',
  /** renderer → main (send): the UI language, so the menu speaks it too. */
  language: 'lexbone-shell:language',
} as const;

/** Where the library lives on this machine (the `locations` API method). */
export interface DataLocations {
  /** The user data folder holding the databases. */
  dataDir: string;
  /** The library database (lexbone.db). */
  dbPath: string;
  /** Research folders and history (research.db), kept apart from the library. */
  researchDbPath: string;
  /** Where users put their own exported models. */
  userModelsDir: string;
}

const includes = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);

export function parseMenuEvent(raw: unknown): MenuEvent | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { type, page, ...rest } = raw as Record<string, unknown>;
  if (Object.keys(rest).length) return null;
  if (type === 'navigate' && includes(SHELL_PAGES, page)) return { type, page };
  if (type === 'import-statutes' && page === undefined) return { type };
  return null;
}

export const parseRevealTarget = (raw: unknown): RevealTarget | null => (includes(REVEAL_TARGETS, raw) ? raw : null);
export const parseShellLang = (raw: unknown): ShellLang | null => (includes(SHELL_LANGS, raw) ? raw : null);

/** The renderer route a menu event opens: `#/models?action=import` for the statute import. */
export function menuEventHash(event: MenuEvent, request?: number): string {
  if (event.type === 'navigate') return `#/${event.page}`;
  // `n` numbers the requests, so a second import request changes the hash (hashchange fires again).
  return request === undefined ? '#/models?action=import' : `#/models?action=import&n=${request}`;
}

/** What the preload exposes as `window.lexboneShell` in the desktop app (absent in web mode). */
export interface ShellBridge {
  /** Calls `listener` for each validated menu event; returns the unsubscribe function. */
  onMenu(listener: (event: MenuEvent) => void): () => void;
  /** Shows the folder in the system file manager; false if it could not. */
  reveal(target: RevealTarget): Promise<boolean>;
  /** Tells the shell the UI language, so the menu follows it. */
  setLanguage(lang: ShellLang): void;
}
