import type { Database } from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import { createError } from '../../contract/errors';
import { unpackedPath } from './asar-path';

/**
 * Loading the sqlite-vec extension into a connection. Every connection that creates, writes or
 * searches a vector index needs it; opening the database and reading the registry do not.
 */

/**
 * Path of the loadable extension for this platform. Inside a packaged Electron app the npm
 * package resolves into app.asar, which SQLite cannot load from; the build unpacks `sqlite-vec-*`
 * to app.asar.unpacked, so the path is redirected there.
 */
export function vectorExtensionPath(): string {
  return unpackedPath(sqliteVec.getLoadablePath());
}

/** The loaded sqlite-vec version ('v0.1.9'), or null when the connection has none. */
function vectorExtensionVersion(db: Database): string | null {
  try {
    return (db.prepare('SELECT vec_version() AS v').get() as { v: string }).v;
  } catch {
    return null;
  }
}

/**
 * Loads sqlite-vec into `db` once (a second call is a no-op). `extensionPath` overrides the
 * package's own path, e.g. a file shipped beside the Electron app. Fails with
 * VECTOR_EXTENSION_MISSING, never with SQLite's raw message.
 */
export function loadVectorExtension(db: Database, extensionPath?: string): string {
  const loaded = vectorExtensionVersion(db);
  if (loaded) return loaded;
  let path = extensionPath;
  try {
    path ??= vectorExtensionPath();
    db.loadExtension(path);
  } catch (e) {
    throw createError('VECTOR_EXTENSION_MISSING', `${path ?? 'sqlite-vec'}: ${(e as Error).message}`);
  }
  const version = vectorExtensionVersion(db);
  if (!version) throw createError('VECTOR_EXTENSION_MISSING', `${path} has no vec_version()`);
  return version;
}
