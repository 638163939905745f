/**
 * Importing a firm's own glossary (CSV `term,citation`) into a library: every row is checked as the
 * shipped glossary is (the article exists here, in force; no name points at two different sets of
 * articles, the shipped glossary's included), and a file with any bad row is refused whole with an
 * error per line, leaving the stored glossary as it was. A good file replaces the rows imported
 * earlier from a file of the same name, in one transaction (table `firm_glossary`, migration 5).
 */
import type { Database } from 'better-sqlite3';
import { normalizeTerm } from './glossary-text';
import type { GlossaryImportReport } from '../../contract/glossary-types';
import { parseFirmGlossaryCsv } from './firm-glossary-csv';
import { firmEntries, type FirmGlossaryRow, type LibraryGlossary } from './library-glossary';

/** At most this many rows in one file. */
const FIRM_GLOSSARY_MAX_ROWS = 20_000;

/** Rows and distinct terms imported (0 when refused), rows replaced, and every bad line (when any, nothing was imported). */
export type FirmGlossaryReport = GlossaryImportReport;

export function importFirmGlossary(db: Database, glossary: LibraryGlossary, text: string, file: string): FirmGlossaryReport {
  const parsed = parseFirmGlossaryCsv(text, file);
  const errors = [...parsed.errors];
  if (parsed.rows.length > FIRM_GLOSSARY_MAX_ROWS) {
    errors.push({ line: parsed.rows[FIRM_GLOSSARY_MAX_ROWS]!.line, code: 'TOO_MANY_ROWS', detail: String(FIRM_GLOSSARY_MAX_ROWS), message: `more than ${FIRM_GLOSSARY_MAX_ROWS} rows; split the file.` });
  }
  const rows: FirmGlossaryRow[] = [];
  for (const r of parsed.rows) {
    const target = glossary.target({ law: r.law, label: r.label });
    const cited = `${r.law}${r.label}`;
    if (target.status === 'missing') errors.push({ line: r.line, code: 'NOT_IN_LIBRARY', detail: cited, message: `${cited} is not in the library. Check the law and article, or import the law first.` });
    else if (target.status === 'superseded') errors.push({ line: r.line, code: 'NOT_IN_FORCE', detail: cited, message: `${cited} is only in a version that is no longer in force. Cite the version in force.` });
    else {
      const a = db.prepare('SELECT l.title FROM articles a JOIN laws l ON l.id = a.law_id WHERE a.id = ?').get(target.articleId) as { title: string };
      rows.push({ term: r.term, law: a.title, label: r.label, file, line: r.line });
    }
  }
  // Contradictions with the shipped glossary and the firm's other files (this file's old rows aside).
  const others = glossary.firmRows().filter((r) => r.file !== file);
  const mine = firmEntries(rows);
  const problems = glossary.check([...glossary.builtinEntries(), ...firmEntries(others), ...mine]);
  const names = new Set(mine.flatMap((e) => [e.term, ...e.aliases].map(normalizeTerm)));
  for (const p of problems) {
    if (p.code !== 'CONTRADICTION' || !names.has(normalizeTerm(p.term))) continue;
    const line = rows.find((r) => normalizeTerm(r.term) === normalizeTerm(p.term))?.line ?? 1;
    errors.push({ line, code: 'CONTRADICTION', detail: p.term, message: `"${p.term}": ${p.detail}` });
  }
  errors.sort((a, b) => a.line - b.line);
  if (errors.length > 0) return { file, rows: 0, terms: 0, replaced: 0, errors };
  const at = new Date().toISOString();
  const replaced = db.transaction(() => {
    const gone = db.prepare('DELETE FROM firm_glossary WHERE file = ?').run(file).changes;
    const put = db.prepare('INSERT INTO firm_glossary (term, law, label, file, line, imported_at) VALUES (?, ?, ?, ?, ?, ?)');
    for (const r of rows) put.run(r.term, r.law, r.label, file, r.line, at);
    return gone;
  })();
  glossary.invalidate();
  return { file, rows: rows.length, terms: mine.length, replaced, errors: [] };
}

/** Removes the rows imported from a file; returns how many. */
export function removeFirmGlossary(db: Database, glossary: LibraryGlossary, file: string): number {
  const n = db.prepare('DELETE FROM firm_glossary WHERE file = ?').run(file).changes;
  glossary.invalidate();
  return n;
}
