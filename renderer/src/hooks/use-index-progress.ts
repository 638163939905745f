/**
 * The background indexing after the first import, from the `models` API: asked for while the import
 * runs and while the built-in embedder indexes the library (every `intervalMs`), then only now and
 * then (a model change on the models page starts another build). `building` while an
 * indexing pass runs (with its progress), `ready` once the index serves and no pass runs, `idle`
 * when there is nothing to report (no embedder installed, models still loading, or an error the
 * models page shows).
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { Api } from '../../../electron/contract/api';
import type { ModelsStatus, Progress } from '../../../electron/contract/types';
import type { ModelsSnapshot, PollDelay } from './models-status-store';
import { useModelsSnapshot } from './use-models-status';

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

const IDLE: IndexProgressView = { state: 'idle', progress: null, articles: null };

/** How long to wait before asking again: quickly while building, slower while nothing is known yet. */
export function nextPollMs(view: IndexProgressView, idlePolls: number, intervalMs: number): number {
  if (view.state === 'building') return intervalMs;
  if (view.state === 'ready') return READY_POLL_MS;
  // The models load after the import; with none installed this stays idle: back off to 10 s.
  return Math.min(10_000, intervalMs * 2 ** Math.min(idlePolls, 4));
}

/**
 * `appState` is the backbone's state (importing, ready…); the header follows the index in
 * `importing` and `ready`, through the window's one `models` poller, and asks again at once, at
 * full speed, when the state changes (the import's end starts the models).
 */
export function useIndexProgress(api: Api, appState: string, intervalMs = 1000): IndexProgressView {
  const active = appState === 'importing' || appState === 'ready';
  // Idle answers in a row (for the back-off), counted once per answer.
  const idle = useRef({ seen: null as ModelsSnapshot['status'] | undefined, polls: 0 });
  const delay = useCallback<PollDelay>(
    (s) => {
      const view = s.failure ? IDLE : indexView(s.status);
      if (s.status !== idle.current.seen) {
        idle.current = { seen: s.status, polls: view.state === 'idle' ? idle.current.polls + 1 : 0 };
      }
      return nextPollMs(view, idle.current.polls, intervalMs);
    },
    [intervalMs],
  );
  const { snapshot, store } = useModelsSnapshot(api, delay, active);
  const was = useRef({ state: appState, active });
  useEffect(() => {
    const before = was.current;
    was.current = { state: appState, active };
    // importing → ready: ask again at once. Becoming active, the subscription asks by itself.
    if (before.state === appState || !active || !before.active) return;
    idle.current = { seen: undefined, polls: 0 };
    store.refresh();
  }, [store, active, appState]);
  return useMemo(() => (!active || snapshot.failure ? IDLE : indexView(snapshot.status)), [active, snapshot]);
}
