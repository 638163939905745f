import Database from 'better-sqlite3';
import { isForeignFile } from '../store/open-database';
import { createError, LexboneError } from '../../contract/errors';
import { RESEARCH_APPLICATION_ID, RESEARCH_LATEST_SCHEMA, RESEARCH_MIGRATIONS } from './research-schema';

export interface OpenResearchOptions {
  /** Path to a better_sqlite3.node built for another runtime (Electron's ABI). */
  nativeBinding?: string;
}

function asCorrupt(e: unknown, path: string): unknown {
  const code = (e as { code?: string })?.code ?? '';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return createError('RESEARCH_DB_CORRUPT', path, (e as Error).message);
  return e;
}

/**
 * Opens (or creates) the research database. Every check that can refuse the file runs before
 * anything is written to it (switching to WAL rewrites the header), so a foreign, corrupt or newer
 * file is refused with a typed error and left byte-identical.
 */
export function openResearchDb(path: string, opts: OpenResearchOptions = {}): Database.Database {
  if (isForeignFile(path)) throw createError('RESEARCH_DB_FOREIGN', path);
  let db: Database.Database;
  try {
    db = new Database(path, { nativeBinding: opts.nativeBinding });
  } catch (e) {
    throw asCorrupt(e, path);
  }
  try {
    // Reads only, until the file is known to be ours (or empty); a damaged file throws
    // SQLITE_NOTADB / SQLITE_CORRUPT on the first read.
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    if (appId !== RESEARCH_APPLICATION_ID) {
      const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
      if (tables.n > 0 || appId !== 0) throw createError('RESEARCH_DB_FOREIGN', path);
    }
    if (version > RESEARCH_LATEST_SCHEMA) throw createError('DB_TOO_NEW', path, version, RESEARCH_LATEST_SCHEMA);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw createError('RESEARCH_DB_CORRUPT', path, String(check));
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    for (const m of RESEARCH_MIGRATIONS) {
      if (m.version <= version) continue;
      db.transaction(() => {
        m.up(db);
        db.pragma(`application_id = ${RESEARCH_APPLICATION_ID}`);
        db.pragma(`user_version = ${m.version}`);
      }).immediate();
    }
    return db;
  } catch (e) {
    db.close();
    if (e instanceof LexboneError) throw e;
    throw asCorrupt(e, path);
  }
}
