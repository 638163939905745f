import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { createError, LexboneError } from '../../contract/errors';
import { APPLICATION_ID, LATEST_SCHEMA, MIGRATIONS } from './migrations';

export interface OpenOptions {
  readonly?: boolean;
  /** Path to a better_sqlite3.node built for another runtime (Electron's ABI). */
  nativeBinding?: string;
}

const SQLITE_HEADER = 'SQLite format 3\u0000';

/** The first 16 bytes of a file, as SQLite's magic string would read. */
function readHeader(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    return buf.subarray(0, n).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

/** Whether `path` is a non-empty file that is not SQLite (a new or empty file is fine to create). */
export function isForeignFile(path: string): boolean {
  return path !== ':memory:' && existsSync(path) && statSync(path).size > 0 && readHeader(path) !== SQLITE_HEADER;
}

/** Maps SQLite's corruption errors to a typed error naming the file. */
export function asStoreError(e: unknown, path: string): unknown {
  const code = (e as { code?: string })?.code ?? '';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return createError('DB_CORRUPT', path, (e as Error).message);
  }
  return e;
}

/**
 * Opens (or creates) a Lexbone database: WAL, foreign keys, migrations to the latest schema.
 * A file that is not SQLite, or SQLite of another application, is refused with a clear error and
 * left untouched.
 */
export function openDatabase(path: string, opts: OpenOptions = {}): Database.Database {
  const exists = path !== ':memory:' && existsSync(path) && statSync(path).size > 0;
  if (exists && readHeader(path) !== SQLITE_HEADER) throw createError('DB_FOREIGN', path);
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: opts.readonly ?? false, nativeBinding: opts.nativeBinding });
  } catch (e) {
    throw asStoreError(e, path);
  }
  try {
    db.pragma('busy_timeout = 5000');
    // Identify the file before anything writes to it (WAL mode rewrites the header), so another
    // application's database or a newer Lexbone's stays byte-identical.
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    if (appId !== APPLICATION_ID) {
      const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
      if (tables.n > 0) throw createError('DB_FOREIGN', path);
    }
    if (version > LATEST_SCHEMA) throw createError('DB_TOO_NEW', path, version, LATEST_SCHEMA);
    if (!opts.readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    if (!opts.readonly) migrate(db, version);
    return db;
  } catch (e) {
    db.close();
    if (e instanceof LexboneError) throw e;
    throw asStoreError(e, path);
  }
}

function migrate(db: Database.Database, from: number): void {
  for (const m of MIGRATIONS) {
    if (m.version <= from) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
