/**
 * A result's score details, collapsed by default: each stage's score and rank, and how far
 * reranking moved the hit (rank before reranking vs. its rank now: ↑3 / ↓2 / —).
 */
import type { SearchHit } from '../../../electron/contract/types';
import { SEARCH_STRINGS as S } from './search-strings';

const fmt = (x: number | null): string => (x === null ? '' : Math.abs(x) >= 100 ? x.toFixed(1) : x.toFixed(4));

/** The rank change from reranking: positive = moved up. Null when the hit was not reranked. */
function rerankMove(hit: SearchHit): number | null {
  if (!hit.reranked || hit.ranks.beforeRerank === null) return null;
  return hit.ranks.beforeRerank - hit.rank;
}

function MoveBadge({ hit }: { hit: SearchHit }) {
  const move = rerankMove(hit);
  if (move === null) return null;
  const text = move > 0 ? S.movedUp(move) : move < 0 ? S.movedDown(-move) : S.movedNone;
  const kind = move > 0 ? 'up' : move < 0 ? 'down' : 'none';
  return (
    <span className={`move move--${kind}`} data-testid="result-move" data-move={move} title={S.movedTitle(hit.ranks.beforeRerank!, hit.rank)}>
      {text}
    </span>
  );
}

/** `reranker`: the id of the model that gave the rerank score (the response's), shown beside it. */
export function ResultDetails({ hit, reranker = null }: { hit: SearchHit; reranker?: string | null }) {
  const rows: { key: string; stage: string; score: number | null; rank: number | null }[] = [
    { key: 'lexical', stage: S.stageLexical, score: hit.scores.lexical, rank: hit.ranks.lexical },
    { key: 'dense', stage: S.stageDense, score: hit.scores.dense, rank: hit.ranks.dense },
    { key: 'fused', stage: S.stageFused, score: hit.scores.fused, rank: hit.ranks.beforeRerank },
    { key: 'rerank', stage: S.stageRerank, score: hit.scores.rerank, rank: hit.reranked ? hit.rank : null },
  ];
  return (
    <details className="result-details" data-testid="result-details">
      <summary>
        {S.details}
        <MoveBadge hit={hit} />
      </summary>
      <table className="result-details__table">
        <thead>
          <tr>
            <th scope="col">{S.scoreStage}</th>
            <th scope="col">{S.scoreValue}</th>
            <th scope="col">{S.scoreRank}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-testid={`score-${r.key}`}>
              <th scope="row">
                {r.stage}
                {r.key === 'rerank' && reranker && hit.reranked && (
                  <span className="result-details__model" data-testid="score-rerank-model">
                    {reranker}
                  </span>
                )}
              </th>
              <td>{r.score === null ? <span className="result-details__none">{S.notSeen}</span> : fmt(r.score)}</td>
              <td>{r.rank ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
