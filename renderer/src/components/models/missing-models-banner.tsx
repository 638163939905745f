/**
 * The missing-model screen: the active backbone version names a model that is not installed (or
 * whose folder is broken). It names the model and the folder to copy it into, and offers to roll
 * back to the previous version or to use the built-in models. Shown on the search page and the
 * models page, so the app never degrades silently.
 */
import { useState } from 'react';
import type { Api } from '../../../../electron/contract/api';
import type { MissingModel } from '../../../../electron/contract/models-types';
import type { BackboneVersion } from '../../../../electron/contract/types';
import { type ApiError, asApiError, errorText } from '../../api/api-error';
import { useModelsStatus } from '../../hooks/use-models-status';
import { MODELS_STRINGS as T } from './models-strings';
import './models.css';

interface Props {
  api: Api;
  missing: MissingModel[];
  /** After a rollback or a switch to the built-in models (reload what depends on the version). */
  onChanged: (v: BackboneVersion) => void;
}

export function MissingModelsBanner({ api, missing, onChanged }: Props) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [switched, setSwitched] = useState<BackboneVersion | null>(null);
  // Until the backbone has switched, the list still names the old version's models.
  const current = switched ? missing.filter((m) => m.version?.id === switched.id) : missing;
  if (current.length === 0 && !switched) return null;

  const act = (call: () => Promise<BackboneVersion>) => {
    setBusy(true);
    setFailure(null);
    call()
      .then((v) => {
        setSwitched(v);
        onChanged(v);
      })
      .catch((e: unknown) => setFailure(asApiError(e)))
      .finally(() => setBusy(false));
  };

  if (current.length === 0 && switched) {
    return (
      <p className="missing-models__switched" role="status" data-testid="missing-models-switched">
        {T.missingSwitched(switched.label)}
      </p>
    );
  }
  const first = current[0]!;
  return (
    <section className="missing-models" role="alert" data-testid="missing-models" data-code={first.code}>
      {current.map((m) => (
        <div key={`${m.role}:${m.id}`} className="missing-models__item" data-testid="missing-model" data-model-id={m.id} data-role={m.role}>
          <h2>{T.missingTitle(m.id)}</h2>
          <p>{T.missingBody(m.version?.label ?? null, T.roles[m.role] ?? m.role, m.id)}</p>
          {m.brokenDir && <p className="missing-models__broken">{T.missingBroken(m.brokenDir)}</p>}
        </div>
      ))}
      <p className="missing-models__copy">
        {T.missingCopy} <code data-testid="missing-models-folder">{first.folder}</code>
      </p>
      <p className="missing-models__copy">{T.missingRestart}</p>
      <div className="missing-models__actions">
        {first.version && (
          <button type="button" className="versions__button" data-testid="missing-models-rollback" disabled={busy} onClick={() => act(() => api.rollbackVersion({}))}>
            {T.missingRollback}
          </button>
        )}
        <button type="button" className="versions__button versions__button--primary" data-testid="missing-models-builtin" disabled={busy} onClick={() => act(() => api.useBuiltinModels({ label: T.missingBuiltinLabel }))}>
          {T.missingBuiltin}
        </button>
      </div>
      {failure && (
        <div className="error-banner" role="alert" data-testid="missing-models-error" data-code={failure.code}>
          <strong>{T.missingActionFailed}</strong>
          <span>{errorText(failure)}</span>
        </div>
      )}
      <details className="missing-models__details">
        <summary>{T.missingDetails}</summary>
        {current.map((m) => (
          <p key={m.id} data-testid="missing-models-message">
            <code>{m.code}</code> {errorText(m)}
          </p>
        ))}
      </details>
    </section>
  );
}

/** The banner above the search; the status is polled slowly, so a version activated elsewhere shows too. */
export function SearchMissingModels({ api }: { api: Api }) {
  const { status, refresh } = useModelsStatus(api, { slowMs: 3000, fastMs: 3000 });
  if (!status) return null;
  return <MissingModelsBanner api={api} missing={status.missingModels} onChanged={() => setTimeout(refresh, 300)} />;
}
