/**
 * The end of a blind A/B session: which version was A and which B, the counts (A better, B better,
 * equally good, identical), A's share of the preferences with its 95 % Wilson interval and the
 * sign test, and each question unblinded (which version was on the left, the verdict, the winner).
 */
import type { Api } from '../../../../electron/contract/api';
import { errorText } from '../../api/api-error';
import { useApiQuery } from '../../hooks/use-api-query';
import { EVAL_STRINGS as T } from './eval-strings';

interface Props {
  api: Api;
  id: string;
  /** Verdicts given (reloads the tally when it changes). */
  judged: number;
  /** Back to the questions to change a verdict. */
  onChange?: () => void;
}

function Count({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="ab-count">
      <span className="ab-count__value" data-testid={testId}>{value}</span>
      <span className="ab-count__label">{label}</span>
    </div>
  );
}

export function AbTallyView({ api, id, judged, onChange }: Props) {
  const { data: tally, error } = useApiQuery((o) => api.tallyAb({ id }, o), [api, id, judged]);

  if (error) {
    return (
      <div className="error-banner" role="alert" data-code={error.code}>
        <strong>{T.judgeFailed}</strong>
        <span>{errorText(error)}</span>
      </div>
    );
  }
  if (!tally) return null;
  const winner = tally.preferenceA !== null && tally.preferenceA > 0.5 ? T.revealA : T.revealB;
  return (
    <section className="panel ab-tally" data-testid="ab-tally" aria-labelledby="ab-tally-title">
      <div className="ab-tally__head">
        <h3 id="ab-tally-title">{T.tallyTitle}</h3>
        {onChange && (
          <button type="button" className="versions__button versions__button--quiet" onClick={onChange} data-testid="ab-change">{T.changeVerdicts}</button>
        )}
      </div>
      {!tally.complete && <p className="versions__hint">{T.tallyIncomplete(tally.items - tally.judged)}</p>}
      <dl className="ab-tally__versions">
        <dt>{T.revealA}</dt>
        <dd data-testid="ab-reveal-a">{`#${tally.versionA.id} ${tally.versionA.label}`}</dd>
        <dt>{T.revealB}</dt>
        <dd data-testid="ab-reveal-b">{`#${tally.versionB.id} ${tally.versionB.label}`}</dd>
      </dl>
      <div className="ab-tally__counts">
        <Count label={T.winsA} value={tally.a} testId="ab-tally-a" />
        <Count label={T.winsB} value={tally.b} testId="ab-tally-b" />
        <Count label={T.ties} value={tally.ties} testId="ab-tally-ties" />
        <Count label={T.identical} value={tally.identical} testId="ab-tally-identical" />
      </div>
      {tally.preferenceA === null ? (
        <p className="versions__hint" data-testid="ab-tally-preference">{T.noPreference}</p>
      ) : (
        <div className="ab-tally__stats">
          <p>
            <span className="ab-tally__label">{T.preference}</span>{' '}
            <strong data-testid="ab-tally-preference">{T.preferenceValue(tally.preferenceA)}</strong>
          </p>
          <p className="ab-tally__detail">
            <span data-testid="ab-tally-ci">{T.ci(tally.ci95![0], tally.ci95![1])}</span> · <span data-testid="ab-tally-p">{T.pValue(tally.pValue!.toPrecision(3))}</span>
          </p>
          <p className="ab-tally__conclusion" data-testid="ab-tally-conclusion">
            {tally.pValue! < 0.05 ? T.verdictSignificant(winner) : T.verdictNotSignificant}
          </p>
        </div>
      )}
      {tally.reveals.length > 0 && (
        <>
          <h4 className="ab-tally__subtitle">{T.revealTitle}</h4>
          <div className="eval-table__scroll">
            <table className="eval-table ab-reveal" data-testid="ab-reveal">
              <thead>
                <tr>
                  <th scope="col" className="num">{T.colItem}</th>
                  <th scope="col">{T.colQuery}</th>
                  <th scope="col">{T.colLeftWas}</th>
                  <th scope="col">{T.colVerdict}</th>
                  <th scope="col">{T.colWinner}</th>
                </tr>
              </thead>
              <tbody>
                {tally.reveals.map((r) => (
                  <tr key={r.index} data-testid="ab-reveal-row" data-left={r.left} data-verdict={r.verdict} data-winner={r.winner}>
                    <td className="num">{r.index + 1}</td>
                    <td>{r.query}</td>
                    <td>{T.winnerNames[r.left]}</td>
                    <td>{T.verdictNames[r.verdict]}</td>
                    <td className={r.winner === 'tie' ? '' : 'ab-reveal__winner'}>{T.winnerNames[r.winner]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
