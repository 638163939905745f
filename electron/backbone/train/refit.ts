import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A refit retrains a stage on every labelled question for the budget its validated run chose (the
 * validated stage's `training.bestStep` or `training.bestEpoch`), with no early stopping: no
 * held-out question is left to stop on. Its manifest keeps the validated run's measures, marked
 * with where they were measured, so model selection compares like with like.
 */
export interface ValidatedStage {
  id: string;
  /** Steps or epochs the validated run kept. */
  budget: number;
  metrics: Record<string, unknown>;
}

export function validatedStage(dir: string, budget: 'bestStep' | 'bestEpoch'): ValidatedStage {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) throw new Error(`a refit needs the validated stage in ${dir}: train it first without --refit-from`);
  const m = JSON.parse(readFileSync(path, 'utf8')) as { id: string; training?: Record<string, unknown>; metrics?: Record<string, unknown> };
  if (m.training?.refit) throw new Error(`${dir} is itself a refit: refit from the validated models`);
  const n = m.training?.[budget];
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new Error(`${dir} does not record its ${budget}: retrain it without --refit-from`);
  return { id: m.id, budget: n, metrics: m.metrics ?? {} };
}

/** A refit's manifest measures: the validated run's, saying so. */
export function refitMetrics(v: ValidatedStage): Record<string, unknown> {
  return { ...v.metrics, measuredOn: `${v.id} before the refit (trained on the train split only)` };
}
