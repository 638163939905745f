/**
 * The desktop shell's decisions about web contents, as pure functions (no Electron), so the tests
 * check them directly; security.ts, window.ts and ipc.ts apply them.
 */
import type { UrlGuard } from './renderer-guard';

/** Every window's webPreferences: no Node in the page, sandboxed, isolated, no webviews, no mixed content. */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  spellcheck: false,
} as const;

/**
 * The URL to hand to the system browser for a link the page asked to open, or null. Only http(s)
 * (never file:, javascript:, data:, or a scheme some other program registered), only without
 * embedded credentials, and as the parser normalised it (not the raw string).
 */
export function externalLinkTarget(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  if (u.username || u.password) return null;
  return u.href;
}

/** Whether a navigation (or redirect) of a web contents may proceed: only to the app's own renderer. */
export function navigationAllowed(isOwnRenderer: UrlGuard, url: string): boolean {
  return isOwnRenderer(url);
}

export type WindowOpenDecision =
  /** A link to one of the app's own pages (an article opened "in a new tab"): a second app window. */
  | { action: 'app-window'; url: string }
  /** Anything else: no window; a web link goes to the system browser instead. */
  | { action: 'deny'; openExternally: string | null };

/** A request for a new window: the app's own pages get an app window, never anything else. */
export function windowOpenDecision(url: string, isOwnRenderer: UrlGuard): WindowOpenDecision {
  if (isOwnRenderer(url)) return { action: 'app-window', url };
  return { action: 'deny', openExternally: externalLinkTarget(url) };
}

/** The options of such a second window: the main window's hardening and preload, a reading size. */
export function appWindowOptions(preloadPath: string) {
  return {
    width: 1100,
    height: 820,
    minWidth: 720,
    minHeight: 520,
    title: 'Lexbone 法律检索',
    backgroundColor: '#f6f5f1',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: preloadPath },
  };
}

/**
 * Permissions the app's own pages may use: writing text to the clipboard (the copy buttons for a
 * citation, a command, a path). Any other permission, and any other page, is refused.
 */
const OWN_PAGE_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function permissionAllowed(isOwnRenderer: UrlGuard, permission: string, requestingUrl: string | undefined | null): boolean {
  return OWN_PAGE_PERMISSIONS.has(permission) && isOwnRenderer(requestingUrl);
}

