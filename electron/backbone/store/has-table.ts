import type { Database } from 'better-sqlite3';

/**
 * Whether the database has a table: a library of an older schema opened read-only (it is not
 * migrated) lacks the later tables, and readers of them answer as if empty.
 */
export function hasTable(db: Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}
