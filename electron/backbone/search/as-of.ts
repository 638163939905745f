import type { Database, Statement } from 'better-sqlite3';

/**
 * "As of a date": for each law, the version in force on that date — the latest version whose
 * version date is on or before it. A law first enacted after the date has no such version and is
 * left out. A version without a date (the source gives none) cannot be placed in time; it counts
 * only when the law has no dated version on or before the date (it is then the best we know).
 */
export class LawsInForce {
  private readonly all: Statement;
  private readonly one: Statement;
  private readonly versions: Statement;
  private readonly cache = new Map<string, ReadonlySet<number>>();

  constructor(db: Database) {
    // version_key is the version date ('' when none), so it orders a law's versions in time.
    this.all = db.prepare(
      `SELECT id FROM (
         SELECT l.id, row_number() OVER (PARTITION BY l.law_key ORDER BY l.version_key DESC) AS pick
         FROM laws l WHERE l.version_date IS NULL OR l.version_date <= @asOf
       ) WHERE pick = 1`,
    );
    this.one = db.prepare(
      `SELECT l.id FROM laws l WHERE l.law_key = (SELECT law_key FROM laws WHERE id = @lawId)
         AND (l.version_date IS NULL OR l.version_date <= @asOf)
       ORDER BY l.version_key DESC LIMIT 1`,
    );
    this.versions = db.prepare('SELECT id FROM laws WHERE law_key = (SELECT law_key FROM laws WHERE id = ?)');
  }

  /** The ids of the law versions in force on `asOf` (YYYY-MM-DD), one per law. Cached per date. */
  on(asOf: string): ReadonlySet<number> {
    let ids = this.cache.get(asOf);
    if (!ids) {
      ids = new Set((this.all.all({ asOf }) as { id: number }[]).map((r) => r.id));
      if (this.cache.size > 32) this.cache.clear();
      this.cache.set(asOf, ids);
    }
    return ids;
  }

  /** The version of the law that `lawId` is a version of, in force on `asOf`; undefined before its first enactment. */
  versionOf(lawId: number, asOf: string): number | undefined {
    return (this.one.get({ lawId, asOf }) as { id: number } | undefined)?.id;
  }

  /** Every version of the law that `lawId` is a version of. */
  allVersionsOf(lawId: number): ReadonlySet<number> {
    return new Set((this.versions.all(lawId) as { id: number }[]).map((r) => r.id));
  }

  /** Call after an import: versions may have been added. */
  invalidate(): void {
    this.cache.clear();
  }
}
