/**
 * Native files loaded by path (SQLite's loadable extension sqlite-vec, a better-sqlite3 binding
 * given as `nativeBinding`) cannot be read from inside an asar archive: Electron's asar support
 * covers Node's fs and require, not SQLite's or the OS loader's file access. electron-builder's
 * `asarUnpack` puts those files in app.asar.unpacked beside the archive; these functions give the
 * path there. Outside a packaged app the path is returned unchanged. Pure, no Electron.
 */

/** The `app.asar` segment of a path, followed by a separator (either kind) or the end. */
const ASAR_SEGMENT = /([\\/])app\.asar(?=[\\/]|$)/;

/** True when `path` points into an app.asar archive (not into app.asar.unpacked). */
export function isInsideAsar(path: string): boolean {
  return ASAR_SEGMENT.test(path);
}

/**
 * `…/resources/app.asar/node_modules/sqlite-vec-linux-x64/vec0.so` →
 * `…/resources/app.asar.unpacked/node_modules/sqlite-vec-linux-x64/vec0.so`; Windows paths
 * (either separator) alike; any other path unchanged. Only the first `app.asar` segment is
 * rewritten: it is the archive, anything after it is inside.
 */
export function unpackedPath(path: string): string {
  return path.replace(ASAR_SEGMENT, '$1app.asar.unpacked');
}
