/**
 * The background indexing after the first import, from the `models` API: polled while the import
 * runs and while the built-in embedder indexes the library (every `intervalMs`), then only now and
 * then (a model change on the models page starts another build). `building` while an
 * indexing pass runs (with its progress), `ready` once the index serves and no pass runs, `idle`
 * when there is nothing to report (no embedder installed, models still loading, or an error the
 * models page shows).
 */
import { useEffect, useState } from 'react';
import type { Api } from '../../../electron/contract/api';
import type { ModelsStatus, Progress } from '../../../electron/contract/types';

export type IndexState = 'idle' | 'building' | 'ready';

export interface IndexProgressView {
  state: IndexState;
  progress: Progress | null;
  /** Articles in the serving index, when there is one. */
  articles: number | null;
}

export function indexView(models: ModelsStatus | null): IndexProgressView {
  if (!models) return { state: 'idle', progress: null, articles: null };
  if (models.indexing) return { state: 'building', progress: models.indexing, articles: models.index?.articles ?? null };
  if (models.index?.state === 'ready') return { state: 'ready', progress: null, articles: models.index.articles };
  if (models.index?.state === 'building') return { state: 'building', progress: null, articles: models.index.articles };
  return { state: 'idle', progress: null, articles: null };
}

export const READY_POLL_MS = 15_000;

/** How long to wait before asking again: quickly while building, slower while nothing is known yet. */
export function nextPollMs(view: IndexProgressView, idlePolls: number, intervalMs: number): number {
  if (view.state === 'building') return intervalMs;
  if (view.state === 'ready') return READY_POLL_MS;
  // The models load after the import; with none installed this stays idle: back off to 10 s.
  return Math.min(10_000, intervalMs * 2 ** Math.min(idlePolls, 4));
}

/**
 * `appState` is the backbone's state (importing, ready…); polling runs in `importing` and `ready`
 * and starts over, at full speed, when the state changes (the import's end starts the models).
 */
export function useIndexProgress(api: Api, appState: string, intervalMs = 1000): IndexProgressView {
  const active = appState === 'importing' || appState === 'ready';
  const [view, setView] = useState<IndexProgressView>({ state: 'idle', progress: null, articles: null });

  useEffect(() => {
    if (!active) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let idlePolls = 0;

    const poll = async (): Promise<void> => {
      let next: IndexProgressView;
      try {
        next = indexView(await api.models({}));
      } catch {
        next = { state: 'idle', progress: null, articles: null };
      }
      if (cancelled) return;
      setView(next);
      idlePolls = next.state === 'idle' ? idlePolls + 1 : 0;
      timer = setTimeout(poll, nextPollMs(next, idlePolls, intervalMs));
    };

    void poll();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, active, appState, intervalMs]);

  return view;
}
