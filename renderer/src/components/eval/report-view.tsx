/**
 * The evaluation report the app ships (the `evaluation` API method): which pipeline was measured,
 * when and on how many queries, the recall–budget curve and the three tables (per query set, when
 * the report measured more than one) — or, with no report, what is wrong and the exact command
 * that makes one.
 */
import { useState } from 'react';
import type { Api } from '../../../../electron/contract/api';
import type { EvalReport, EvaluationView } from '../../../../electron/contract/evaluation-types';
import { errorText } from '../../api/api-error';
import { formatDateTime } from '../../format';
import { useApiQuery } from '../../hooks/use-api-query';
import { EVAL_STRINGS as T } from './eval-strings';
import { RecallChart, type KScale } from './recall-chart';
import { QuerySetTables } from './query-set-tables';
import { copyText } from '../../clipboard';

const DEFAULT_REPORT = 'resources/evaluation/report.json';

/** The command that writes a report where the app reads it (the source path when it names a file). */
function reportCommand(source: string): string {
  const target = source && source.endsWith('.json') ? source : DEFAULT_REPORT;
  return `npm run eval -- --report-json ${target}`;
}

function EmptyReport({ view }: { view: EvaluationView }) {
  const command = reportCommand(view.source);
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void copyText(command).then(setCopied);
  };
  return (
    <section className="panel eval-empty" data-testid="eval-empty">
      <h3>{T.emptyTitle}</h3>
      <p className="eval-empty__hint">{T.emptyHint}</p>
      <div className="eval-empty__command">
        <code data-testid="eval-empty-command">{command}</code>
        <button type="button" className="versions__button versions__button--quiet" onClick={copy}>
          {copied ? T.copied : T.copy}
        </button>
      </div>
      {view.problem && (
        <p className="eval-empty__problem">
          <span>{T.emptyDetail}</span>
          <span data-testid="eval-empty-problem">{view.problem}</span>
        </p>
      )}
    </section>
  );
}

function ReportMeta({ report, source }: { report: EvalReport; source: string }) {
  const split = T.splitNames[report.split] ?? report.split;
  return (
    <div className="eval-meta" data-testid="eval-meta">
      <h3 className="eval-meta__title" data-testid="eval-title">{report.title}</h3>
      <p className="eval-meta__line" data-testid="eval-meta-line">{T.meta(formatDateTime(report.createdAt), report.queries, split)}</p>
      <p className="eval-meta__source" data-testid="eval-source">{T.source}{T.colon}{source}</p>
      <dl className="eval-meta__facts">
        <dt>{T.embedder}</dt>
        <dd data-testid="eval-model-embedder">{report.models?.embedder ?? T.none}</dd>
        <dt>{T.reranker}</dt>
        <dd data-testid="eval-model-reranker">{report.models?.reranker ?? T.none}</dd>
      </dl>
    </div>
  );
}

function Report({ view, report }: { view: EvaluationView; report: EvalReport }) {
  const [scale, setScale] = useState<KScale>('log');
  return (
    <div className="eval-report" data-testid="eval-report">
      <ReportMeta report={report} source={view.source} />
      {report.curves.length > 0 && (
        <section className="eval-section" aria-labelledby="curve-title" data-testid="curve-section">
          <div className="eval-section__head">
            <h3 id="curve-title">{T.curveTitle}</h3>
            <div className="eval-scale" role="group" aria-label={T.scaleLabel}>
              {(['log', 'linear'] as const).map((s) => (
                <button key={s} type="button" aria-pressed={scale === s} data-testid={`scale-${s}`} onClick={() => setScale(s)}
                  className={scale === s ? 'eval-scale__button eval-scale__button--active' : 'eval-scale__button'}>
                  {s === 'log' ? T.scaleLog : T.scaleLinear}
                </button>
              ))}
            </div>
          </div>
          <p className="eval-section__lead">{T.curveLead}</p>
          <RecallChart curves={report.curves} presets={report.presets} scale={scale} />
        </section>
      )}
      <QuerySetTables report={report} />
      <p className="eval-glossary">
        <strong>{T.bestLegend}</strong> {T.glossary}
      </p>
      {report.notes && report.notes.length > 0 && (
        <section className="eval-section">
          <h3>{T.notes}</h3>
          <ul className="eval-notes">{report.notes.map((n) => <li key={n}>{n}</li>)}</ul>
        </section>
      )}
    </div>
  );
}

export function ReportView({ api }: { api: Api }) {
  const { data: view, error } = useApiQuery((o) => api.evaluation({}, o), [api]);

  if (error) {
    return (
      <div className="error-banner" role="alert" data-testid="eval-error" data-code={error.code}>
        <strong>{T.loadFailed}</strong>
        <span>{errorText(error)}</span>
      </div>
    );
  }
  if (!view) return <p className="notice">{T.loading}</p>;
  return view.report ? <Report view={view} report={view.report} /> : <EmptyReport view={view} />;
}
