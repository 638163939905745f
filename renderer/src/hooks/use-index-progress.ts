/**
 * The background indexing after the first import, from the `models` API: polled while the import
 * runs and while the built-in embedder indexes the library, then left alone. `building` while an
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

/** How long to wait before asking again: quickly while building, slower while nothing is known yet. */
function nextPollMs(view: IndexProgressView, idlePolls: number, intervalMs: number): number | null {
  if (view.state === 'building') return intervalMs;
  if (view.state === 'ready') return null;
  // The models load after the import; with none installed this stays idle: back off to 10 s.
  return Math.min(10_000, intervalMs * 2 ** Math.min(idlePolls, 4));
}

export function useIndexProgress(api: Api, active: boolean, intervalMs = 1000): IndexProgressView {
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
      const wait = nextPollMs(next, idlePolls, intervalMs);
      if (wait !== null) timer = setTimeout(poll, wait);
    };

    void poll();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, active, intervalMs]);

  return view;
}
