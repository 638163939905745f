/**
 * The lawyer's marks on one query's results (relevant, not relevant, "nothing here", the articles
 * added for it), loaded when the query changes and changed one request at a time. Marking the same
 * way twice takes the mark back. A failure is shown beside the buttons; the results stay usable.
 */
import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import type { Api } from '../../../electron/contract/api';
import type { FeedbackArticle, FeedbackItem } from '../../../electron/contract/feedback-types';
import type { SearchHit } from '../../../electron/contract/types';
import { asApiError, type ApiError } from '../api/api-error';
import type { ServedSearch } from './search-query-context';

type Markable = Pick<SearchHit, 'articleId' | 'label' | 'law'> & { rank?: number };

/** How feedback and a hit name the same article (law title, version, label). */
export const articleKey = (a: Pick<FeedbackArticle, 'lawTitle' | 'lawVersion' | 'label'>): string => `${a.lawTitle}|${a.lawVersion}|${a.label}`;
const hitKey = (h: Markable): string => articleKey({ lawTitle: h.law.title, lawVersion: h.law.versionDate ?? '', label: h.label });

export interface ResultFeedback {
  /** The mark on a result, if any (an `opened` is not shown as a mark). */
  markOf: (hit: Markable) => 'relevant' | 'not_relevant' | null;
  mark: (hit: Markable, mark: 'relevant' | 'not_relevant') => Promise<void>;
  /** Records that the article was opened from the list (never replaces a mark). */
  opened: (hit: Markable) => void;
  nothingHere: FeedbackItem | null;
  sayNothingHere: (shown: number[]) => Promise<void>;
  /** Articles named for the query since (by citation), oldest first. */
  added: FeedbackItem[];
  addArticle: (citation: string) => Promise<boolean>;
  error: ApiError | null;
}

export function useResultFeedback(api: Api, served: ServedSearch | null): ResultFeedback {
  const [items, setItems] = useState<FeedbackItem[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const query = served?.query ?? '';

  useEffect(() => {
    setItems([]);
    setError(null);
    if (!query) return;
    let live = true;
    api.feedback({ query, limit: 1000 }).then((p) => live && setItems(p.items), () => undefined);
    return () => {
      live = false;
    };
  }, [api, query]);

  const put = (item: FeedbackItem) => setItems((now) => [...now.filter((i) => i.id !== item.id), item]);
  const run = useCallback(async <T,>(fn: () => Promise<T>): Promise<T | null> => {
    try {
      const v = await fn();
      setError(null);
      return v;
    } catch (e) {
      setError(asApiError(e));
      return null;
    }
  }, []);

  const itemOf = (hit: Markable) => items.find((i) => i.article && articleKey(i.article) === hitKey(hit) && i.source !== 'curation');
  return {
    markOf: (hit) => {
      const m = itemOf(hit)?.mark;
      return m === 'relevant' || m === 'not_relevant' ? m : null;
    },
    mark: async (hit, mark) => {
      if (!served) return;
      const current = itemOf(hit);
      if (current?.mark === mark) {
        if (await run(() => api.deleteFeedback({ id: current.id }))) setItems((now) => now.filter((i) => i.id !== current.id));
        return;
      }
      const item = await run(() => api.markResult({ query, articleId: hit.articleId, mark, source: served.source, preset: served.preset ?? undefined, rank: hit.rank }));
      if (item) put(item);
    },
    opened: (hit) => {
      if (!served || itemOf(hit)) return;
      api.markResult({ query, articleId: hit.articleId, mark: 'opened', source: served.source, preset: served.preset ?? undefined, rank: hit.rank }).then(put, () => undefined);
    },
    nothingHere: items.find((i) => i.mark === 'nothing_here') ?? null,
    sayNothingHere: async (shown) => {
      if (!served) return;
      const item = await run(() => api.markNothingHere({ query, shown: shown.slice(0, 50), source: served.source === 'research' ? 'research' : 'search', preset: served.preset ?? undefined }));
      if (item) put(item);
    },
    added: items.filter((i) => i.source === 'curation' && i.mark === 'relevant'),
    addArticle: async (citation) => {
      const item = await run(() => api.addFailureArticle({ query, citation }));
      if (item) put(item);
      return item !== null;
    },
    error,
  };
}

/** The marks of the list being shown; null outside a result list (no feedback buttons then). */
export const ResultFeedbackContext = createContext<ResultFeedback | null>(null);
export const useResultFeedbackContext = (): ResultFeedback | null => useContext(ResultFeedbackContext);

/** The list an article was last opened from (this window, this session): its page offers the same marks. */
const openedFromList = new Map<number, { served: ServedSearch; rank: number | undefined }>();
export function rememberOpenedFrom(articleId: number, served: ServedSearch, rank: number | undefined): void {
  if (served.query) openedFromList.set(articleId, { served, rank });
}
export function openedFrom(articleId: number): { served: ServedSearch; rank: number | undefined } | null {
  return openedFromList.get(articleId) ?? null;
}
