/**
 * Hardening for every web contents the app creates: a strict CSP header (index.html carries the
 * same policy in a <meta>), no navigation away from the renderer, no new windows except the app's
 * own pages in a second app window (http(s) links open in the system browser), no permission
 * grants but clipboard writes from the app's own pages, no <webview>.
 */
import { shell, type Session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../contract/csp';
import type { UrlGuard } from './renderer-guard';
import { appWindowOptions, navigationAllowed, permissionAllowed, windowOpenDecision } from './web-contents-policy';

export { createRendererGuard, type UrlGuard } from './renderer-guard';

/** Adds the CSP header to every response; in dev the Vite server needs inline scripts and HMR. */
export function installContentSecurityPolicy(session: Session, options: { dev: boolean }): void {
  if (options.dev) return; // the dev server's index.html carries a relaxed <meta> policy instead
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}

/** Every permission refused, except those the app's own pages need (permissionAllowed). */
export function restrictPermissions(session: Session, isOwnRenderer: UrlGuard): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) =>
    callback(permissionAllowed(isOwnRenderer, permission, details.requestingUrl ?? contents?.getURL())),
  );
  session.setPermissionCheckHandler((contents, permission, _origin, details) =>
    permissionAllowed(isOwnRenderer, permission, details.requestingUrl ?? contents?.getURL()),
  );
}

export function hardenWebContents(contents: WebContents, isOwnRenderer: UrlGuard, preloadPath: string): void {
  // will-frame-navigate covers sub-frames too (will-navigate only the main frame).
  contents.on('will-frame-navigate', (event) => {
    if (!navigationAllowed(isOwnRenderer, event.url)) event.preventDefault();
  });
  contents.on('will-navigate', (event) => {
    if (!navigationAllowed(isOwnRenderer, event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!navigationAllowed(isOwnRenderer, event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url, isOwnRenderer);
    // The new window's contents are hardened too (web-contents-created), and its IPC is checked
    // against the same renderer URL.
    if (decision.action === 'app-window') return { action: 'allow', overrideBrowserWindowOptions: appWindowOptions(preloadPath) };
    if (decision.openExternally) void shell.openExternal(decision.openExternally);
    return { action: 'deny' };
  });
}
