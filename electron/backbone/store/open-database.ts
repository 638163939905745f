import type Database from 'better-sqlite3';
import { createError } from '../../contract/errors';
import { rebuildLibraryDerived } from './derived-data';
import { APPLICATION_ID, MIGRATIONS } from './migrations';
import { corruptionAs, openSqliteFile, type OpenSqliteOptions, type SqliteFileKind } from './sqlite-file';

export type OpenOptions = Pick<OpenSqliteOptions, 'readonly' | 'nativeBinding'>;

/** The statute library as a kind of SQLite file (store/sqlite-file.ts opens every kind). */
const LIBRARY_FILE: SqliteFileKind = {
  applicationId: APPLICATION_ID,
  migrations: MIGRATIONS,
  // A 100+ MB library: its damage shows on first read as SQLITE_CORRUPT, without a full check at start.
  quickCheck: false,
  foreign: (path) => createError('DB_FOREIGN', path),
  corrupt: (path, detail) => createError('DB_CORRUPT', path, detail),
  tooNew: (path, found, supported) => createError('DB_TOO_NEW', path, found, supported),
  rebuild: rebuildLibraryDerived,
};

/** Maps SQLite's corruption errors to a typed error naming the library file. */
export function asStoreError(e: unknown, path: string): unknown {
  return corruptionAs(e, path, LIBRARY_FILE.corrupt);
}

/**
 * Opens (or creates) a statute library: WAL, foreign keys, migrations to the latest schema. A file
 * that is not SQLite, or SQLite of another application, is refused with a clear error and left untouched.
 */
export function openDatabase(path: string, opts: OpenOptions = {}): Database.Database {
  return openSqliteFile(path, LIBRARY_FILE, opts);
}

export { isForeignFile, schemaVersion } from './sqlite-file';
