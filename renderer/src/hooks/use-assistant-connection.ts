/**
 * The "Connect an AI assistant" page's one read: how an assistant connects and which are connected
 * now, asked again every `intervalMs` while the page is open. Leaving the page stops the polling
 * and aborts the request in flight. A failed ask keeps the last answer on screen, reports the
 * error and is tried again at the next tick; the next answer clears it.
 */
import { useEffect, useState } from 'react';
import type { Api } from '../../../electron/contract/api';
import type { AssistantConnection } from '../../../electron/contract/assistant-types';
import { asApiError, isAborted, type ApiError } from '../api/api-error';

export const ASSISTANT_POLL_MS = 3000;

export interface AssistantConnectionView {
  connection: AssistantConnection | null;
  error: ApiError | null;
}

export function useAssistantConnection(api: Api, intervalMs = ASSISTANT_POLL_MS): AssistantConnectionView {
  const [view, setView] = useState<AssistantConnectionView>({ connection: null, error: null });
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async (): Promise<void> => {
      try {
        const connection = await api.assistantConnection({}, { signal: controller.signal });
        if (controller.signal.aborted) return;
        setView({ connection, error: null });
      } catch (e) {
        if (controller.signal.aborted || isAborted(e)) return;
        setView((prev) => ({ connection: prev.connection, error: asApiError(e) }));
      }
      timer = setTimeout(() => void poll(), intervalMs);
    };
    void poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [api, intervalMs]);
  return view;
}
