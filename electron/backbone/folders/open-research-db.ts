import type Database from 'better-sqlite3';
import { createError } from '../../contract/errors';
import { openSqliteFile, type OpenSqliteOptions, type SqliteFileKind } from '../store/sqlite-file';
import { RESEARCH_APPLICATION_ID, RESEARCH_MIGRATIONS } from './research-schema';

export type OpenResearchOptions = Pick<OpenSqliteOptions, 'nativeBinding'>;

/** The research folders file as a kind of SQLite file: small, the user's own work, so checked in full at open. */
const RESEARCH_FILE: SqliteFileKind = {
  applicationId: RESEARCH_APPLICATION_ID,
  migrations: RESEARCH_MIGRATIONS,
  quickCheck: true,
  foreign: (path) => createError('RESEARCH_DB_FOREIGN', path),
  corrupt: (path, detail) => createError('RESEARCH_DB_CORRUPT', path, detail),
  tooNew: (path, found, supported) => createError('DB_TOO_NEW', path, found, supported),
};

/**
 * Opens (or creates) the research database (store/sqlite-file.ts): a foreign, corrupt or newer
 * file is refused with a typed error and left byte-identical.
 */
export function openResearchDb(path: string, opts: OpenResearchOptions = {}): Database.Database {
  return openSqliteFile(path, RESEARCH_FILE, opts);
}
