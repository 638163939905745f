import type Database from 'better-sqlite3';
import { createError } from '../../contract/errors';
import { said } from '../../contract/said';
import type { FailureCase, FeedbackArticle, FeedbackItem, FeedbackMark, FeedbackPage, FeedbackSource } from '../../contract/feedback-types';
import type { PresetName } from '../../contract/types';

/** Who is asking: an application's name on the shared service, or null for the local user (who sees every application's items). */
export type FeedbackOwner = string | null;

export interface NewMark {
  query: string;
  article: FeedbackArticle;
  mark: Exclude<FeedbackMark, 'nothing_here'>;
  source: FeedbackSource;
  versionId?: number | null;
  preset?: PresetName | null;
  rank?: number | null;
  /** Kept from an imported file; default now. */
  createdAt?: string;
}

export interface NewNothingHere {
  query: string;
  shown: FeedbackArticle[];
  source: FeedbackSource;
  versionId?: number | null;
  preset?: PresetName | null;
  createdAt?: string;
}

export interface FeedbackFilter {
  from?: string;
  to?: string;
  law?: string;
  mark?: FeedbackMark;
  query?: string;
  limit: number;
  offset: number;
}

interface Row {
  id: number; app: string; query: string; mark: FeedbackMark; source: FeedbackSource; law_title: string | null; law_version: string | null;
  article_label: string | null; citation: string | null; shown: string; version_id: number | null; preset: PresetName | null; rank: number | null;
  created_at: string; updated_at: string;
}

const MARKS: FeedbackMark[] = ['relevant', 'not_relevant', 'nothing_here', 'opened'];

/** What `write` did: a new row, a changed one, or nothing (an `opened` under an explicit mark). */
export type WriteOutcome = 'added' | 'updated' | 'kept';

/**
 * Relevance feedback in research.db (migration 2). One row per (application, query, article): a
 * later explicit mark replaces an earlier one, and an `opened` never overwrites an explicit mark.
 * One "nothing here" per (application, query). Every write is one IMMEDIATE transaction.
 */
export class FeedbackStore {
  constructor(private readonly db: Database.Database, private readonly now: () => Date = () => new Date()) {}

  mark(app: string, m: NewMark): FeedbackItem {
    return this.write(() => this.getRow(this.upsertMark(app, m).id));
  }

  nothingHere(app: string, n: NewNothingHere): FeedbackItem {
    return this.write(() => this.getRow(this.upsertNothingHere(app, n).id));
  }

  /** Items the owner may see, newest change first, filtered. */
  list(owner: FeedbackOwner, f: FeedbackFilter): FeedbackPage {
    const { where, args } = this.filterSql(owner, f);
    const items = (this.db.prepare(`SELECT * FROM feedback ${where} ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?`).all(...args, f.limit, f.offset) as Row[]).map(toItem);
    const total = (this.db.prepare(`SELECT count(*) AS n FROM feedback ${where}`).get(...args) as { n: number }).n;
    const { where: ownerWhere, args: ownerArgs } = this.filterSql(owner, { limit: 0, offset: 0 });
    const counts = Object.fromEntries(MARKS.map((m) => [m, 0])) as Record<FeedbackMark, number>;
    for (const r of this.db.prepare(`SELECT mark, count(*) AS n FROM feedback ${ownerWhere} GROUP BY mark`).all(...ownerArgs) as { mark: FeedbackMark; n: number }[]) counts[r.mark] = r.n;
    return { items, total, counts };
  }

  /** Every item the owner may see, oldest first (what training and export read). */
  all(owner: FeedbackOwner): FeedbackItem[] {
    const rows = owner === null
      ? this.db.prepare('SELECT * FROM feedback ORDER BY id').all()
      : this.db.prepare('SELECT * FROM feedback WHERE app = ? ORDER BY id').all(owner);
    return (rows as Row[]).map(toItem);
  }

