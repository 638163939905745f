/**
 * Runs searches against the API. Only the latest request's answer is kept, so a slow earlier
 * response never overwrites a newer one.
 */
import { useCallback, useRef, useState } from 'react';
import type { Api } from '../../../electron/contract/api';
import type { SearchResponse } from '../../../electron/contract/types';
import { asApiError, type ApiError } from '../api/api-error';

export const RESULT_LIMIT = 20;

export type SearchState =
  | { kind: 'idle' }
  | { kind: 'loading'; query: string; previous: SearchResponse | null }
  | { kind: 'done'; query: string; response: SearchResponse }
  | { kind: 'failed'; query: string; error: ApiError };

export function useSearch(api: Api): { state: SearchState; search: (query: string) => void } {
  const [state, setState] = useState<SearchState>({ kind: 'idle' });
  const latest = useRef(0);

  const search = useCallback(
    (raw: string) => {
      const query = raw.trim();
      if (!query) return;
      const id = ++latest.current;
      setState((prev) => ({ kind: 'loading', query, previous: prev.kind === 'done' ? prev.response : null }));
      api.search({ query, limit: RESULT_LIMIT }).then(
        (response) => {
          if (id === latest.current) setState({ kind: 'done', query, response });
        },
        (e: unknown) => {
          if (id === latest.current) setState({ kind: 'failed', query, error: asApiError(e) });
        },
      );
    },
    [api],
  );

  return { state, search };
}
