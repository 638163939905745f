/**
 * The backbone versions: the list is loaded on mount (and on `reload`); activating or rolling back
 * reloads it, so the panel shows what the backbone serves now. Only the latest load's answer is
 * kept, and nothing is set after unmount.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Api } from '../../../electron/contract/api';
import type { BackboneVersion } from '../../../electron/contract/types';
import { asApiError, type ApiError } from '../api/api-error';

/** Which call failed: loading the list, or a change (activate / roll back). */
export type VersionsFailure = { during: 'load' | 'change'; error: ApiError };

export interface VersionsView {
  /** Newest first; null until the first answer. */
  versions: BackboneVersion[] | null;
  active: BackboneVersion | null;
  /** An activation or rollback is under way. */
  busy: boolean;
  failure: VersionsFailure | null;
  /** The version the last successful change made active (for a confirmation line). */
  changed: BackboneVersion | null;
  /**
   * Whether a rollback may succeed. The contract does not list activations, so this is "two or
   * more versions and one active", until the backbone answers NO_EARLIER_VERSION (then false
   * until the next activation).
   */
  canRollBack: boolean;
  reload: () => void;
  activate: (id: number) => void;
  rollBack: () => void;
}

export function useVersions(api: Api): VersionsView {
  const [versions, setVersions] = useState<BackboneVersion[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<VersionsFailure | null>(null);
  const [changed, setChanged] = useState<BackboneVersion | null>(null);
  const [noEarlier, setNoEarlier] = useState(false);
  const latest = useRef(0);
  const mounted = useRef(false);

  const load = useCallback(async (): Promise<void> => {
    const id = ++latest.current;
    try {
      const list = await api.versions({});
      if (id !== latest.current || !mounted.current) return;
      setVersions(list);
      setFailure((f) => (f?.during === 'load' ? null : f));
    } catch (e) {
      if (id === latest.current && mounted.current) setFailure({ during: 'load', error: asApiError(e) });
    }
  }, [api]);

  useEffect(() => {
    mounted.current = true;
    void load();
    return () => {
      mounted.current = false;
    };
  }, [load]);

  const change = useCallback(
    (call: () => Promise<BackboneVersion>, kind: 'activate' | 'rollback') => {
      setBusy(true);
      setFailure(null);
      setChanged(null);
      call()
        .then(
          (v) => {
            if (!mounted.current) return;
            setChanged(v);
            if (kind === 'activate') setNoEarlier(false);
          },
          (e: unknown) => {
            if (!mounted.current) return;
            const error = asApiError(e);
            setFailure({ during: 'change', error });
            if (error.code === 'NO_EARLIER_VERSION') setNoEarlier(true);
          },
        )
        // Reload either way: after a failure the list may have changed elsewhere (the CLI).
        .then(load)
        .finally(() => mounted.current && setBusy(false));
    },
    [load],
  );

  const activate = useCallback((id: number) => change(() => api.activateVersion({ id }), 'activate'), [api, change]);
  const rollBack = useCallback(() => change(() => api.rollbackVersion({}), 'rollback'), [api, change]);
  const reload = useCallback(() => void load(), [load]);

  const active = versions?.find((v) => v.active) ?? null;
  const canRollBack = !noEarlier && active !== null && (versions?.length ?? 0) >= 2;
  return { versions, active, busy, failure, changed, canRollBack, reload, activate, rollBack };
}
