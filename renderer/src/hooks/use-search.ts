/**
 * Runs the search the URL describes. A new request aborts the one in flight (HTTP cancels the
 * fetch, IPC drops the late answer), so a slow earlier response never overwrites a newer one.
 */
import { useEffect, useRef, useState } from 'react';
import type { Api, ApiRequest } from '../../../electron/contract/api';
import type { SearchResponse } from '../../../electron/contract/types';
import { asApiError, isAborted, type ApiError } from '../api/api-error';

export { RESULT_LIMIT } from './search-params';

export type SearchState =
  | { kind: 'idle' }
  | { kind: 'loading'; query: string; previous: SearchResponse | null }
  | { kind: 'done'; query: string; response: SearchResponse }
  | { kind: 'failed'; query: string; error: ApiError };

export function useSearch(api: Api, request: ApiRequest<'search'> | null): SearchState {
  const [state, setState] = useState<SearchState>({ kind: 'idle' });
  const inFlight = useRef<AbortController | null>(null);
  const key = request ? JSON.stringify(request) : '';

  useEffect(() => {
    inFlight.current?.abort();
    inFlight.current = null;
    if (!request) {
      setState({ kind: 'idle' });
      return;
    }
    const controller = new AbortController();
    inFlight.current = controller;
    const query = request.query.trim();
    setState((prev) => ({
      kind: 'loading',
      query,
      previous: prev.kind === 'done' ? prev.response : prev.kind === 'loading' ? prev.previous : null,
    }));
    api.search(request, { signal: controller.signal }).then(
      (response) => {
        if (!controller.signal.aborted) setState({ kind: 'done', query, response });
      },
      (e: unknown) => {
        if (!controller.signal.aborted && !isAborted(e)) setState({ kind: 'failed', query, error: asApiError(e) });
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the request is compared by value (key)
  }, [api, key]);

  useEffect(() => () => inFlight.current?.abort(), []);
  return state;
}
