/**
 * The report's three tables: embedders alone (R@20/60/100, RR@10, nDCG@10), rerankers on the same
 * candidates (RR@10, nDCG@10, R@10), and the whole pipeline per preset (candidate recall R@K, R@N,
 * RR@10, nDCG@10, latency p50/p95). The best value of each column is bold and says so to screen readers.
 */
import type { PipelineRow, StageRow } from '../../../../electron/contract/evaluation-types';
import { PRESET_LABELS } from '../../strings';
import { EVAL_STRINGS as T } from './eval-strings';
import { bestRows, displayName, fmt3, fmtMs, stageName } from './report-format';

const EMBEDDER_METRICS = ['R@20', 'R@60', 'R@100', 'RR@10', 'nDCG@10'];
const RERANKER_METRICS = ['RR@10', 'nDCG@10', 'R@10'];

function Cell({ text, best, metric }: { text: string; best: boolean; metric: string }) {
  return (
    <td className={best ? 'num eval-table__best' : 'num'} data-metric={metric} data-best={best || undefined}>
      {text}
      {best && <span className="visually-hidden">{T.best}</span>}
    </td>
  );
}

interface StageTableProps {
  testId: string;
  title: string;
  lead: string;
  rows: readonly StageRow[];
  metrics: readonly string[];
}

/** Only the wanted metrics the report has, so an older report shows what it measured. */
const present = (rows: readonly { metrics: Record<string, number> }[], wanted: readonly string[]) =>
  wanted.filter((m) => rows.some((r) => r.metrics[m] !== undefined));

function StageTable({ testId, title, lead, rows, metrics }: StageTableProps) {
  const cols = present(rows, metrics);
  const best = cols.map((m) => bestRows(rows.map((r) => r.metrics[m])));
  const withStage = rows.some((r) => r.stage);
  return (
    <section className="eval-section" data-testid={testId} aria-labelledby={`${testId}-title`}>
      <h3 id={`${testId}-title`}>{title}</h3>
      <p className="eval-section__lead">{lead}</p>
      <div className="eval-table__scroll">
        <table className="eval-table">
          <thead>
            <tr>
              <th scope="col">{T.colName}</th>
              {withStage && <th scope="col">{T.colStage}</th>}
              {cols.map((m) => <th key={m} scope="col" className="num">{m}</th>)}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.name} data-testid="eval-row" data-name={r.name}>
                <th scope="row" className="eval-table__name">{displayName(r.name)}</th>
                {withStage && <td className="eval-table__stage">{stageName(r.stage)}</td>}
                {cols.map((m, j) => <Cell key={m} metric={m} text={fmt3(r.metrics[m])} best={best[j]!.has(i)} />)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function EmbedderTable({ rows }: { rows: readonly StageRow[] }) {
  return <StageTable testId="embedder-table" title={T.embedderTitle} lead={T.embedderLead} rows={rows} metrics={EMBEDDER_METRICS} />;
}

export function RerankerTable({ rows }: { rows: readonly StageRow[] }) {
  return <StageTable testId="reranker-table" title={T.rerankerTitle} lead={T.rerankerLead} rows={rows} metrics={RERANKER_METRICS} />;
}

export function PipelineTable({ rows }: { rows: readonly PipelineRow[] }) {
  const columns: { key: string; head: string; value: (r: PipelineRow) => number | undefined; text: (v: number | undefined) => string; lower?: boolean }[] = [
    { key: 'R@K', head: T.colCandidateRecall, value: (r) => r.metrics[`R@${r.k}`], text: fmt3 },
    { key: 'R@N', head: T.colRecallN, value: (r) => r.metrics[`R@${r.n}`], text: fmt3 },
    { key: 'RR@10', head: 'RR@10', value: (r) => r.metrics['RR@10'], text: fmt3 },
    { key: 'nDCG@10', head: 'nDCG@10', value: (r) => r.metrics['nDCG@10'], text: fmt3 },
    { key: 'p50', head: T.colP50, value: (r) => r.latencyMs.p50, text: (v) => (v === undefined ? '—' : T.ms(fmtMs(v))), lower: true },
    { key: 'p95', head: T.colP95, value: (r) => r.latencyMs.p95, text: (v) => (v === undefined ? '—' : T.ms(fmtMs(v))), lower: true },
  ];
  const best = columns.map((c) => bestRows(rows.map(c.value), c.lower));
  return (
    <section className="eval-section" data-testid="pipeline-table" aria-labelledby="pipeline-table-title">
      <h3 id="pipeline-table-title">{T.pipelineTitle}</h3>
      <p className="eval-section__lead">{T.pipelineLead}</p>
      <div className="eval-table__scroll">
        <table className="eval-table">
          <thead>
            <tr>
              <th scope="col">{T.colPreset}</th>
              <th scope="col" className="num">{T.colBudget}</th>
              {columns.map((c) => <th key={c.key} scope="col" className="num">{c.head}</th>)}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.name} data-testid="eval-row" data-name={r.preset ?? r.name} title={r.name}>
                <th scope="row" className="eval-table__name">{r.preset ? (PRESET_LABELS[r.preset] ?? r.preset) : r.name}</th>
                <td className="num">{`${r.k} → ${r.n}`}</td>
                {columns.map((c, j) => <Cell key={c.key} metric={c.key} text={c.text(c.value(r))} best={best[j]!.has(i)} />)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
