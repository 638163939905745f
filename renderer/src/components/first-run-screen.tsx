/**
 * First run: two steps. 1) importing the bundled statutes — phase, a progress bar, counts and the
 * time left; search opens as soon as it is done. 2) building the semantic index with the built-in
 * embedder — it starts after the import and carries on in the background (the header's index
 * indicator follows it from then on), so here it shows as waiting, or its progress if it runs.
 */
import type { Progress } from '../../../electron/contract/types';
import { formatEta, percent } from '../format';
import type { IndexProgressView } from '../hooks/use-index-progress';
import { PHASE_LABELS, STRINGS } from '../strings';
import { SHELL_STRINGS as S } from './shell-strings';
import './shell.css';

type StepState = 'active' | 'waiting' | 'done';

function StepBadge({ state }: { state: StepState }) {
  const text = state === 'active' ? S.stepActive : state === 'done' ? S.stepDone : S.stepWaiting;
  return <span className={`first-run__badge first-run__badge--${state}`}>{text}</span>;
}

function ProgressLine({ progress, label, phase, counts }: { progress: Progress | null; label: string; phase: string; counts: string | null }) {
  const done = progress?.done ?? 0;
  const total = progress?.total ?? 0;
  const pct = percent(done, total);
  return (
    <>
      {/* No value while the total is unknown: the bar shows as indeterminate. */}
      <progress
        className="first-run__bar"
        data-testid="progress-bar"
        aria-label={label}
        max={total > 0 ? total : undefined}
        value={total > 0 ? Math.min(done, total) : undefined}
      />
      <p className="first-run__detail">
        {phase && <span data-testid="progress-phase">{phase}</span>}
        {counts && <span data-testid="progress-counts">{counts}</span>}
        {pct !== null && <span className="first-run__pct">{pct}%</span>}
        <span data-testid="progress-eta" className="first-run__eta">
          {progress?.etaMs != null ? STRINGS.etaLabel(formatEta(progress.etaMs)) : STRINGS.etaUnknown}
        </span>
      </p>
    </>
  );
}

export function indexPhaseLabel(phase: string): string {
  const key = phase.replace(/^indexing:/, '');
  return S.indexPhases[key] ?? key;
}

export function FirstRunScreen({ progress, index }: { progress: Progress | null; index: IndexProgressView }) {
  const importPhase = progress ? (PHASE_LABELS[progress.phase] ?? progress.phase) : '';
  const importCounts = progress && progress.total > 0 ? STRINGS.importCounts(progress.done, progress.total) : null;
  const indexState: StepState = index.state === 'building' ? 'active' : index.state === 'ready' ? 'done' : 'waiting';

  return (
    <section className="panel first-run" data-testid="progress" aria-live="polite">
      <h2>{S.firstRunTitle}</h2>
      <p className="first-run__hint">{S.firstRunHint}</p>
      <ol className="first-run__steps">
        <li className="first-run__step first-run__step--active" data-testid="first-run-step-import" data-state="active">
          <span className="first-run__marker" aria-hidden="true">1</span>
          <div className="first-run__body">
            <div className="first-run__head">
              <span className="visually-hidden">{S.stepLabel(1)}</span>
              <h3>{S.stepImportTitle}</h3>
              <StepBadge state="active" />
            </div>
            <p className="first-run__about">{S.stepImportDetail}</p>
            <ProgressLine progress={progress} label={STRINGS.importProgressLabel} phase={importPhase} counts={importCounts} />
            {progress?.message && <p className="first-run__message">{progress.message}</p>}
          </div>
        </li>
        <li className={`first-run__step first-run__step--${indexState}`} data-testid="first-run-step-index" data-state={indexState}>
          <span className="first-run__marker" aria-hidden="true">2</span>
          <div className="first-run__body">
            <div className="first-run__head">
              <span className="visually-hidden">{S.stepLabel(2)}</span>
              <h3>{S.stepIndexTitle}</h3>
              <StepBadge state={indexState} />
            </div>
            <p className="first-run__about">{S.stepIndexDetail}</p>
            {indexState === 'waiting' && <p className="first-run__waiting">{S.stepIndexWaiting}</p>}
            {indexState === 'active' && index.progress && (
              <p className="first-run__detail">
                <span>{indexPhaseLabel(index.progress.phase)}</span>
                <span>{S.indexCounts(index.progress.done, index.progress.total)}</span>
              </p>
            )}
          </div>
        </li>
      </ol>
    </section>
  );
}
