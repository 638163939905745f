/**
 * Drives one deep-research run: starts it, polls `researchRun` while it runs (the run streams its
 * partial result batch by batch), and cancels it. The run's id lives in the route
 * (#/research?q=…&run=…), so going to an article and back shows the same run again.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Api } from '../../../electron/contract/api';
import type { ResearchRunView } from '../../../electron/contract/research-types';
import { asApiError, type ApiError } from '../api/api-error';
import { navigate } from './use-route';

export const POLL_MS = 250;

export interface ResearchRunState {
  run: ResearchRunView | null;
  error: ApiError | null;
  /** Waiting for startResearch to answer. */
  starting: boolean;
  start: (query: string) => void;
  cancel: () => void;
}

export function useResearchRun(api: Api, runId: string | null): ResearchRunState {
  const [run, setRun] = useState<ResearchRunView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [starting, setStarting] = useState(false);
  // The run whose answers are wanted; a late answer for another run is dropped.
  const current = useRef(runId);
  current.current = runId;

  useEffect(() => {
    if (!runId) {
      setRun(null);
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const poll = async () => {
      try {
        const view = await api.researchRun({ runId });
        if (stopped || current.current !== runId) return;
        setRun((prev) => (prev?.state === 'cancelled' && prev.runId === runId ? prev : view));
        setError(null);
        if (view.state === 'running') timer = setTimeout(poll, POLL_MS);
      } catch (e) {
        if (!stopped) setError(asApiError(e));
      }
    };
    setRun((prev) => (prev?.runId === runId ? prev : null));
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [api, runId]);

  const start = useCallback(
    (raw: string) => {
      const query = raw.trim();
      if (!query) return;
      setStarting(true);
      setError(null);
      api.startResearch({ query }).then(
        ({ runId: id }) => {
          setStarting(false);
          navigate('research', [], { q: query, run: id });
        },
        (e: unknown) => {
          setStarting(false);
          setError(asApiError(e));
        },
      );
    },
    [api],
  );

  const cancel = useCallback(() => {
    if (!runId) return;
    api.cancelResearch({ runId }).then(
      (view) => {
        if (current.current === runId) setRun(view);
      },
      (e: unknown) => setError(asApiError(e)),
    );
  }, [api, runId]);

  return { run, error, starting, start, cancel };
}
