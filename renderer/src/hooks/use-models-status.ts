/**
 * The `models` status, polled: every `fastMs` while an indexing pass runs (the progress bar moves),
 * else every `slowMs` (a version switch or an import elsewhere shows up). `refresh` asks at once;
 * only the latest answer is kept, and nothing is set after unmount.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Api } from '../../../electron/contract/api';
import type { ModelsStatus } from '../../../electron/contract/types';
import { asApiError, type ApiError } from '../api/api-error';

export interface ModelsStatusView {
  status: ModelsStatus | null;
  failure: ApiError | null;
  refresh: () => void;
}

export function useModelsStatus(api: Api, { fastMs = 400, slowMs = 2000, poll = true } = {}): ModelsStatusView {
  const [status, setStatus] = useState<ModelsStatus | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const latest = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const alive = useRef(true);

  const load = useCallback(async (): Promise<void> => {
    const id = ++latest.current;
    clearTimeout(timer.current);
    let next = slowMs;
    try {
      const s = await api.models({});
      if (!alive.current || id !== latest.current) return;
      setStatus(s);
      setFailure(null);
      if (s.indexing?.state === 'running') next = fastMs;
    } catch (e) {
      if (!alive.current || id !== latest.current) return;
      setFailure(asApiError(e));
    }
    if (poll) timer.current = setTimeout(() => void load(), next);
  }, [api, fastMs, slowMs, poll]);

  useEffect(() => {
    alive.current = true;
    void load();
    return () => {
      alive.current = false;
      clearTimeout(timer.current);
    };
  }, [load]);

  const refresh = useCallback(() => void load(), [load]);
  return { status, failure, refresh };
}
