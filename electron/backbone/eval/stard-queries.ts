import { readFileSync } from 'node:fs';
import { createError } from '../../contract/errors';
import type { SearchService } from '../pipeline/search-service';
import { said } from '../../contract/said';

export interface EvalQuery {
  id: string;
  text: string;
  /** Article ids of the relevant articles, resolved against the store. */
  relevant: Set<number>;
  /** match_name entries that did not resolve (reported, never silently dropped). */
  unresolved: string[];
}

interface StardRecord {
  query_id: string | number;
  问题: string;
  match_name: string[];
}

/**
 * Loads a query file in STARD's format and resolves each relevant article name (law title +
 * label, e.g. 中华人民共和国民法典第五十四条) to the article of the law's latest version.
 */
export function loadStardQueries(path: string, search: SearchService): EvalQuery[] {
  let records: StardRecord[];
  try {
    records = JSON.parse(readFileSync(path, 'utf8')) as StardRecord[];
  } catch (e) {
    throw createError('MALFORMED_RECORD', path, 1, said(`not a STARD query file (${(e as Error).message}).`, '不是 STARD 查询文件。'));
  }
  return records.map((r) => {
    const relevant = new Set<number>();
    const unresolved: string[] = [];
    for (const name of r.match_name ?? []) {
      const view = search.tryCitation(name);
      if (view) relevant.add(view.articleId);
      else unresolved.push(name);
    }
    return { id: String(r.query_id), text: r['问题'], relevant, unresolved };
  });
}