  update(owner: FeedbackOwner, id: number, mark: 'relevant' | 'not_relevant'): FeedbackItem {
    return this.write(() => {
      const item = this.visible(owner, id);
      if (!item.article) throw createError('INVALID_REQUEST', said(`item ${id} says that nothing answered its query; it has no article to mark`, `第 ${id} 条反馈表示没有结果回答该问题，没有可标记的条文`));
      this.db.prepare('UPDATE feedback SET mark = ?, updated_at = ? WHERE id = ?').run(mark, this.stamp(), id);
      return this.getRow(id);
    });
  }

  delete(owner: FeedbackOwner, id: number): void {
    this.write(() => {
      this.visible(owner, id);
      this.db.prepare('DELETE FROM feedback WHERE id = ?').run(id);
    });
  }

  /** Writes many items as one transaction (an import): all or none. */
  writeAll(items: ({ app: string } & ({ kind: 'mark'; m: NewMark } | { kind: 'nothing'; n: NewNothingHere }))[]): { added: number; updated: number } {
    return this.write(() => {
      let added = 0;
      let updated = 0;
      for (const it of items) {
        const { outcome } = it.kind === 'mark' ? this.upsertMark(it.app, it.m) : this.upsertNothingHere(it.app, it.n);
        if (outcome === 'added') added++;
        else if (outcome === 'updated') updated++;
      }
      return { added, updated };
    });
  }

