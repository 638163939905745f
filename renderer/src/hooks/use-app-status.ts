/**
 * Asks the backbone for its status on mount and keeps polling while it is importing (every
 * `intervalMs`), so the progress bar moves and the search box appears once the library is ready.
 * If the status call itself fails, the failure is reported and the call is retried more slowly.
 */
import { useEffect, useState } from 'react';
import type { Api } from '../../../electron/contract/api';
import type { AppStatus } from '../../../electron/contract/types';
import { asApiError, type ApiError } from '../api/api-error';

export interface AppStatusView {
  status: AppStatus | null;
  failure: ApiError | null;
}

export function useAppStatus(api: Api, intervalMs = 500): AppStatusView {
  const [view, setView] = useState<AppStatusView>({ status: null, failure: null });

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const poll = async (): Promise<void> => {
      try {
        const status = await api.status({});
        if (cancelled) return;
        setView({ status, failure: null });
        if (status.state === 'importing') timer = setTimeout(poll, intervalMs);
      } catch (e) {
        if (cancelled) return;
        setView((prev) => ({ status: prev.status, failure: asApiError(e) }));
        timer = setTimeout(poll, intervalMs * 4);
      }
    };

    void poll();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, intervalMs]);

  return view;
}
