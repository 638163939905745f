import type Database from 'better-sqlite3';
import { createError } from '../../contract/errors';
import type { FeedbackArticle } from '../../contract/feedback-types';
import type { PresetName } from '../../contract/types';
import { formatCitation } from '../text/citation';
import * as input from './folder-input';
import { openResearchDb, type OpenResearchOptions } from './open-research-db';
import type { ArticleSnapshot, FolderDocument, FolderQuery, HistoryEntry, Pin, ResearchFolder } from './types';
import { said } from '../../contract/said';

export interface FolderStoreOptions extends OpenResearchOptions {
  /** Oldest search history entries beyond this many are dropped (default 1,000). */
  historyCap?: number;
  /** Clock, for tests. */
  now?: () => Date;
}

/** What a caller pins: the article as shown (citation defaults to 《law title》label). */
export type PinArticle = Omit<ArticleSnapshot, 'citation' | 'articleId'> & { citation?: string; articleId?: number | null };

interface FolderRow { id: number; name: string; description: string; pin_count: number; created_at: string; updated_at: string }
interface PinRow {
  id: number; folder_id: number; law_title: string; law_version: string; article_label: string; citation: string;
  short_title: string; path: string; text: string; article_id: number | null; note: string; position: number;
  pinned_at: string; updated_at: string;
}
interface QueryRow { id: number; folder_id: number; text: string; preset: string | null; k: number | null; n: number | null; recorded_at: string }
interface HistoryRow { id: number; text: string; preset: string | null; result_count: number; searched_at: string }

const FOLDER_SELECT = `SELECT f.*, (SELECT count(*) FROM pins p WHERE p.folder_id = f.id) AS pin_count FROM folders f`;

/**
 * The user's research folders, pins, folder queries and search history, in their own SQLite file
 * (e.g. `<data folder>/research.db`). Each write is one IMMEDIATE transaction: a crash or an error
 * part-way leaves the file as it was before the call.
 */
export class FolderStore {
  readonly db: Database.Database;
  private readonly historyCap: number;
  private readonly now: () => Date;

