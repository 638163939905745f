/**
 * One read from the API for a component, the one way the renderer asks and forgets: asked when
 * `deps` change, the request before it aborted (over HTTP the server stops it; over IPC its answer
 * is dropped), its answer or its error kept. The last answer stays on screen while the next one
 * loads; an error is cleared when the next request starts. `load` null: nothing is asked.
 */
import { useCallback, useEffect, useState, type DependencyList } from 'react';
import type { CallOptions } from '../../../electron/contract/api';
import { asApiError, isAborted, type ApiError } from '../api/api-error';

export interface ApiQuery<T> {
  data: T | null;
  error: ApiError | null;
  /** Asks again (after a change the component made itself). */
  reload: () => void;
}

export function useApiQuery<T>(load: ((opts: CallOptions) => Promise<T>) | null, deps: DependencyList): ApiQuery<T> {
  const [state, setState] = useState<{ data: T | null; error: ApiError | null }>({ data: null, error: null });
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (!load) return;
    const controller = new AbortController();
    setState((s) => (s.error ? { data: s.data, error: null } : s));
    load({ signal: controller.signal }).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: null });
      },
      (e: unknown) => {
        if (!controller.signal.aborted && !isAborted(e)) setState((s) => ({ data: s.data, error: asApiError(e) }));
      },
    );
    return () => controller.abort();
    // `load` is a new function on every render: `deps` say when it asks something else.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, reload };
}
