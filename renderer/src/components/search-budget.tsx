/**
 * The budget selector: quick / standard / research, each with its K → N and, when the evaluation
 * report measured this very configuration, its recall and latency.
 */
import type { PresetName } from '../../../electron/contract/types';
import type { BudgetFact, BudgetFacts } from '../hooks/use-budget-facts';
import { SEARCH_STRINGS as S } from './search-strings';

const two = (x: number): string => x.toFixed(2);
const ms = (x: number | null): string => (x === null ? '–' : String(Math.round(x)));

function Measured({ fact, report }: { fact: BudgetFact; report: boolean }) {
  const m = fact.measured;
  if (!m && !report) return null;
  if (!m) {
    return (
      <span className="budget__measure budget__measure--none" data-testid="budget-not-measured">
        {S.budgetNotMeasured}
      </span>
    );
  }
  return (
    <span className="budget__measure" data-testid="budget-measured">
      {m.recall && <span data-testid="budget-recall">{S.budgetRecall(m.recall.metric, two(m.recall.value))}</span>}
      {(m.p50 !== null || m.p95 !== null) && <span data-testid="budget-latency">{S.budgetLatency(ms(m.p50), ms(m.p95))}</span>}
    </span>
  );
}

export function SearchBudget({ value, facts, onChange }: { value: PresetName; facts: BudgetFacts; onChange: (p: PresetName) => void }) {
  return (
    <fieldset className="side-group budget" data-testid="budget">
      <legend className="side-group__title">{S.budgetTitle}</legend>
      <p className="side-group__hint">{S.budgetHint}</p>
      {facts.facts.map((fact) => (
        <label
          key={fact.preset}
          className={fact.preset === value ? 'budget__option budget__option--active' : 'budget__option'}
          data-testid={`budget-${fact.preset}`}
          data-k={fact.k}
          data-n={fact.n}
        >
          <input type="radio" name="budget" value={fact.preset} checked={fact.preset === value} onChange={() => onChange(fact.preset)} />
          <span className="budget__head">
            <span className="budget__name">{S.budgetNames[fact.preset]}</span>
            <span className="budget__kn" data-testid="budget-kn">
              {S.budgetKN(fact.k, fact.n)}
            </span>
          </span>
          <Measured fact={fact} report={!!facts.report} />
        </label>
      ))}
      {facts.report && facts.facts.some((f) => f.measured) && (
        <p className="side-group__hint" data-testid="budget-source">
          {S.budgetMeasuredOn(facts.report.queries, facts.report.split)}
        </p>
      )}
      {!facts.report && <p className="side-group__hint">{S.budgetNoReport}</p>}
    </fieldset>
  );
}
