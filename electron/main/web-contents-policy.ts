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

/** A request for a new window: always denied; a web link goes to the system browser instead. */
export function windowOpenDecision(url: string): { action: 'deny'; openExternally: string | null } {
  return { action: 'deny', openExternally: externalLinkTarget(url) };
}
