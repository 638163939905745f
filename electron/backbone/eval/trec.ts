import { createError } from '../../contract/errors';
import { meanMeasures, parseMeasure, type Measure } from './measures';
import { said } from '../../contract/said';

/**
 * Run and relevance-judgment files: TREC qrels (`qid iter docid rel`), TREC runs
 * (`qid Q0 docid rank score tag`) and Lexbone's own run TSV (`query_id, rank, citation, score`),
 * plus scoring a parsed run against qrels with the measures of `measures.ts`.
 *
 * Parsing only: no file access. A malformed line throws `MALFORMED_RECORD`, whose message names the
 * source, the 1-based line number and what was expected. Blank lines and lines starting with `#`
 * are skipped in every format.
 */

/** qid → docid → relevance grade (grades ≤ 0 are judged non-relevant). */
export type Qrels = Map<string, Map<string, number>>;

export interface TrecRunEntry {
  docid: string;
  rank: number;
  score: number;
}

/** qid → docids, best first. */
export type RankedRun = ReadonlyMap<string, readonly string[]>;

/** One line of a Lexbone run TSV. */
export interface RunRow {
  queryId: string;
  rank: number;
  /** The article's citation, e.g. 中华人民共和国民法典第五十四条. */
  citation: string;
  score: number;
}

/**
 * How ties are broken in a TREC run. `rank` (default): by the rank column, then score descending,
 * then docid descending. `score`: trec_eval's rule, which ignores the rank column and sorts by score
 * descending, then docid descending.
 */
export type RunOrder = 'rank' | 'score';

export interface RunScore {
  /** Mean of each measure over the queries of the qrels, keyed by measure name (`R@100`). */
  metrics: Record<string, number>;
  /** Queries averaged over: every query of the qrels. */
  queries: number;
  /** Queries of the qrels that the run does not answer (each scores 0). */
  missingFromRun: number;
  /** Queries of the run that the qrels do not judge (ignored). */
  notInQrels: number;
}

export const RUN_TSV_HEADER = 'query_id\trank\tcitation\tscore';

const INT_RE = /^[+-]?\d+$/;
const FLOAT_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

interface DataLine {
  line: number;
  text: string;
}

/** Non-blank, non-comment lines with their 1-based numbers (a leading BOM is dropped). */
function dataLines(text: string): DataLine[] {
  const out: DataLine[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const t = raw.trim();
      if (t !== '' && !t.startsWith('#')) out.push({ line: i + 1, text: raw });
    });
  return out;
}

function parseInteger(field: string, source: string, line: number, what: string): number {
  if (!INT_RE.test(field)) throw createError('MALFORMED_RECORD', source, line, said(`expected an integer ${what}, found "${field}".`, `${what} 应为整数，实为“${field}”。`));
  return Number(field);
}

function parseScore(field: string, source: string, line: number): number {
  if (!FLOAT_RE.test(field)) throw createError('MALFORMED_RECORD', source, line, said(`expected a numeric score, found "${field}".`, `分数应为数值，实为“${field}”。`));
  return Number(field);
}

/** Parses TREC qrels: `qid iter docid rel`, whitespace separated. A repeated (qid, docid) is an error. */
export function parseQrels(text: string, source: string): Qrels {
  const qrels: Qrels = new Map();
  for (const { line, text: t } of dataLines(text)) {
    const f = t.trim().split(/\s+/);
    if (f.length !== 4) {
      throw createError('MALFORMED_RECORD', source, line, said(`expected 4 columns "qid iter docid rel", found ${f.length}.`, `应有 4 列“qid iter docid rel”，实有 ${f.length} 列。`));
    }
    const [qid, , docid, relField] = f as [string, string, string, string];
    const rel = parseInteger(relField, source, line, 'relevance grade');
    let docs = qrels.get(qid);
    if (!docs) qrels.set(qid, (docs = new Map()));
    if (docs.has(docid)) throw createError('MALFORMED_RECORD', source, line, said(`document "${docid}" is judged twice for query "${qid}".`, `文档“${docid}”在查询“${qid}”中被标注了两次。`));
    docs.set(docid, rel);
  }
  return qrels;
}

interface RunLine extends TrecRunEntry {
  qid: string;
  line: number;
}

function compareEntries(order: RunOrder): (a: TrecRunEntry, b: TrecRunEntry) => number {
  return (a, b) =>
    (order === 'rank' ? a.rank - b.rank : 0) || b.score - a.score || (a.docid < b.docid ? 1 : a.docid > b.docid ? -1 : 0);
}

/** Groups lines by query, rejects a document listed twice for one query, and sorts each list. */
function groupRun(lines: RunLine[], source: string, order: RunOrder): Map<string, TrecRunEntry[]> {
  const run = new Map<string, TrecRunEntry[]>();
  const seen = new Map<string, Set<string>>();
  for (const l of lines) {
    let docs = seen.get(l.qid);
    if (!docs) seen.set(l.qid, (docs = new Set()));
    if (docs.has(l.docid)) throw createError('MALFORMED_RECORD', source, l.line, said(`document "${l.docid}" is listed twice for query "${l.qid}".`, `文档“${l.docid}”在查询“${l.qid}”中出现了两次。`));
    docs.add(l.docid);
    let list = run.get(l.qid);
    if (!list) run.set(l.qid, (list = []));
    list.push({ docid: l.docid, rank: l.rank, score: l.score });
  }
  const cmp = compareEntries(order);
  for (const list of run.values()) list.sort(cmp);
  return run;
}

