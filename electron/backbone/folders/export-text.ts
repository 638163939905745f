import type { FolderDocument, FolderQuery } from './types';

/**
 * Text exports of a folder. Markdown for notes and e-mail; CSV (RFC 4180, CRLF, UTF-8 with a BOM so
 * Excel reads the Chinese correctly) for spreadsheets.
 */

const PATH_SEPARATOR = ' › ';

/** 「text」（standard, K=80, N=10） */
export function describeQuery(q: FolderQuery): string {
  if (!q.budget) return q.text;
  const preset = q.budget.preset ? `${q.budget.preset}, ` : '';
  return `${q.text}（${preset}K=${q.budget.k}, N=${q.budget.n}）`;
}

const quoteLines = (text: string): string =>
  text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => (l === '' ? '>' : `> ${l}`))
    .join('\n');

/** A folder as Markdown: title, description, one section per pin, then the queries. */
export function folderToMarkdown(doc: FolderDocument): string {
  const out: string[] = [`# ${doc.folder.name}`, ''];
  if (doc.folder.description) out.push(doc.folder.description, '');
  for (const p of doc.pins) {
    out.push(`## ${p.citation}`, '');
    if (p.path.length > 0) out.push(`*${p.path.join(PATH_SEPARATOR)}*`, '');
    out.push(quoteLines(p.text), '');
    if (p.note) out.push(`**备注：** ${p.note.replace(/\r\n?/g, '\n')}`, '');
  }
  if (doc.queries.length > 0) {
    out.push('## 检索记录', '');
    for (const q of doc.queries) out.push(`- ${describeQuery(q)} — ${q.recordedAt}`);
    out.push('');
  }
  return out.join('\n');
}

const CSV_COLUMNS = ['citation', 'law', 'article', 'path', 'note', 'pinned_at', 'text'] as const;

/**
 * One RFC 4180 field: quoted when it holds a comma, a quote, CR or LF; quotes doubled. A field that
 * a spreadsheet would run as a formula (= + - @ tab CR first) gets a leading apostrophe, so an
 * exported note can never execute in Excel.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A folder's pins as CSV bytes: UTF-8 BOM, header row, one row per pin, CRLF after every row. */
export function folderToCsv(doc: FolderDocument): Buffer {
  const rows = [CSV_COLUMNS.join(',')];
  for (const p of doc.pins) {
    rows.push([p.citation, p.lawTitle, p.label, p.path.join(PATH_SEPARATOR), p.note, p.pinnedAt, p.text].map(csvField).join(','));
  }
  return Buffer.from(`\uFEFF${rows.join('\r\n')}\r\n`, 'utf8');
}
