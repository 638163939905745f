/** First-run import: phase, a progress bar, done/total and the estimated time left. */
import type { Progress } from '../../../electron/contract/types';
import { formatEta, percent } from '../format';
import { PHASE_LABELS, STRINGS } from '../strings';

export function ImportProgress({ progress }: { progress: Progress | null }) {
  const done = progress?.done ?? 0;
  const total = progress?.total ?? 0;
  const pct = percent(done, total);
  const phase = progress ? (PHASE_LABELS[progress.phase] ?? progress.phase) : '';

  return (
    <section className="panel import" data-testid="progress" aria-live="polite">
      <h2>{STRINGS.importTitle}</h2>
      <p className="import__hint">{STRINGS.importHint}</p>
      {/* No value while the total is unknown: the bar shows as indeterminate. */}
      <progress
        className="import__bar"
        data-testid="progress-bar"
        aria-label={STRINGS.importProgressLabel}
        max={total > 0 ? total : undefined}
        value={total > 0 ? Math.min(done, total) : undefined}
      />
      <p className="import__detail">
        {phase && <span data-testid="progress-phase">{phase}</span>}
        {total > 0 && <span data-testid="progress-counts">{STRINGS.importCounts(done, total)}</span>}
        {pct !== null && <span>{pct}%</span>}
        <span data-testid="progress-eta">
          {progress?.etaMs != null ? STRINGS.etaLabel(formatEta(progress.etaMs)) : STRINGS.etaUnknown}
        </span>
      </p>
      {progress?.message && <p className="import__message">{progress.message}</p>}
    </section>
  );
}
