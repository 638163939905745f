/**
 * Backbone versions, for whoever looks after the installation: the active version (models and
 * budget presets), a roll-back button, and a collapsible list to activate any version. Without
 * versions the app chooses its models itself, and the panel says only that.
 */
import { useState } from 'react';
import type { Api } from '../../../electron/contract/api';
import type { BackboneVersion } from '../../../electron/contract/types';
import { useVersions, type VersionsFailure } from '../hooks/use-versions';
import { formatDateTime } from '../format';
import { PRESET_LABELS, STRINGS } from '../strings';
import { errorText } from '../api/api-error';
import { FeedbackEvidenceTable, feedbackEvidence } from './feedback/feedback-evidence';
import { FEEDBACK_STRINGS } from './feedback/feedback-strings';

const PRESET_ORDER = ['quick', 'standard', 'research'];


/** "快速 20→10 · 标准 60→10 · 深入 300→50" (K candidates → N reranked). */
function formatPresets(presets: BackboneVersion['presets']): string {
  return Object.entries(presets)
    .sort(([a], [b]) => PRESET_ORDER.indexOf(a) - PRESET_ORDER.indexOf(b))
    .map(([name, { k, n }]) => `${PRESET_LABELS[name] ?? name} ${k}→${n}`)
    .join(' · ');
}

function VersionFacts({ version }: { version: BackboneVersion }) {
  return (
    <dl className="version-facts">
      <dt>{STRINGS.versionEmbedder}</dt>
      <dd data-testid="version-embedder">{version.embedderId ?? STRINGS.versionLexicalOnly}</dd>
      <dt>{STRINGS.versionReranker}</dt>
      <dd data-testid="version-reranker">{version.rerankerId ?? STRINGS.versionNoReranker}</dd>
      <dt>{STRINGS.versionPresets}</dt>
      <dd data-testid="version-presets">{formatPresets(version.presets)}</dd>
    </dl>
  );
}

interface ItemProps {
  version: BackboneVersion;
  busy: boolean;
  onActivate: (id: number) => void;
}

function VersionItem({ version, busy, onActivate }: ItemProps) {
  const evidence = feedbackEvidence(version);
  // A version trained from feedback that measured worse is activated only once the drop is acknowledged.
  const [acknowledged, setAcknowledged] = useState(false);
  const held = !!evidence?.flagged && !acknowledged;
  return (
    <li className={version.active ? 'version version--active' : 'version'} data-testid="version-item" data-version-id={version.id} data-active={version.active}>
      <div className="version__head">
        <strong data-testid="version-label">{version.label}</strong>
        <span className="version__date">{STRINGS.versionCreated(formatDateTime(version.createdAt))}</span>
        {version.active ? (
          <span className="badge badge--current">{STRINGS.versionActiveBadge}</span>
        ) : (
          <button type="button" className="versions__button" data-testid="version-activate" disabled={busy || held} onClick={() => onActivate(version.id)}>
            {STRINGS.versionActivate}
          </button>
        )}
      </div>
      <VersionFacts version={version} />
      {evidence && <FeedbackEvidenceTable evidence={evidence} />}
      {evidence?.flagged && !version.active && (
        <label className="feedback-evidence__ack">
          <input type="checkbox" data-testid="version-acknowledge-drop" checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} />
          {FEEDBACK_STRINGS.activateAnyway}
        </label>
      )}
    </li>
  );
}

function failureMessage({ error }: VersionsFailure): string {
  if (error.code === 'NO_EARLIER_VERSION') return STRINGS.versionRollbackNone;
  if (error.code === 'VERSION_NOT_FOUND') return STRINGS.versionNotFound;
  return errorText(error);
}

/** Same look as the search's error banner, with a title that names this panel's action. */
function VersionsError({ failure }: { failure: VersionsFailure }) {
  return (
    <div className="error-banner" role="alert" data-testid="versions-error" data-code={failure.error.code}>
      <strong>{failure.during === 'load' ? STRINGS.versionsLoadFailed : STRINGS.versionsChangeFailed}</strong>
      <span data-testid="versions-error-message">{failureMessage(failure)}</span>
    </div>
  );
}

export function BackbonePanel({ api }: { api: Api }) {
  const view = useVersions(api);
  const [open, setOpen] = useState(false);
  const { versions, active, busy, failure, changed } = view;
  const any = versions !== null && versions.length > 0;

  const toggle = () => {
    if (!open) view.reload(); // another process (the CLI) may have added or activated one
    setOpen(!open);
  };

  return (
    <section className="versions" aria-labelledby="versions-title" data-testid="versions-panel" data-busy={busy} data-active-id={active?.id ?? ''}>
      <div className="versions__head">
        <h2 id="versions-title">{STRINGS.versionsTitle}</h2>
        {any && (
          <div className="versions__actions">
            {versions.length >= 2 && (
              <button
                type="button"
                className="versions__button"
                data-testid="versions-rollback"
                disabled={busy || !view.canRollBack}
                title={view.canRollBack ? undefined : STRINGS.versionRollbackNone}
                onClick={view.rollBack}
              >
                {STRINGS.versionRollback}
              </button>
            )}
            <button type="button" className="versions__button versions__button--quiet" data-testid="versions-toggle" aria-expanded={open} aria-controls="versions-list" onClick={toggle}>
              {open ? STRINGS.versionsHideAll : STRINGS.versionsShowAll(versions.length)}
            </button>
          </div>
        )}
      </div>

      {versions === null && !failure && <p className="versions__hint">{STRINGS.versionsLoading}</p>}
      {versions?.length === 0 && (
        <p className="versions__hint" data-testid="versions-empty">
          {STRINGS.versionsAuto}
        </p>
      )}
      {any &&
        (active ? (
          <div className="versions__active" data-testid="versions-active" data-version-id={active.id}>
            <strong data-testid="version-label">{active.label}</strong>
            <VersionFacts version={active} />
          </div>
        ) : (
          <p className="versions__hint" data-testid="versions-none-active">
            {STRINGS.versionsNoneActive}
          </p>
        ))}

      {changed && !failure && (
        <p className="versions__note" role="status" data-testid="versions-notice">
          {STRINGS.versionSwitched(changed.label)}
        </p>
      )}
      {failure && <VersionsError failure={failure} />}

      {any && open && (
        <ol className="versions__list" id="versions-list" data-testid="versions-list">
          {versions.map((v) => (
            <VersionItem key={v.id} version={v} busy={busy} onActivate={view.activate} />
          ))}
        </ol>
      )}
    </section>
  );
}
