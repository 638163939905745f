import { parse } from 'csv-parse/sync';
import { createError } from '../../contract/errors';
import { groupRecords, type ArticleRecord } from './records';
import type { ParsedLaw } from '../store/parsed-law';
import { said } from '../../contract/said';

const COLUMNS = ['law', 'article', 'text'];

/** CSV with columns law,article,text (a header row naming them is optional). */
export function parseLawCsv(text: string, file: string, category: string): ParsedLaw[] {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, { info: true, bom: true, skip_empty_lines: true, relax_column_count: true }) as never;
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw createError('MALFORMED_RECORD', file, err.lines ?? 1, said(`not valid CSV (${err.message}).`, '不是有效的 CSV。'));
  }
  const records: ArticleRecord[] = [];
  rows.forEach(({ record, info }, i) => {
    if (i === 0 && record.map((c) => c.trim().toLowerCase()).join(',') === COLUMNS.join(',')) return;
    if (record.length !== 3) {
      throw createError('MALFORMED_RECORD', file, info.lines, said(`expected 3 columns (law,article,text), found ${record.length}.`, `应有 3 列（law,article,text），实有 ${record.length} 列。`));
    }
    records.push({ law: record[0]!, article: record[1]!, text: record[2]!, line: info.lines });
  });
  return groupRecords(records, file, category);
}
