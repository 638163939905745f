/**
 * The glossary as one library sees it: the shipped entries plus the firm's own (imported CSV rows,
 * kept in the library's `firm_glossary` table), each target resolved to the article of the law's
 * version in force. What search asks of it: which glossary names a query contains and which
 * articles they name. Resolution is cached until the store changes (`invalidate`).
 */
import type { Database } from 'better-sqlite3';
import type { GlossaryStatus } from '../../contract/glossary-types';
import type { LawReader } from '../store/law-reader';
import { parseArticleLabel } from '../text/citation';
import { builtinGlossary } from './builtin-glossary';
import { checkGlossary, type GlossaryProblem, type TargetStatus } from './check-glossary';
import { GlossaryMatcher } from './glossary-matcher';
import { normalizeTerm } from './glossary-text';
import type { GlossaryEntry, GlossaryTarget } from './glossary-types';
import { hasTable } from '../store/has-table';

/** A glossary name found in a query, with the articles (in force) it names. */
export interface GlossaryFinding {
  entry: GlossaryEntry;
  matched: string;
  start: number;
  end: number;
  articleIds: number[];
  /** Share of the query (without spaces) the name covers: 1 when the query is the name. */
  coverage: number;
}

export interface FirmGlossaryRow {
  term: string;
  law: string;
  label: string;
  file: string;
  line: number;
}

interface Resolved {
  matcher: GlossaryMatcher;
  /** Every entry, in the matcher's order. */
  ordered: GlossaryEntry[];
  /** Each entry's articles in force, once resolved; law lookups by name, cached. */
  articles: Map<GlossaryEntry, number[]>;
  laws: Map<string, ReturnType<LawReader['findLawByName']>>;
}

/** The firm's rows as entries: one per term (normalised), targets and provenance in row order. */
export function firmEntries(rows: readonly FirmGlossaryRow[]): GlossaryEntry[] {
  const byTerm = new Map<string, GlossaryEntry>();
  for (const r of rows) {
    const key = normalizeTerm(r.term);
    let e = byTerm.get(key);
    if (!e) byTerm.set(key, (e = { term: r.term, aliases: [], kind: 'term', targets: [], provenance: [] }));
    if (!e.targets.some((t) => t.law === r.law && t.label === r.label)) e.targets.push({ law: r.law, label: r.label });
    e.provenance.push({ source: 'firm', file: r.file, line: r.line });
  }
  return [...byTerm.values()];
}

export class LibraryGlossary {
  private resolved: Resolved | null = null;

  constructor(
    private readonly db: Database,
    private readonly reader: LawReader,
  ) {}

  /** The firm's stored rows (none before migration 5 ran: a read-only older database). */
  firmRows(): FirmGlossaryRow[] {
    if (!hasTable(this.db, 'firm_glossary')) return [];
    return this.db.prepare('SELECT term, law, label, file, line FROM firm_glossary ORDER BY id').all() as FirmGlossaryRow[];
  }

  /** The shipped entries. */
  builtinEntries(): GlossaryEntry[] {
    return builtinGlossary().entries;
  }

  /** Every entry: the shipped ones, then the firm's (a firm name the shipped glossary also has adds to its own entry). */
  entries(): GlossaryEntry[] {
    return [...builtinGlossary().entries, ...firmEntries(this.firmRows())];
  }

  /** The stored article a target names in the version in force, its status, and its id. */
  target(t: GlossaryTarget, laws?: Map<string, ReturnType<LawReader['findLawByName']>>): { status: TargetStatus; articleId: number | null } {
    let law = laws?.get(t.law);
    if (!laws?.has(t.law)) {
      law = this.reader.findLawByName(t.law);
      laws?.set(t.law, law);
    }
    const n = parseArticleLabel(t.label);
    if (!law || !n) return { status: 'missing', articleId: null };
    const a = this.reader.articleByNumber(law.id, n.number, n.sub);
    if (!a) return { status: 'missing', articleId: null };
    return { status: law.status === 'current' ? 'current' : 'superseded', articleId: a.id };
  }

  /** The problems of a set of entries against this library (every target in force, no contradictions). */
  check(entries: readonly GlossaryEntry[]): GlossaryProblem[] {
    return checkGlossary(entries, (t) => this.target(t).status);
  }

  /**
   * The matcher over every entry (firm entries first: a firm's name wins over a shipped entry with
   * the same name). Targets are resolved when a query first names an entry (a few lookups), not
   * all 3,000 up front: the first search of a fresh CLI process does not wait for them.
   */
  private build(): Resolved {
    const all = this.entries();
    const firm = all.filter((e) => e.provenance.some((p) => p.source === 'firm'));
    const shipped = all.filter((e) => !e.provenance.some((p) => p.source === 'firm'));
    return { matcher: new GlossaryMatcher([...firm, ...shipped]), ordered: [...firm, ...shipped], articles: new Map(), laws: new Map() };
  }

  /** The entry's articles in force here (none: a library without that law), resolved once. */
  private articlesOf(r: Resolved, e: GlossaryEntry): number[] {
    let ids = r.articles.get(e);
    if (!ids) {
      ids = [...new Set(e.targets.map((t) => this.target(t, r.laws)).filter((x) => x.status === 'current').map((x) => x.articleId!))];
      r.articles.set(e, ids);
    }
    return ids;
  }

  /** Every usable entry (a target in force here) with the articles it names. */
  resolvedEntries(): { entry: GlossaryEntry; articleIds: number[] }[] {
    const r = (this.resolved ??= this.build());
    return r.ordered.map((entry) => ({ entry, articleIds: this.articlesOf(r, entry) })).filter((x) => x.articleIds.length > 0);
  }

  /** Glossary names in the query (naming articles in force here), longest first and non-overlapping, in query order. */
  find(query: string): GlossaryFinding[] {
    const r = (this.resolved ??= this.build());
    const length = normalizeTerm(query).length || 1;
    return r.matcher.match(query).flatMap((m) => {
      const articleIds = this.articlesOf(r, m.entry);
      if (articleIds.length === 0) return [];
      return [{ entry: m.entry, matched: m.matched, start: m.start, end: m.end, articleIds, coverage: normalizeTerm(m.matched).length / length }];
    });
  }

  /** What the glossary holds (the models page). */
  status(): GlossaryStatus {
    const file = builtinGlossary();
    const byKind: GlossaryStatus['builtin']['byKind'] = { crime: 0, doctrine: 0, 'defined-term': 0, term: 0 };
    let mined = 0;
    let handWritten = 0;
    for (const e of file.entries) {
      byKind[e.kind]++;
      if (e.provenance.some((p) => p.source === 'mined')) mined++;
      if (e.provenance.some((p) => p.source === 'hand-written')) handWritten++;
    }
    const usable = this.resolvedEntries().filter(({ entry }) => !entry.provenance.every((p) => p.source === 'firm')).length;
    const firm = hasTable(this.db, 'firm_glossary')
      ? (this.db.prepare(
          `SELECT file, count(*) AS rows, count(DISTINCT term) AS terms, max(imported_at) AS importedAt FROM firm_glossary GROUP BY file ORDER BY file`,
        ).all() as GlossaryStatus['firm'])
      : [];
    return { version: file.version, builtin: { entries: file.entries.length, byKind, mined, handWritten }, usable, firm };
  }

  /** Resolves the glossary now (a shell calls it after opening or changing the store, so no search waits for it). */
  prepare(): void {
    this.resolved ??= this.build();
  }

  /** Call after the store changed (an import, a firm glossary import). */
  invalidate(): void {
    this.resolved = null;
  }
}
