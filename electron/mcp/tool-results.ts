/**
 * What each tool answers: a text for the assistant to read (each provision with its citation, law
 * version date and validity) and the same facts as structured content. One function per result shape.
 */
import type { ContextPack } from '../contract/assistant-types';
import type { ArticleComparison } from '../contract/law-types';
import type { ResearchRunView } from '../contract/research-types';
import type { ArticleView, LawSummary, SearchHit, SearchResponse } from '../contract/types';
import { validityOf, validityZh } from '../backbone/text/validity';
import { articleUri } from './article-uri';

export interface ToolAnswer {
  text: string;
  structured: Record<string, unknown>;
}

const joinSegments = (segments: { text: string }[]): string => segments.map((s) => s.text).join('');
const heading = (citation: string, law: Pick<LawSummary, 'versionDate' | 'status'>): string => `${citation}（${validityZh(validityOf(law))}）`;

function hitFacts(h: SearchHit): Record<string, unknown> {
  return {
    rank: h.rank, articleId: h.articleId, citation: h.citation, lawTitle: h.law.title, label: h.label, ...validityOf(h.law),
    snippet: joinSegments(h.snippet), score: h.score, uri: articleUri(h.articleId),
  };
}

function hitLines(hits: SearchHit[]): string {
  return hits.map((h) => `${h.rank}. ${heading(h.citation, h.law)} [articleId ${h.articleId}]\n   ${joinSegments(h.snippet).replace(/\s+/g, ' ')}`).join('\n');
}

export function searchAnswer(r: SearchResponse): ToolAnswer {
  const head = `${r.hits.length} results for “${r.query}” (${r.mode}, K ${r.budget.k} → N ${r.budget.n})${r.degraded ? ` — ${r.degraded}` : ''}`;
  return {
    text: r.hits.length ? `${head}\n${hitLines(r.hits)}` : `${head}. 未找到结果。`,
    structured: { query: r.query, mode: r.mode, budget: r.budget, degraded: r.degraded, tookMs: r.tookMs, hits: r.hits.map(hitFacts) },
  };
}

export function articleAnswer(a: ArticleView): ToolAnswer {
  const around = (list: { citation: string; text: string }[]) => list.map((p) => `— ${p.citation}\n${p.text}`).join('\n');
  const parts = [
    `${heading(a.citation, a.law)} [articleId ${a.articleId}]`,
    a.path.length ? a.path.join(' › ') : '',
    a.surrounding?.before.length ? `前文 / before:\n${around(a.surrounding.before)}` : '',
    a.text,
    a.surrounding?.after.length ? `后文 / after:\n${around(a.surrounding.after)}` : '',
    a.citedBy.total ? `被 ${a.citedBy.total} 条引用 / cited by ${a.citedBy.total} provisions (cited_by)` : '',
  ];
  return {
    text: parts.filter(Boolean).join('\n'),
    structured: {
      articleId: a.articleId, citation: a.citation, lawTitle: a.law.title, label: a.label, ...validityOf(a.law), path: a.path, text: a.text,
      surrounding: a.surrounding ?? null, citedByTotal: a.citedBy.total, uri: articleUri(a.articleId),
    },
  };
}

export function citedByAnswer(a: ArticleView): ToolAnswer {
  const list = a.citedBy.provisions;
  const lines = list.map((p, i) => `${i + 1}. ${heading(p.citation, p.law)} [articleId ${p.articleId}] 引用“${p.reference}”：${joinSegments(p.snippet).replace(/\s+/g, ' ')}`);
  return {
    text: `${a.citation}：被 ${a.citedBy.total} 条引用 / cited by ${a.citedBy.total}${list.length < a.citedBy.total ? ` (first ${list.length})` : ''}\n${lines.join('\n')}`.trim(),
    structured: {
      articleId: a.articleId, citation: a.citation, total: a.citedBy.total,
      provisions: list.map((p) => ({
        articleId: p.articleId, citation: p.citation, lawTitle: p.law.title, ...validityOf(p.law), reference: p.reference, snippet: joinSegments(p.snippet), uri: articleUri(p.articleId),
      })),
    },
  };
}

export function comparisonAnswer(c: ArticleComparison): ToolAnswer {
  const versions = c.versions.map((v) => ({
    lawId: v.law.id, lawTitle: v.law.title, ...validityOf(v.law), articleId: v.article?.id ?? null, label: v.article?.label ?? null, text: v.article?.text ?? null,
    matchedBy: v.article?.matchedBy ?? null,
  }));
  const diffs = c.diffs.map((d) => ({
    fromLawId: d.fromLawId, toLawId: d.toLawId, inserted: d.inserted, deleted: d.deleted,
    changes: d.segments?.filter((s) => s.op !== 'equal').map((s) => ({ op: s.op, text: s.text })) ?? null,
  }));
  const vText = versions.map((v) => `■ ${v.versionDate ?? '日期不详'}${v.inForce ? '（现行）' : ''} ${v.label ?? '（该版本无对应条文）'} [lawId ${v.lawId}]\n${v.text ?? ''}`).join('\n');
  const dText = diffs.map((d) => `${d.fromLawId} → ${d.toLawId}: +${d.inserted} −${d.deleted}${d.changes?.length ? ' ' + d.changes.map((x) => `${x.op === 'insert' ? '+' : '−'}「${x.text}」`).join(' ') : ''}`).join('\n');
  return { text: `${c.label}: ${versions.length} versions\n${vText}\n${dText}`.trim(), structured: { articleId: c.articleId, label: c.label, versions, diffs } };
}

export function researchAnswer(r: ResearchRunView): ToolAnswer {
  const related = r.related.slice(0, 10);
  const relText = related.map((p) => `- ${heading(p.citation, p.law)} [articleId ${p.articleId}] (${p.relation})`).join('\n');
  return {
    text: `Deep research “${r.query}” ${r.state} (K ${r.budget.k} → N ${r.budget.n}, ${Math.round(r.tookMs)} ms)${r.degraded ? ` — ${r.degraded}` : ''}\n${hitLines(r.hits)}${relText ? `\n相关条文 / related provisions:\n${relText}` : ''}`,
    structured: {
      runId: r.runId, query: r.query, state: r.state, budget: r.budget, degraded: r.degraded, hits: r.hits.map(hitFacts),
      related: r.related.map((p) => ({ articleId: p.articleId, citation: p.citation, lawTitle: p.law.title, ...validityOf(p.law), relation: p.relation, uri: articleUri(p.articleId) })),
    },
  };
}

export function contextPackAnswer(p: ContextPack): ToolAnswer {
  return { text: p.text || `未找到可放入 ${p.charBudget} 字符内的条文 / nothing fits in ${p.charBudget} characters`, structured: { ...p } };
}
