/**
 * The report's three tables for one query set at a time: the main set (the STARD split the report
 * was made on) or another set measured with the same models and budgets (律师式查询, the
 * lawyer-style queries), chosen with tabs (← → between them). Without other sets, just the tables.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import type { EvalReport, PipelineRow, StageRow } from '../../../../electron/contract/evaluation-types';
import { EVAL_STRINGS as T } from './eval-strings';
import { EmbedderTable, PipelineTable, RerankerTable } from './report-tables';

const MAIN = 'main';

interface TableSet {
  id: string;
  label: string;
  embedderTable: StageRow[];
  rerankerTable: StageRow[];
  pipelineTable: PipelineRow[];
  /** Where another set came from: its query file, queries and split. */
  line: string | null;
}

function Tables({ set }: { set: Pick<TableSet, 'embedderTable' | 'rerankerTable' | 'pipelineTable'> }) {
  return (
    <>
      <EmbedderTable rows={set.embedderTable} />
      <RerankerTable rows={set.rerankerTable} />
      <PipelineTable rows={set.pipelineTable} />
    </>
  );
}

/** The main set and each other set, with the label its tab shows. */
function tableSets(report: EvalReport): TableSet[] {
  const split = (s: string) => T.splitNames[s] ?? s;
  return [
    {
      id: MAIN, label: T.setMain(split(report.split), report.queries), line: null,
      embedderTable: report.embedderTable, rerankerTable: report.rerankerTable, pipelineTable: report.pipelineTable,
    },
    ...(report.querySets ?? []).map((s) => ({
      ...s,
      label: T.setOther(T.setNames[s.id] ?? s.id, s.queries),
      line: T.setLine(s.source, s.queries, split(s.split)),
    })),
  ];
}

export function QuerySetTables({ report }: { report: EvalReport }) {
  const [chosen, setChosen] = useState(MAIN);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  if (!report.querySets?.length) return <Tables set={report} />;

  const sets = tableSets(report);
  const index = Math.max(0, sets.findIndex((s) => s.id === chosen));
  const shown = sets[index]!;
  const onKey = (e: KeyboardEvent) => {
    const to = e.key === 'ArrowRight' ? index + 1 : e.key === 'ArrowLeft' ? index - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? sets.length - 1 : null;
    if (to === null) return;
    e.preventDefault();
    const next = (to + sets.length) % sets.length;
    setChosen(sets[next]!.id);
    tabs.current[next]?.focus();
  };
  return (
    <div className="query-sets" data-testid="query-sets">
      <div className="query-sets__tabs" role="tablist" aria-label={T.setsLabel} onKeyDown={onKey}>
        {sets.map((s, i) => (
          <button
            key={s.id}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`query-set-tab-${s.id}`}
            aria-selected={i === index}
            aria-controls="query-set-panel"
            tabIndex={i === index ? 0 : -1}
            className={i === index ? 'query-sets__tab query-sets__tab--active' : 'query-sets__tab'}
            data-testid="query-set-tab"
            data-set={s.id}
            onClick={() => setChosen(s.id)}
          >
            {s.label}
          </button>
        ))}
      </div>
      <div className="query-sets__panel" role="tabpanel" id="query-set-panel" aria-labelledby={`query-set-tab-${shown.id}`} data-testid="query-set-panel" data-set={shown.id}>
        {shown.line && (
          <p className="query-sets__line" data-testid="query-set-line">
            {shown.line} {T.setCurvesMainOnly}
          </p>
        )}
        <Tables key={shown.id} set={shown} />
      </div>
    </div>
  );
}