function trecRunLine(d: DataLine, source: string): RunLine {
  const f = d.text.trim().split(/\s+/);
  if (f.length !== 6) {
    throw createError('MALFORMED_RECORD', source, d.line, said(`expected 6 columns "qid Q0 docid rank score tag", found ${f.length}.`, `应有 6 列“qid Q0 docid rank score tag”，实有 ${f.length} 列。`));
  }
  const [qid, , docid, rank, score] = f as [string, string, string, string, string];
  return { qid, docid, rank: parseInteger(rank, source, d.line, 'rank'), score: parseScore(score, source, d.line), line: d.line };
}

/**
 * Parses a TREC run (`qid Q0 docid rank score tag`, whitespace separated); the Q0 and tag columns
 * are ignored. Each query's list is sorted as `order` says (see {@link RunOrder}).
 */
export function parseTrecRun(text: string, source: string, order: RunOrder = 'rank'): Map<string, TrecRunEntry[]> {
  return groupRun(
    dataLines(text).map((d) => trecRunLine(d, source)),
    source,
    order,
  );
}

/** Writes a Lexbone run TSV with a header line; `parseRunTsv` reads it back to equal rows. */
export function formatRunTsv(rows: readonly RunRow[]): string {
  const lines = [RUN_TSV_HEADER];
  for (const r of rows) {
    for (const s of [r.queryId, r.citation]) {
      if (s === '' || s !== s.trim() || /[\t\r\n]/.test(s) || s.startsWith('#')) {
        throw new Error(`run TSV: "${s}" cannot be written (empty, padded, contains a tab or newline, or starts with #).`);
      }
    }
    if (!Number.isInteger(r.rank) || !Number.isFinite(r.score)) {
      throw new Error(`run TSV: query "${r.queryId}" has rank ${r.rank} and score ${r.score}; expected an integer rank and a finite score.`);
    }
    lines.push(`${r.queryId}\t${r.rank}\t${r.citation}\t${r.score}`);
  }
  return lines.join('\n') + '\n';
}

function tsvRow(d: DataLine, source: string): RunRow {
  const f = d.text.split('\t');
  if (f.length !== 4) {
    throw createError('MALFORMED_RECORD', source, d.line, said(`expected 4 tab-separated columns "query_id, rank, citation, score", found ${f.length}.`, `应有 4 列以制表符分隔的“query_id, rank, citation, score”，实有 ${f.length} 列。`));
  }
  const [queryId, rank, citation, score] = f.map((s) => s.trim()) as [string, string, string, string];
  if (queryId === '' || citation === '') throw createError('MALFORMED_RECORD', source, d.line, said('expected a non-empty query_id and citation.', 'query_id 和 citation 不能为空。'));
  return { queryId, rank: parseInteger(rank, source, d.line, 'rank'), citation, score: parseScore(score, source, d.line) };
}

function withoutHeader(lines: DataLine[]): DataLine[] {
  return lines[0] && lines[0].text.trim() === RUN_TSV_HEADER ? lines.slice(1) : lines;
}

/** Parses a Lexbone run TSV (header line optional) into rows in file order. */
export function parseRunTsv(text: string, source: string): RunRow[] {
  return withoutHeader(dataLines(text)).map((d) => tsvRow(d, source));
}

/**
 * Parses either run format into ranked docids per query. The format is told by the first data line:
 * 4 tab-separated columns (or the TSV header) is Lexbone's TSV, anything else must be a 6-column
 * TREC run. Lists are ordered by rank, then score descending, then docid descending.
 */
export function parseAnyRun(text: string, source: string): Map<string, string[]> {
  const lines = dataLines(text);
  const first = lines[0];
  const isTsv = first !== undefined && (first.text.trim() === RUN_TSV_HEADER || first.text.split('\t').length === 4);
  const runLines: RunLine[] = isTsv
    ? withoutHeader(lines).map((d) => {
        const r = tsvRow(d, source);
        return { qid: r.queryId, docid: r.citation, rank: r.rank, score: r.score, line: d.line };
      })
    : lines.map((d) => trecRunLine(d, source));
  const out = new Map<string, string[]>();
  for (const [qid, entries] of groupRun(runLines, source, 'rank')) out.set(qid, entries.map((e) => e.docid));
  return out;
}

/**
 * Scores a run against qrels: the mean of each measure over every query of the qrels, with binary
 * relevance (grade > 0). A judged query the run lacks scores 0, and so does a judged query with no
 * relevant document (as in `computeMeasure`); run queries the qrels lack are ignored and counted.
 */
export function scoreRun(run: RankedRun, qrels: Qrels, measures: readonly (Measure | string)[]): RunScore {
  const parsed = measures.map((m) => (typeof m === 'string' ? parseMeasure(m) : m));
  let missingFromRun = 0;
  const perQuery = [...qrels].map(([qid, docs]) => {
    const ranked = run.get(qid);
    if (!ranked) missingFromRun++;
    const relevant = new Set<string>();
    for (const [docid, grade] of docs) if (grade > 0) relevant.add(docid);
    return { ranked: ranked ?? [], relevant };
  });
  let notInQrels = 0;
  for (const qid of run.keys()) if (!qrels.has(qid)) notInQrels++;
  return { metrics: meanMeasures(parsed, perQuery), queries: qrels.size, missingFromRun, notInQrels };
}
