/**
 * Who may talk to the main process: only the app's own renderer. Pure (no Electron), so the
 * tests check it directly; security.ts and the IPC handlers use it.
 */

export type UrlGuard = (url: string | undefined | null) => boolean;

/**
 * True only for the app's own renderer: the same index.html for a file:// renderer (any hash or
 * query), the same origin for the dev server.
 */
export function createRendererGuard(rendererUrl: string, platform: NodeJS.Platform = process.platform): UrlGuard {
  const own = new URL(rendererUrl);
  // Windows paths are case-insensitive, and Chromium upper-cases the drive letter that Node's
  // pathToFileURL keeps as typed (`cd c:\lexbone && npm start`).
  const samePath = platform === 'win32' ? (a: string, b: string) => decodeURIComponent(a).toLowerCase() === decodeURIComponent(b).toLowerCase() : (a: string, b: string) => a === b;
  return (url) => {
    if (!url) return false;
    let candidate: URL;
    try {
      candidate = new URL(url);
    } catch {
      return false;
    }
    if (own.protocol === 'file:') return candidate.protocol === 'file:' && samePath(candidate.pathname, own.pathname);
    return candidate.origin === own.origin;
  };
}
