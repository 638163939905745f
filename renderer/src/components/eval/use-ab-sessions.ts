/**
 * The A/B sessions list, polled while one is being prepared (so its progress bar moves), and
 * starting or cancelling a preparation. Nothing is set after unmount.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Api, ApiRequest } from '../../../../electron/contract/api';
import type { AbSessionSummary } from '../../../../electron/contract/ab-types';
import { asApiError, type ApiError } from '../../api/api-error';

const POLL_MS = 300;

export interface AbSessionsView {
  sessions: AbSessionSummary[] | null;
  loadError: ApiError | null;
  prepareError: ApiError | null;
  /** The session being prepared (from the list), if any. */
  preparing: AbSessionSummary | null;
  prepare: (req: ApiRequest<'prepareAb'>) => Promise<AbSessionSummary | null>;
  /** Stops the preparation between two searches (nothing is saved); the list shows it cancelled. */
  cancel: (id: string) => Promise<void>;
  cancelError: ApiError | null;
}

export function useAbSessions(api: Api): AbSessionsView {
  const [sessions, setSessions] = useState<AbSessionSummary[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [prepareError, setPrepareError] = useState<ApiError | null>(null);
  const [cancelError, setCancelError] = useState<ApiError | null>(null);
  const mounted = useRef(true);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(async (): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    try {
      const list = await api.abSessions({});
      if (!mounted.current) return;
      setSessions(list);
      setLoadError(null);
      if (list.some((s) => s.state === 'preparing')) timer.current = setTimeout(() => void load(), POLL_MS);
    } catch (e) {
      if (mounted.current) setLoadError(asApiError(e));
    }
  }, [api]);

  useEffect(() => {
    mounted.current = true;
    void load();
    return () => {
      mounted.current = false;
      if (timer.current) clearTimeout(timer.current);
    };
  }, [load]);

  const prepare = useCallback(async (req: ApiRequest<'prepareAb'>) => {
    setPrepareError(null);
    try {
      const started = await api.prepareAb(req);
      await load();
      return started;
    } catch (e) {
      if (mounted.current) setPrepareError(asApiError(e));
      return null;
    }
  }, [api, load]);

  const cancel = useCallback(async (id: string) => {
    setCancelError(null);
    try {
      await api.cancelAbPreparation({ id });
    } catch (e) {
      if (mounted.current) setCancelError(asApiError(e));
    }
    await load();
  }, [api, load]);

  return { sessions, loadError, prepareError, preparing: sessions?.find((s) => s.state === 'preparing') ?? null, prepare, cancel, cancelError };
}
