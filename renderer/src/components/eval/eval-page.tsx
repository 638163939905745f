/**
 * The evaluation page: `#/eval` the shipped evaluation report (curve and tables), `#/eval/ab` the
 * blind A/B comparisons (prepare, list), `#/eval/ab/<id>` judging one of them.
 */
import type { Api } from '../../../../electron/contract/api';
import { href, type Route } from '../../hooks/use-route';
import { AbJudge } from './ab-judge';
import { AbSetup } from './ab-setup';
import { EVAL_STRINGS as T } from './eval-strings';
import { ReportView } from './report-view';
import './eval.css';

export function EvalPage({ api, route }: { api: Api; route: Route }) {
  const [section, id] = route.params;
  const ab = section === 'ab';
  const tab = (active: boolean, to: string, label: string, testId: string) => (
    <a href={to} className={active ? 'eval-tabs__tab eval-tabs__tab--active' : 'eval-tabs__tab'} aria-current={active ? 'page' : undefined} data-testid={testId}>
      {label}
    </a>
  );
  return (
    <section className="page eval-page" data-testid="eval-page" data-section={ab ? 'ab' : 'report'} aria-labelledby="eval-title">
      <div className="eval-page__head">
        <h2 id="eval-title" className="page__title">{T.title}</h2>
        <nav className="eval-tabs" aria-label={T.tabsLabel}>
          {tab(!ab, href('eval'), T.tabReport, 'eval-tab-report')}
          {tab(ab, href('eval', ['ab']), T.tabAb, 'eval-tab-ab')}
        </nav>
      </div>
      {!ab && <ReportView api={api} />}
      {ab && !id && <AbSetup api={api} />}
      {ab && id && <AbJudge key={id} api={api} id={id} />}
    </section>
  );
}