  constructor(readonly path: string, opts: FolderStoreOptions = {}) {
    this.historyCap = opts.historyCap ?? 1000;
    this.now = opts.now ?? (() => new Date());
    this.db = openResearchDb(path, opts);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  // ── folders ──────────────────────────────────────────────────────────────

  createFolder(name: string, description = ''): ResearchFolder {
    const n = input.check(input.folderName, name, 'name');
    const d = input.check(input.folderDescription, description, 'description');
    return this.write(() => {
      const t = this.stamp();
      const info = this.db.prepare('INSERT INTO folders (name, description, created_at, updated_at) VALUES (?, ?, ?, ?)').run(n, d, t, t);
      return this.folder(Number(info.lastInsertRowid));
    });
  }

  folder(folderId: number): ResearchFolder {
    const row = this.db.prepare(`${FOLDER_SELECT} WHERE f.id = ?`).get(input.check(input.id, folderId, 'folderId')) as FolderRow | undefined;
    if (!row) throw createError('NOT_FOUND', said(`Folder ${folderId}`, `文件夹 ${folderId}`));
    return toFolder(row);
  }

  /** All folders, most recently changed first, with their pin counts. */
  listFolders(): ResearchFolder[] {
    return (this.db.prepare(`${FOLDER_SELECT} ORDER BY f.updated_at DESC, f.id DESC`).all() as FolderRow[]).map(toFolder);
  }

  /** Renames a folder; `description` changes too when given. */
  renameFolder(folderId: number, name: string, description?: string): ResearchFolder {
    const n = input.check(input.folderName, name, 'name');
    const d = description === undefined ? undefined : input.check(input.folderDescription, description, 'description');
    return this.write(() => {
      this.folder(folderId);
      this.db.prepare('UPDATE folders SET name = ?, description = coalesce(?, description), updated_at = ? WHERE id = ?').run(n, d ?? null, this.stamp(), folderId);
      return this.folder(folderId);
    });
  }

  /** Deletes a folder with its pins and queries. */
  deleteFolder(folderId: number): void {
    this.write(() => {
      this.folder(folderId);
      this.db.prepare('DELETE FROM pins WHERE folder_id = ?').run(folderId);
      this.db.prepare('DELETE FROM folder_queries WHERE folder_id = ?').run(folderId);
      this.db.prepare('DELETE FROM folders WHERE id = ?').run(folderId);
    });
  }

  // ── pins ─────────────────────────────────────────────────────────────────

  /**
   * Pins an article at the end of a folder. Pinning an article already in the folder (same law
   * title, version and label) keeps its snapshot and place and replaces its note when one is given.
   */
  pin(folderId: number, article: PinArticle, note?: string): Pin {
    const a = input.check(input.articleSnapshot, article, 'article');
    const nt = note === undefined ? undefined : input.check(input.note, note, 'note');
    return this.write(() => {
      this.folder(folderId);
      const t = this.stamp();
      const existing = this.db
        .prepare('SELECT id FROM pins WHERE folder_id = ? AND law_title = ? AND law_version = ? AND article_label = ?')
        .get(folderId, a.lawTitle, a.lawVersion, a.label) as { id: number } | undefined;
      let pinId: number;
      if (existing) {
        this.db.prepare('UPDATE pins SET note = coalesce(?, note), article_id = coalesce(?, article_id), updated_at = ? WHERE id = ?').run(nt ?? null, a.articleId ?? null, t, existing.id);
        pinId = existing.id;
      } else {
        const pos = (this.db.prepare('SELECT coalesce(max(position) + 1, 0) AS p FROM pins WHERE folder_id = ?').get(folderId) as { p: number }).p;
        const info = this.db
          .prepare(`INSERT INTO pins (folder_id, law_title, law_version, article_label, citation, short_title, path, text, article_id, note, position, pinned_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(folderId, a.lawTitle, a.lawVersion, a.label, a.citation ?? formatCitation(a.lawTitle, a.label), a.shortTitle, JSON.stringify(a.path), a.text, a.articleId ?? null, nt ?? '', pos, t, t);
        pinId = Number(info.lastInsertRowid);
      }
      this.touch(folderId, t);
      return this.pinById(pinId);
    });
  }

  /** Pins in folder order. */
  pins(folderId: number): Pin[] {
    this.folder(folderId);
    return (this.db.prepare('SELECT * FROM pins WHERE folder_id = ? ORDER BY position, id').all(folderId) as PinRow[]).map(toPin);
  }

  setNote(pinId: number, text: string): Pin {
    const nt = input.check(input.note, text, 'note');
    return this.write(() => {
      const p = this.pinById(pinId);
      const t = this.stamp();
      this.db.prepare('UPDATE pins SET note = ?, updated_at = ? WHERE id = ?').run(nt, t, pinId);
      this.touch(p.folderId, t);
      return this.pinById(pinId);
    });
  }

  unpin(pinId: number): void {
    this.write(() => {
      const p = this.pinById(pinId);
      this.db.prepare('DELETE FROM pins WHERE id = ?').run(pinId);
      this.db.prepare('UPDATE pins SET position = position - 1 WHERE folder_id = ? AND position > ?').run(p.folderId, p.position);
      this.touch(p.folderId, this.stamp());
    });
  }

  /** Puts a folder's pins in the given order; `pinIds` must list each of its pins exactly once. */
  reorderPins(folderId: number, pinIds: number[]): Pin[] {
    return this.write(() => {
      const current = this.pins(folderId).map((p) => p.id);
      const same = pinIds.length === current.length && new Set(pinIds).size === pinIds.length && pinIds.every((id) => current.includes(id));
      if (!same) throw createError('INVALID_REQUEST', `pinIds must list each pin of folder ${folderId} exactly once`);
      const set = this.db.prepare('UPDATE pins SET position = ? WHERE id = ?');
      pinIds.forEach((id, i) => set.run(i, id));
      this.touch(folderId, this.stamp());
      return this.pins(folderId);
    });
  }

  private pinById(pinId: number): Pin {
    const row = this.db.prepare('SELECT * FROM pins WHERE id = ?').get(input.check(input.id, pinId, 'pinId')) as PinRow | undefined;
    if (!row) throw createError('NOT_FOUND', said(`Pin ${pinId}`, `收藏 ${pinId}`));
    return toPin(row);
  }

  // ── queries that led to a folder ─────────────────────────────────────────

  recordQuery(folderId: number, query: { text: string; budget?: FolderQuery['budget'] }): FolderQuery {
    const q = input.check(input.folderQuery, query, 'query');
    return this.write(() => {
      this.folder(folderId);
      const t = this.stamp();
      const b = q.budget ?? null;
      const info = this.db
        .prepare('INSERT INTO folder_queries (folder_id, text, preset, k, n, recorded_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(folderId, q.text, b?.preset ?? null, b?.k ?? null, b?.n ?? null, t);
      this.touch(folderId, t);
      return toQuery(this.db.prepare('SELECT * FROM folder_queries WHERE id = ?').get(Number(info.lastInsertRowid)) as QueryRow);
    });
  }

  /** A folder's queries in the order they were recorded. */
  queries(folderId: number): FolderQuery[] {
    this.folder(folderId);
    return (this.db.prepare('SELECT * FROM folder_queries WHERE folder_id = ? ORDER BY id').all(folderId) as QueryRow[]).map(toQuery);
  }

  /** The folder, its pins and its queries: what the exports take. */
  document(folderId: number): FolderDocument {
    return this.db.transaction(() => ({ folder: this.folder(folderId), pins: this.pins(folderId), queries: this.queries(folderId) }))();
  }

  // ── search history ───────────────────────────────────────────────────────

  /** Appends a search; the oldest entries beyond the cap are dropped in the same transaction. */
  /** `shown`: the first results as feedback names them (kept for the failure cases, never shown in the history). */
  addHistory(entry: { text: string; preset?: PresetName | null; resultCount: number }, shown: readonly FeedbackArticle[] = []): HistoryEntry {
    const e = input.check(input.historyEntry, entry, 'history');
    return this.write(() => {
      // The same search again (a reload, Back to the results) moves the newest entry up, not a copy.
      const last = this.db.prepare('SELECT * FROM search_history ORDER BY id DESC LIMIT 1').get() as HistoryRow | undefined;
      if (last && last.text === e.text && last.preset === (e.preset ?? null)) {
        this.db.prepare('UPDATE search_history SET result_count = ?, shown = ?, searched_at = ? WHERE id = ?').run(e.resultCount, JSON.stringify(shown), this.stamp(), last.id);
        return toHistory(this.db.prepare('SELECT * FROM search_history WHERE id = ?').get(last.id) as HistoryRow);
      }
      const info = this.db
        .prepare('INSERT INTO search_history (text, preset, result_count, shown, searched_at) VALUES (?, ?, ?, ?, ?)')
        .run(e.text, e.preset ?? null, e.resultCount, JSON.stringify(shown), this.stamp());
      this.db.prepare('DELETE FROM search_history WHERE id <= (SELECT id FROM search_history ORDER BY id DESC LIMIT 1 OFFSET ?)').run(this.historyCap);
      return toHistory(this.db.prepare('SELECT * FROM search_history WHERE id = ?').get(Number(info.lastInsertRowid)) as HistoryRow);
    });
  }

  /** The latest `limit` searches, newest first. */
  history(limit = 50): HistoryEntry[] {
    const n = input.check(input.id, limit, 'limit');
    return (this.db.prepare('SELECT * FROM search_history ORDER BY id DESC LIMIT ?').all(n) as HistoryRow[]).map(toHistory);
  }

  clearHistory(): void {
    this.write(() => this.db.prepare('DELETE FROM search_history').run());
  }

  // ── helpers ──────────────────────────────────────────────────────────────

  private write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  private touch(folderId: number, t: string): void {
    this.db.prepare('UPDATE folders SET updated_at = ? WHERE id = ?').run(t, folderId);
  }
}

const toFolder = (r: FolderRow): ResearchFolder => ({
  id: r.id, name: r.name, description: r.description, pinCount: r.pin_count, createdAt: r.created_at, updatedAt: r.updated_at,
});

const toPin = (r: PinRow): Pin => ({
  id: r.id, folderId: r.folder_id, lawTitle: r.law_title, lawVersion: r.law_version, label: r.article_label,
  citation: r.citation, shortTitle: r.short_title, path: JSON.parse(r.path) as string[], text: r.text,
  articleId: r.article_id, note: r.note, position: r.position, pinnedAt: r.pinned_at, updatedAt: r.updated_at,
});

const toQuery = (r: QueryRow): FolderQuery => ({
  id: r.id, folderId: r.folder_id, text: r.text, recordedAt: r.recorded_at,
  budget: r.k === null || r.n === null ? null : { preset: r.preset as PresetName | null, k: r.k, n: r.n },
});

const toHistory = (r: HistoryRow): HistoryEntry => ({
  id: r.id, text: r.text, preset: r.preset as PresetName | null, resultCount: r.result_count, searchedAt: r.searched_at,
});
