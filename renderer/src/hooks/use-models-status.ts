/**
 * The `models` status for components, from the window's one poller (models-status-store.ts),
 * provided by the app shell through ModelsStatusContext (a component rendered without it gets its
 * own). `useModelsStatus` wants an answer every `fastMs` while an indexing pass runs (the
 * progress bar moves), else every `slowMs` (a version switch or an import elsewhere shows up);
 * `refresh` asks at once, for every subscriber.
 */
import { createContext, useCallback, useContext, useMemo, useSyncExternalStore } from 'react';
import type { Api } from '../../../electron/contract/api';
import type { ModelsStatus } from '../../../electron/contract/types';
import type { ApiError } from '../api/api-error';
import { ModelsStatusStore, type ModelsSnapshot, type PollDelay } from './models-status-store';

export const ModelsStatusContext = createContext<ModelsStatusStore | null>(null);

export interface ModelsStatusView {
  status: ModelsStatus | null;
  failure: ApiError | null;
  refresh: () => void;
}

const NOTHING = (): (() => void) => () => {};

/** The shared store's snapshot, asked for at `delay` while `enabled` (the last snapshot otherwise). */
export function useModelsSnapshot(api: Api, delay: PollDelay, enabled = true): { snapshot: ModelsSnapshot; store: ModelsStatusStore } {
  const shared = useContext(ModelsStatusContext);
  const store = useMemo(() => shared ?? new ModelsStatusStore(api), [shared, api]);
  const subscribe = useCallback((notify: () => void) => (enabled ? store.subscribe(notify, delay) : NOTHING()), [store, delay, enabled]);
  const snapshot = useSyncExternalStore(subscribe, () => store.current);
  return { snapshot, store };
}

export function useModelsStatus(api: Api, { fastMs = 400, slowMs = 2000 } = {}): ModelsStatusView {
  const delay = useCallback<PollDelay>((s) => (s.status?.indexing?.state === 'running' ? fastMs : slowMs), [fastMs, slowMs]);
  const { snapshot, store } = useModelsSnapshot(api, delay);
  const refresh = useCallback(() => store.refresh(), [store]);
  return { status: snapshot.status, failure: snapshot.failure, refresh };
}
