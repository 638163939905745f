import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { GlossaryEntry } from '../glossary/glossary-types';
import { articleEmbeddingText } from '../vectors/article-text';
import { rng } from './random';
import type { TrainingPair } from './weak-pairs';

/**
 * Weak supervision in the law's own vocabulary, across every area of law (the paper's broad, weak
 * stage), so the models learn what lawyers type and not only STARD's everyday civil questions:
 *  - glossary: a glossary name (crime, doctrine, defined term; and its aliases) → each article it
 *    names, alone or as lawyers write it (`X的构成要件`, `X的认定`…);
 *  - heading-term: a section or chapter title that heads few articles (缓刑, 自首和立功) → its first
 *    article, which states the rule the heading names;
 *  - anchor: what a citing provision says (`…以盗窃罪定罪处罚`) → the article it cites.
 * Glossary names are split by a hash of the term: the `embedder` part trains the embedder, the
 * `reranker` part only the reranker, so that the reranker learns from names whose candidates come
 * from an embedder that has not memorised them (as cross-fitting does for the train questions).
 */
export type VocabularyPart = 'embedder' | 'reranker' | 'all';

/** Share of glossary names kept for the reranker alone. */
const RERANKER_SHARE = 0.2;
const FORMS: Record<GlossaryEntry['kind'], string[]> = {
  crime: ['', '', '的构成要件', '的认定', ' 量刑', '的立案标准'],
  doctrine: ['', '', '的适用条件', '的法律规定', ' 构成要件'],
  'defined-term': ['', '', '的定义', '是指什么'],
  term: ['', '', '的规定'],
};
/** A heading that heads more articles than this is a topic, not a name for one rule. */
const HEADING_MAX_ARTICLES = 8;

const partOf = (term: string): 'embedder' | 'reranker' =>
  createHash('sha1').update(term).digest().readUInt32BE(0) / 0x100000000 < RERANKER_SHARE ? 'reranker' : 'embedder';

interface Row {
  id: number;
  text: string;
  path: string;
  shortTitle: string;
  lawId: number;
  anchor: string;
}

export function vocabularyPairs(
  db: Database,
  glossary: readonly { entry: GlossaryEntry; articleIds: number[] }[],
  opts: { seed: number; part: VocabularyPart },
): TrainingPair[] {
  const rand = rng(opts.seed);
  const rows = db
    .prepare(
      `SELECT a.id, a.text, a.path, l.short_title AS shortTitle, a.law_id AS lawId, coalesce(x.text, '') AS anchor
       FROM articles a JOIN laws l ON l.id = a.law_id LEFT JOIN article_anchors x ON x.article_id = a.id
       WHERE l.status = 'current' ORDER BY a.law_id, a.ordinal`,
    )
    .all() as Row[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const doc = (r: Row) => articleEmbeddingText({ shortTitle: r.shortTitle, path: JSON.parse(r.path) as string[], text: r.text, anchor: r.anchor });
  const pairs: TrainingPair[] = [];
  const inPart = (key: string) => opts.part === 'all' || partOf(key) === opts.part;

  for (const { entry, articleIds } of glossary) {
    if (!inPart(entry.term)) continue;
    const forms = FORMS[entry.kind];
    for (const name of [entry.term, ...entry.aliases]) {
      for (const id of articleIds) {
        const r = byId.get(id);
        if (!r) continue;
        const form = forms[Math.floor(rand() * forms.length)]!;
        pairs.push({ query: `${name}${form}`, document: doc(r), articleId: id, source: 'glossary' });
      }
    }
  }

  // Headings: the first article under each heading that heads at most HEADING_MAX_ARTICLES.
  const headed = new Map<string, Row[]>();
  for (const r of rows) {
    const path = JSON.parse(r.path) as string[];
    const last = path.at(-1);
    if (!last) continue;
    const key = `${r.lawId}|${path.join('|')}`;
    const list = headed.get(key);
    if (list) list.push(r);
    else headed.set(key, [r]);
  }
  for (const [key, list] of headed) {
    if (list.length > HEADING_MAX_ARTICLES || !inPart(key)) continue;
    const title = (JSON.parse(list[0]!.path) as string[]).at(-1)!.replace(/^第\S+[编章节]\s*/u, '').trim();
    if (title.length < 2) continue;
    pairs.push({ query: title, document: doc(list[0]!), articleId: list[0]!.id, source: 'heading-term' });
  }

  // Anchors: each citing clause (store/article-anchors.ts joins them with ；) for its article.
  for (const r of rows) {
    if (!r.anchor || !inPart(`anchor:${r.id}`)) continue;
    for (const clause of r.anchor.split('；')) {
      const q = clause.replace(/\s+/g, '').trim();
      if (q.length >= 6) pairs.push({ query: q, document: doc(r), articleId: r.id, source: 'anchor' });
    }
  }
  return pairs;
}
