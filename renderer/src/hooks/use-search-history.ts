/**
 * The user's search history (kept in research.db by the backbone): the latest entries for the
 * empty search page, a record of each finished search, and clearing it. A failure to read or
 * write the history never gets in the way of searching: the list is simply not shown.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Api } from '../../../electron/contract/api';
import type { PresetName, SearchResponse } from '../../../electron/contract/types';
import type { HistoryEntry } from '../../../electron/contract/folder-types';

const HISTORY_SHOWN = 8;

export interface SearchHistory {
  entries: HistoryEntry[];
  clear: () => void;
}

/** Records `response` once per finished search (same text and budget twice in a row: one entry). */
export function useSearchHistory(api: Api, finished: { query: string; preset: PresetName; response: SearchResponse } | null): SearchHistory {
  const [entries, setEntries] = useState<HistoryEntry[]>([]);
  const recorded = useRef<SearchResponse | null>(null);

  const reload = useCallback(() => {
    api.history({ limit: HISTORY_SHOWN }).then(setEntries, () => setEntries([]));
  }, [api]);

  useEffect(reload, [reload]);

  useEffect(() => {
    if (!finished || recorded.current === finished.response) return;
    recorded.current = finished.response;
    api
      .addHistory({
        text: finished.query, preset: finished.preset, resultCount: finished.response.hits.length,
        // What it showed: if nothing comes of this search, it is listed as a failure case with these.
        shown: [...finished.response.hits].sort((a, b) => a.rank - b.rank).slice(0, 10).map((h) => h.articleId),
      })
      .then(reload, () => undefined);
  }, [api, finished, reload]);

  const clear = useCallback(() => {
    api.clearHistory({}).then(() => setEntries([]), () => undefined);
  }, [api]);

  return { entries, clear };
}
