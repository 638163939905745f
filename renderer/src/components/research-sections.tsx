/**
 * The two sections beside a run's findings: what the reranker considered but ranked low (with how
 * far each fell from its first-stage place), collapsible; and the related provisions one
 * cross-reference away in either direction, each marked cited or citing and naming the findings
 * that cite it or that it cites.
 */
import type { CitingHit, ResearchRunView } from '../../../electron/contract/research-types';
import { href } from '../hooks/use-route';
import { StatusBadge } from './research-findings';
import { RESEARCH_STRINGS as T } from './research-strings';

function Change({ from, to }: { from: number; to: number }) {
  const d = to - from;
  if (d === 0) return <span className="change">{T.same}</span>;
  return <span className={d > 0 ? 'change change--fell' : 'change change--rose'}>{d > 0 ? T.fell(d) : T.rose(-d)}</span>;
}

export function LowRankedSection({ run }: { run: ResearchRunView }) {
  const low = run.lowRanked;
  return (
    <details className="research-low" data-testid="research-low-ranked" data-count={low.length}>
      <summary data-testid="research-low-toggle">
        <span className="research-low__title">{T.lowTitle(low.length)}</span>
        <span className="research-low__hint">{T.lowHint}</span>
      </summary>
      {low.length === 0 ? (
        <p className="notice">{T.lowEmpty}</p>
      ) : (
        <table className="research-low__table">
          <thead>
            <tr>
              <th scope="col" className="num">{T.lowRank}</th>
              <th scope="col">{T.lowArticle}</th>
              <th scope="col" className="num">{T.lowBefore}</th>
              <th scope="col" className="num">{T.lowChange}</th>
              <th scope="col" className="num">{T.lowScore}</th>
            </tr>
          </thead>
          <tbody>
            {low.map((x) => (
              <tr key={x.articleId} data-testid="research-low-item" data-article-id={x.articleId}>
                <td className="num">{x.rank}</td>
                <td>
                  <a href={href('article', [x.articleId])} data-testid="research-low-link">
                    {x.law.shortTitle}
                    {x.label}
                  </a>
                  {x.law.status !== 'current' && <span className="research-low__superseded"> · {T.statusSuperseded}</span>}
                </td>
                <td className="num">{x.beforeRerank}</td>
                <td className="num" data-testid="research-low-change">
                  <Change from={x.beforeRerank} to={x.rank} />
                </td>
                <td className="num">{x.rerankScore.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}

function HitLinks({ label, links, testId }: { label: string; links: CitingHit[]; testId: string }) {
  return (
    <p className="related__cited" data-testid={testId}>
      <span className="related__cited-label">{label}</span>
      {links.map((c) => (
        <a key={c.articleId} href={href('article', [c.articleId])} className="related__cite" title={c.citation}>
          <span className="related__cite-rank">#{c.rank}</span> {c.citation.replace(/^《中华人民共和国/, '《')}
          <span className="related__cite-ref">「{c.reference}」</span>
        </a>
      ))}
    </p>
  );
}

export function RelatedSection({ run }: { run: ResearchRunView }) {
  return (
    <section className="research-related" data-testid="research-related" aria-labelledby="research-related-title">
      <div className="research-section__head">
        <h3 id="research-related-title">{T.relatedTitle(run.related.length)}</h3>
      </div>
      <p className="research-related__hint">{T.relatedHint}</p>
      {run.related.length === 0 && <p className="research-related__empty">{T.relatedEmpty}</p>}
      <ul className="research-related__list">
        {run.related.map((r) => (
          <li key={r.articleId} className="related" data-testid="research-related-item" data-article-id={r.articleId} data-relation={r.relation}>
            <div className="related__head">
              <a href={href('article', [r.articleId])} className="related__citation" data-testid="research-related-link">
                {r.law.shortTitle}
                {r.label}
              </a>
              <StatusBadge law={r.law} />
              <span className={`related__relation related__relation--${r.relation}`} data-testid="research-related-relation">
                {T.relation[r.relation]}
              </span>
            </div>
            <p className="related__snippet">
              {r.snippet.map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
            </p>
            {r.citedBy.length > 0 && <HitLinks label={T.citedBy} links={r.citedBy} testId="research-related-cited-by" />}
            {r.cites.length > 0 && <HitLinks label={T.cites} links={r.cites} testId="research-related-cites" />}
          </li>
        ))}
      </ul>
    </section>
  );
}
