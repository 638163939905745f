/**
 * One article side by side in two versions of its law (the corresponding provision, which a
 * revision may have renumbered: then its number there is named): the older text with its deletions struck
 * through, the newer with its insertions underlined — colour plus <del>/<ins>, so the marks
 * survive for colour-blind readers and in a printout. With more than two versions the reader
 * chooses which two; a pair that is not consecutive is diffed on request.
 */
import { useEffect, useState } from 'react';
import type { Api } from '../../../electron/contract/api';
import type { ArticleComparison, ArticleDiff, ComparedVersion } from '../../../electron/contract/law-types';
import { errorText } from '../api/api-error';
import { useApiQuery } from '../hooks/use-api-query';
import { STRINGS } from '../strings';
import { ARTICLE_STRINGS as T } from './article-strings';

const dateOf = (v: ComparedVersion): string => v.law.versionDate ?? T.undated;

/** The pair shown first: the version before the one being read and that one, else it and the next. */
function defaultPair(cmp: ArticleComparison): [number, number] {
  const at = cmp.versions.findIndex((v) => v.article?.id === cmp.articleId);
  const i = at > 0 ? at - 1 : 0;
  return [cmp.versions[i]!.law.id, cmp.versions[Math.min(i + 1, cmp.versions.length - 1)]!.law.id];
}

function Side({ version, diff, side, label }: { version: ComparedVersion; diff: ArticleDiff | null; side: 'from' | 'to'; label: string }) {
  const current = version.law.status === 'current';
  return (
    <div className={`compare__side compare__side--${side}`} data-testid={`compare-${side}`} data-law-id={version.law.id}>
      <p className="compare__side-head">
        <span className="compare__date">{T.versionOf(dateOf(version))}</span>
        <span className={current ? 'badge badge--current' : 'badge badge--superseded'}>{current ? STRINGS.statusCurrent : STRINGS.statusSuperseded}</span>
      </p>
      {version.article?.matchedBy === 'text' && (
        <p className="compare__renumbered" data-testid="compare-renumbered">
          {T.renumbered(version.article.label, Math.round(version.article.similarity * 100))}
        </p>
      )}
      {!version.article ? (
        <p className="compare__missing" data-testid="compare-missing">{T.compareMissing(dateOf(version), label)}</p>
      ) : (
        <p className="compare__text">
          {diff?.segments
            ? diff.segments.map((s, i) =>
                s.op === 'equal' ? (
                  <span key={i}>{s.text}</span>
                ) : s.op === 'delete' ? (
                  side === 'from' && <del key={i} data-testid="diff-del">{s.text}</del>
                ) : (
                  side === 'to' && <ins key={i} data-testid="diff-ins">{s.text}</ins>
                ),
              )
            : version.article.text}
        </p>
      )}
    </div>
  );
}

interface Props {
  api: Api;
  comparison: ArticleComparison;
}

export function ArticleCompare({ api, comparison }: Props) {
  const [pair, setPair] = useState<[number, number]>(() => defaultPair(comparison));
  useEffect(() => setPair(defaultPair(comparison)), [comparison]);

  const index = (id: number) => comparison.versions.findIndex((v) => v.law.id === id);
  const [i, j] = [index(pair[0]), index(pair[1])].sort((a, b) => a - b) as [number, number];
  const from = comparison.versions[i]!;
  const to = comparison.versions[j]!;
  const key = `${from.law.id}-${to.law.id}`;
  const consecutive = j === i + 1 ? (comparison.diffs.find((d) => d.fromLawId === from.law.id && d.toLawId === to.law.id) ?? null) : null;
  // Two versions that are not neighbours: their diff is asked for (neighbours' come with the comparison).
  const ask = i !== j && !consecutive;
  const { data: fetched, error } = useApiQuery(
    ask ? (o) => api.compareArticle({ articleId: comparison.articleId, from: from.law.id, to: to.law.id }, o).then((r) => ({ key, diff: r.diffs[0]! })) : null,
    [api, comparison.articleId, key, ask],
  );
  const diff = consecutive ?? (fetched?.key === key ? fetched.diff : null);

  const many = comparison.versions.length > 2;
  const choose = (slot: 0 | 1, id: number) => setPair((p) => (slot === 0 ? [id, p[1]] : [p[0], id]));
  const select = (slot: 0 | 1, label: string) => (
    <label className="compare__choose">
      <span>{label}</span>
      <select data-testid={`compare-select-${slot === 0 ? 'from' : 'to'}`} value={pair[slot]} onChange={(e) => choose(slot, Number(e.target.value))}>
        {comparison.versions.map((v) => (
          <option key={v.law.id} value={v.law.id} disabled={v.law.id === pair[slot === 0 ? 1 : 0]}>
            {dateOf(v)}
            {!v.article ? ` · ${T.versionLacks(comparison.label)}` : v.article.label !== comparison.label ? ` · ${T.renumberedShort(v.article.label)}` : ''}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <section className="compare" data-testid="compare" aria-label={T.compareTitle(comparison.label)}>
      <div className="compare__head">
        <h4 className="compare__title">{T.compareTitle(comparison.label)}</h4>
        {many && (
          <div className="compare__pickers">
            {select(0, T.compareFrom)}
            {select(1, T.compareTo)}
          </div>
        )}
      </div>
      <p className="compare__summary" data-testid="compare-summary">
        {!diff
          ? error
            ? errorText(error)
            : T.compareLoading
          : !diff.segments
            ? T.compareMissing(dateOf(from.article ? to : from), comparison.label)
            : diff.inserted + diff.deleted === 0
              ? T.compareUnchanged
              : T.compareSummary(diff.deleted, diff.inserted)}
        {diff?.segments && diff.inserted + diff.deleted > 0 && (
          <span className="compare__legend" aria-hidden="true">
            {T.compareLegend}
            <del>{T.legendDeleted}</del>
            <ins>{T.legendInserted}</ins>
          </span>
        )}
      </p>
      <div className="compare__sides">
        <Side version={from} diff={diff} side="from" label={comparison.label} />
        <Side version={to} diff={diff} side="to" label={comparison.label} />
      </div>
    </section>
  );
}
