/**
 * A firm's own glossary as CSV: `term,citation`, one row per article (a header row is optional;
 * UTF-8 with or without a BOM). Citations are written as lawyers write them — 刑法第二百七十条,
 * 《中华人民共和国刑法》第二百七十条, 民法典第584条 — and parsed by text/citation.ts; the law stays
 * as written (the caller resolves it to a stored title). Several rows for one term add targets.
 * A bad row gets its own error and the good rows are kept.
 */
import { parse } from 'csv-parse/sync';
import { parseCitation } from '../text/citation';
import { normalizeTerm, targetKey } from './glossary-text';
import type { GlossaryRowError, GlossaryRowErrorCode } from '../../contract/glossary-types';
import { MAX_TERM_LENGTH, type GlossaryEntry } from './glossary-types';

export type FirmGlossaryError = GlossaryRowError;

/** A row error: its code, the part that varies, and the English sentence. */
const rowError = (line: number, code: GlossaryRowErrorCode, detail: string, message: string): FirmGlossaryError => ({ line, code, detail, message });

export interface FirmGlossary {
  entries: GlossaryEntry[];
  /** The good rows, one per line (the entries merge rows of one term). */
  rows: { line: number; term: string; law: string; label: string }[];
  errors: FirmGlossaryError[];
}

const HEADER_TERMS = new Set(['term', '术语', '词条', '名称']);
const HEADER_CITATIONS = new Set(['citation', 'article', '条文', '法条', '出处']);

function isHeader(cells: string[]): boolean {
  return HEADER_TERMS.has(cells[0]!.trim().toLowerCase()) && HEADER_CITATIONS.has((cells[1] ?? '').trim().toLowerCase());
}

/** What is wrong with a row, or its term and citation. */
function readRow(cells: string[], line: number): { error: FirmGlossaryError } | { term: string; citation: string } {
  // Spreadsheets often write trailing empty cells; only a filled third column is one too many.
  let n = cells.length;
  while (n > 2 && cells[n - 1]!.trim() === '') n--;
  const bad = (code: GlossaryRowErrorCode, detail: string, message: string) => ({ error: rowError(line, code, detail, message) });
  if (n > 2) return bad('COLUMNS', String(n), `expected 2 columns (term,citation), found ${n}. Put commas inside a cell in double quotes.`);
  const term = (cells[0] ?? '').trim();
  const citation = (cells[1] ?? '').trim();
  if (term === '') return bad('EMPTY_TERM', '', 'the term is empty.');
  if (term.includes('"')) return bad('STRAY_QUOTE', term, `the term ${term} has a stray double quote. Quote the whole cell ("…") and double any quote inside it.`);
  if (term.length > MAX_TERM_LENGTH) return bad('TERM_TOO_LONG', String(term.length), `the term "${term.slice(0, 12)}…" is ${term.length} characters long; at most ${MAX_TERM_LENGTH} are allowed.`);
  if (citation === '') return bad('NO_CITATION', term, `"${term}" has no citation. Write one like 刑法第二百七十条 in the second column.`);
  return { term, citation };
}

export function parseFirmGlossaryCsv(text: string, file: string): FirmGlossary {
  const errors: FirmGlossaryError[] = [];
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, {
      info: true, bom: true, skip_empty_lines: true, relax_column_count: true,
      // A stray quote (坏"行) stays in its cell, so one slip does not swallow the lines after it.
      relax_quotes: true,
      skip_records_with_error: true,
      on_skip: (err) => {
        if (err) errors.push(rowError((err as { lines?: number }).lines ?? 1, 'CSV', err.message, `not valid CSV (${err.message}).`));
        return undefined;
      },
    }) as never;
  } catch (e) {
    const err = e as Error & { lines?: number };
    return { entries: [], rows: [], errors: [...errors, rowError(err.lines ?? 1, 'CSV', err.message, `not valid CSV (${err.message}).`)] };
  }

  const byTerm = new Map<string, GlossaryEntry>();
  const good: FirmGlossary['rows'] = [];
  const targetsSeen = new Map<GlossaryEntry, Set<string>>();
  rows.forEach(({ record, info }, i) => {
    const line = info.lines;
    if (i === 0 && isHeader(record)) return;
    if (record.every((c) => c.trim() === '')) return;
    const row = readRow(record, line);
    if ('error' in row) {
      errors.push(row.error);
      return;
    }
    const cited = parseCitation(row.citation);
    if (!cited) {
      errors.push(rowError(line, 'NOT_A_CITATION', row.citation, `"${row.citation}" is not a citation. Write it like 刑法第二百七十条 or 《中华人民共和国民法典》第五百八十四条.`));
      return;
    }
    const key = normalizeTerm(row.term);
    let entry = byTerm.get(key);
    if (!entry) {
      entry = { term: row.term, aliases: [], kind: 'term', targets: [], provenance: [] };
      byTerm.set(key, entry);
      targetsSeen.set(entry, new Set());
    }
    const target = { law: cited.law, label: cited.label };
    good.push({ line, term: row.term, ...target });
    const seen = targetsSeen.get(entry)!;
    if (!seen.has(targetKey(target))) {
      seen.add(targetKey(target));
      entry.targets.push(target);
    }
    entry.provenance.push({ source: 'firm', file, line });
  });
  errors.sort((a, b) => a.line - b.line);
  return { entries: [...byTerm.values()], rows: good, errors };
}