  /**
   * Queries the results did not serve, newest first: each "nothing here", then (for the local user)
   * searches in the history with no relevant mark, pin or opened article for their query.
   */
  failureCases(owner: FeedbackOwner, limit: number): FailureCase[] {
    const ownerSql = owner === null ? '' : 'AND app = ?';
    const ownerArgs = owner === null ? [] : [owner];
    const added = (query: string, app: string | null): FeedbackItem[] =>
      (this.db.prepare(`SELECT * FROM feedback WHERE query = ? AND mark = 'relevant' ${app === null ? '' : 'AND app = ?'} ORDER BY id`).all(query, ...(app === null ? [] : [app])) as Row[]).map(toItem);
    const cases: FailureCase[] = [];
    const nothing = this.db.prepare(`SELECT * FROM feedback WHERE mark = 'nothing_here' ${ownerSql} ORDER BY updated_at DESC, id DESC LIMIT ?`).all(...ownerArgs, limit) as Row[];
    for (const r of nothing) {
      cases.push({ query: r.query, reason: 'nothing_here', preset: r.preset, shown: JSON.parse(r.shown) as FeedbackArticle[], added: added(r.query, r.app), at: r.updated_at });
    }
    if (owner === null || owner === '') {
      // The local user's searches: the newest entry per query text that nothing came of.
      const unserved = this.db.prepare(`
        SELECT h.text, h.preset, h.shown, h.searched_at FROM search_history h
        WHERE h.id = (SELECT max(id) FROM search_history WHERE text = h.text)
          AND NOT EXISTS (SELECT 1 FROM feedback f WHERE f.app = '' AND f.query = h.text AND f.mark IN ('relevant', 'opened', 'nothing_here'))
        ORDER BY h.id DESC LIMIT ?`).all(limit) as { text: string; preset: PresetName | null; shown: string; searched_at: string }[];
      for (const h of unserved) cases.push({ query: h.text, reason: 'no_relevant_result', preset: h.preset, shown: JSON.parse(h.shown) as FeedbackArticle[], added: [], at: h.searched_at });
    }
    return cases.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, limit);
  }

  // ── helpers ──────────────────────────────────────────────────────────────

  private upsertMark(app: string, m: NewMark): { id: number; outcome: WriteOutcome } {
    const a = m.article;
    const old = this.db
      .prepare('SELECT * FROM feedback WHERE app = ? AND query = ? AND law_title = ? AND law_version = ? AND article_label = ?')
      .get(app, m.query, a.lawTitle, a.lawVersion, a.label) as Row | undefined;
    const t = this.stamp();
    if (old) {
      // An article opened after it was marked keeps its mark.
      if (m.mark === 'opened' && old.mark !== 'opened') return { id: old.id, outcome: 'kept' };
      this.db
        .prepare('UPDATE feedback SET mark = ?, source = ?, citation = ?, version_id = ?, preset = ?, rank = ?, updated_at = ? WHERE id = ?')
        .run(m.mark, m.source, a.citation, m.versionId ?? null, m.preset ?? null, m.rank ?? null, t, old.id);
      return { id: old.id, outcome: 'updated' };
    }
    const info = this.db
      .prepare(`INSERT INTO feedback (app, query, mark, source, law_title, law_version, article_label, citation, version_id, preset, rank, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(app, m.query, m.mark, m.source, a.lawTitle, a.lawVersion, a.label, a.citation, m.versionId ?? null, m.preset ?? null, m.rank ?? null, m.createdAt ?? t, t);
    return { id: Number(info.lastInsertRowid), outcome: 'added' };
  }

  private upsertNothingHere(app: string, n: NewNothingHere): { id: number; outcome: WriteOutcome } {
    const old = this.db.prepare('SELECT id FROM feedback WHERE app = ? AND query = ? AND law_title IS NULL').get(app, n.query) as { id: number } | undefined;
    const t = this.stamp();
    const shown = JSON.stringify(n.shown);
    if (old) {
      this.db.prepare('UPDATE feedback SET shown = ?, source = ?, version_id = ?, preset = ?, updated_at = ? WHERE id = ?').run(shown, n.source, n.versionId ?? null, n.preset ?? null, t, old.id);
      return { id: old.id, outcome: 'updated' };
    }
    const info = this.db
      .prepare(`INSERT INTO feedback (app, query, mark, source, shown, version_id, preset, created_at, updated_at) VALUES (?, ?, 'nothing_here', ?, ?, ?, ?, ?, ?)`)
      .run(app, n.query, n.source, shown, n.versionId ?? null, n.preset ?? null, n.createdAt ?? t, t);
    return { id: Number(info.lastInsertRowid), outcome: 'added' };
  }

  private filterSql(owner: FeedbackOwner, f: FeedbackFilter): { where: string; args: unknown[] } {
    const parts: string[] = [];
    const args: unknown[] = [];
    if (owner !== null) (parts.push('app = ?'), args.push(owner));
    // Dates compare on the ISO timestamp's day (UTC).
    if (f.from) (parts.push('substr(updated_at, 1, 10) >= ?'), args.push(f.from));
    if (f.to) (parts.push('substr(updated_at, 1, 10) <= ?'), args.push(f.to));
    if (f.mark) (parts.push('mark = ?'), args.push(f.mark));
    if (f.query) (parts.push('query = ?'), args.push(f.query));
    if (f.law) (parts.push("(instr(law_title, ?) > 0 OR instr(citation, ?) > 0 OR instr(shown, ?) > 0)"), args.push(f.law, f.law, f.law));
    return { where: parts.length ? `WHERE ${parts.join(' AND ')}` : '', args };
  }

  private visible(owner: FeedbackOwner, id: number): FeedbackItem {
    const row = this.db.prepare('SELECT * FROM feedback WHERE id = ?').get(id) as Row | undefined;
    if (!row || (owner !== null && row.app !== owner)) throw createError('NOT_FOUND', said(`Feedback item ${id}`, `反馈 ${id}`));
    return toItem(row);
  }

  private getRow(id: number): FeedbackItem {
    return toItem(this.db.prepare('SELECT * FROM feedback WHERE id = ?').get(id) as Row);
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  private write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }
}

function toItem(r: Row): FeedbackItem {
  return {
    id: r.id,
    app: r.app,
    query: r.query,
    mark: r.mark,
    source: r.source,
    article: r.law_title === null ? null : { lawTitle: r.law_title, lawVersion: r.law_version ?? '', label: r.article_label ?? '', citation: r.citation ?? '' },
    shown: JSON.parse(r.shown) as FeedbackArticle[],
    versionId: r.version_id,
    preset: r.preset,
    rank: r.rank,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
