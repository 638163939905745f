/**
 * The API handlers for reading laws whole: `law`, `lawVersions`, `compareArticle`. One
 * `LawDocuments` per library (it shares the search service's law reader, so an import's cache
 * invalidation reaches it too).
 */
import type { ApiHandlers } from '../../contract/api';
import type { Library } from '../library';
import { asStoreError } from '../store/open-database';
import { LawDocuments } from './law-document';
import { compareArticle, lawVersions } from './law-versions';

type LawHandlers = Pick<ApiHandlers, 'law' | 'lawVersions' | 'compareArticle'>;

export function lawHandlers(library: () => Library): LawHandlers {
  const byLibrary = new WeakMap<Library, LawDocuments>();
  const docs = (): LawDocuments => {
    const lib = library();
    let d = byLibrary.get(lib);
    if (!d) byLibrary.set(lib, (d = new LawDocuments(lib.db, lib.searchService.reader)));
    return d;
  };
  /** A damaged database reads as DB_CORRUPT, as in every other library method. */
  const read = <T>(fn: (d: LawDocuments) => T): T => {
    const d = docs();
    try {
      return fn(d);
    } catch (e) {
      throw asStoreError(e, library().dbPath);
    }
  };
  return {
    law: (req) => read((d) => d.document(req.id)),
    lawVersions: (req) => read((d) => lawVersions(d, req.id)),
    compareArticle: (req) => read((d) => compareArticle(d, req.articleId, { from: req.from, to: req.to })),
  };
}
