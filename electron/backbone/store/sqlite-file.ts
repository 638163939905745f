/**
 * The one way Lexbone opens its SQLite files (the statute library, the research folders, the
 * service's applications): every check that can refuse a file runs before anything writes to it
 * (switching to WAL rewrites the header), so a foreign, damaged or newer file is refused with the
 * file kind's typed error and left byte-identical; then the pragmas; then the pending migrations,
 * all in one IMMEDIATE transaction that reads the schema version again under the write lock (two
 * processes opening an old file at once migrate it once).
 *
 * Migrations are frozen: SQL and code that never change once released. Data derived from the
 * stored rows (the lexical index, the reference index) is not built by a migration: a migration
 * names what it leaves to rebuild, and the file kind's `rebuild` builds it with today's code in
 * the same transaction, so a killed migration leaves the old schema and a finished one the new
 * schema with its derived data.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { LexboneError } from '../../contract/errors';

export interface Migration {
  version: number;
  description: string;
  up(db: Database.Database): void;
  /** Derived data this migration leaves for the file kind's `rebuild` (its tables are made, empty). */
  rebuilds?: readonly string[];
}

export interface SqliteFileKind {
  applicationId: number;
  migrations: readonly Migration[];
  /** Run PRAGMA quick_check before use (a small file holding the user's own work). */
  quickCheck: boolean;
  /** The typed errors of this kind of file. */
  foreign(path: string): LexboneError;
  corrupt(path: string, detail: string): LexboneError;
  tooNew(path: string, found: number, supported: number): LexboneError;
  /** Builds derived data the applied migrations named, inside their transaction. */
  rebuild?(db: Database.Database, what: ReadonlySet<string>): void;
}

export interface OpenSqliteOptions {
  readonly?: boolean;
  /** Path to a better_sqlite3.node built for another runtime (Electron's ABI). */
  nativeBinding?: string;
  /** Create the file's folder first (a fresh machine has no data folder yet). */
  createFolder?: boolean;
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

/** SQLite's corruption errors as the kind's typed error naming the file; anything else as it is. */
export function corruptionAs(e: unknown, path: string, corrupt: (path: string, detail: string) => LexboneError): unknown {
  const code = (e as { code?: string })?.code ?? '';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return corrupt(path, (e as Error).message);
  return e;
}

const latestVersion = (kind: SqliteFileKind): number => kind.migrations.at(-1)?.version ?? 0;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function openSqliteFile(path: string, kind: SqliteFileKind, opts: OpenSqliteOptions = {}): Database.Database {
  if (isForeignFile(path)) throw kind.foreign(path);
  let db: Database.Database;
  try {
    if (opts.createFolder && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, { readonly: opts.readonly ?? false, nativeBinding: opts.nativeBinding });
  } catch (e) {
    throw corruptionAs(e, path, kind.corrupt);
  }
  try {
    db.pragma('busy_timeout = 5000');
    // Reads only, until the file is known to be ours (or new); a damaged file throws
    // SQLITE_NOTADB / SQLITE_CORRUPT on the first read.
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = schemaVersion(db);
    if (appId !== kind.applicationId) {
      const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
      if (tables.n > 0 || appId !== 0) throw kind.foreign(path);
    }
    const latest = latestVersion(kind);
    if (version > latest) throw kind.tooNew(path, version, latest);
    if (kind.quickCheck) {
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw kind.corrupt(path, String(check));
    }
    if (!opts.readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    if (!opts.readonly && version < latest) migrate(db, kind);
    return db;
  } catch (e) {
    db.close();
    if (e instanceof LexboneError) throw e;
    throw corruptionAs(e, path, kind.corrupt);
  }
}

function migrate(db: Database.Database, kind: SqliteFileKind): void {
  db.transaction(() => {
    // Read again under the write lock: another process may have migrated the file meanwhile.
    const from = schemaVersion(db);
    const rebuilds = new Set<string>();
    for (const m of kind.migrations) {
      if (m.version <= from) continue;
      m.up(db);
      for (const r of m.rebuilds ?? []) rebuilds.add(r);
      db.pragma(`user_version = ${m.version}`);
    }
    if (rebuilds.size && kind.rebuild) kind.rebuild(db, rebuilds);
    db.pragma(`application_id = ${kind.applicationId}`);
  }).immediate();
}
