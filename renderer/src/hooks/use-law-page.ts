/**
 * The data of the article page: the article (its law id, neighbours, citation), then — at the same
 * time — the whole law version, its dated versions and the article across them. A law already
 * loaded is kept, so moving to another article of the same law (prev/next, a cross-reference)
 * fetches only the article and its comparison, and the long text is not rebuilt.
 */
import { useEffect, useRef, useState } from 'react';
import type { Api } from '../../../electron/contract/api';
import type { ArticleComparison, LawDocument, LawVersion } from '../../../electron/contract/law-types';
import type { ArticleView } from '../../../electron/contract/types';
import { asApiError, type ApiError } from '../api/api-error';

export interface LawPage {
  view: ArticleView | null;
  doc: LawDocument | null;
  versions: LawVersion[] | null;
  comparison: ArticleComparison | null;
  error: ApiError | null;
}

const EMPTY: LawPage = { view: null, doc: null, versions: null, comparison: null, error: null };

export function useLawPage(api: Api, articleId: number): LawPage {
  const [page, setPage] = useState<LawPage>(EMPTY);
  const docs = useRef(new Map<number, LawDocument>());
  const versionLists = useRef(new Map<number, LawVersion[]>());

  useEffect(() => {
    let live = true;
    const set = (patch: Partial<LawPage>) => live && setPage((p) => ({ ...p, ...patch }));
    const fail = (e: unknown) => set({ error: asApiError(e) });
    // Keep the law on screen while the next article of the same law loads.
    // The previous article (and its law) stays on screen until this one arrives.
    setPage((p) => ({ ...p, comparison: null, error: null }));
    api
      .article({ id: articleId })
      .then((view) => {
        if (!live) return;
        const lawId = view.law.id;
        const cachedDoc = docs.current.get(lawId);
        const cachedVersions = versionLists.current.get(lawId);
        setPage((p) => ({ ...p, view, doc: cachedDoc ?? (p.doc?.law.id === lawId ? p.doc : null), versions: cachedVersions ?? null }));
        if (!cachedDoc) {
          api.law({ id: lawId }).then((doc) => (docs.current.set(lawId, doc), set({ doc })), fail);
        }
        if (!cachedVersions) {
          api.lawVersions({ id: lawId }).then((versions) => (versionLists.current.set(lawId, versions), set({ versions })), fail);
        }
        api.compareArticle({ articleId }).then((comparison) => set({ comparison }), fail);
      }, fail);
    return () => {
      live = false;
    };
  }, [api, articleId]);

  return page;
}
