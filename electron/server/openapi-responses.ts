/**
 * Hand-written JSON schemas of the main answers (the contract's response types are TypeScript
 * only). Methods not listed here are documented as the Result envelope with an untyped value; the
 * TypeScript types in electron/contract/ are the reference for those.
 */
import type { ApiMethod } from '../contract/methods';

type Schema = Record<string, unknown>;

const nullable = (type: string): Schema => ({ type: [type, 'null'] });
const obj = (properties: Record<string, Schema>, required = Object.keys(properties)): Schema => ({ type: 'object', properties, required });

const LawSummary = obj({
  id: { type: 'integer' }, title: { type: 'string' }, shortTitle: { type: 'string' }, category: { type: 'string' },
  versionDate: nullable('string'), status: { type: 'string', enum: ['current', 'superseded'] }, supersededBy: nullable('integer'),
  articleCount: { type: 'integer' },
});

const Budget = obj({ preset: { enum: ['quick', 'standard', 'research', null] }, k: { type: 'integer' }, n: { type: 'integer' } });

const Snippet: Schema = { type: 'array', description: 'Runs of text; hit runs matched the query.', items: obj({ text: { type: 'string' }, hit: { type: 'boolean' } }) };

const SearchHit = obj({
  rank: { type: 'integer' }, articleId: { type: 'integer' }, citation: { type: 'string' }, label: { type: 'string' },
  law: LawSummary, path: { type: 'array', items: { type: 'string' } }, snippet: Snippet, score: { type: 'number' },
  scores: obj({ lexical: nullable('number'), dense: nullable('number'), fused: nullable('number'), rerank: nullable('number') }),
  ranks: obj({ lexical: nullable('integer'), dense: nullable('integer'), beforeRerank: nullable('integer') }),
  reranked: { type: 'boolean' },
});

export const RESPONSE_SCHEMAS: Partial<Record<ApiMethod, Schema>> = {
  search: obj({
    query: { type: 'string' },
    mode: { type: 'string', enum: ['citation', 'lexical', 'dense', 'hybrid'] },
    budget: Budget,
    models: obj({ embedder: nullable('string'), reranker: nullable('string') }),
    hits: { type: 'array', items: SearchHit },
    degraded: { ...nullable('string'), description: 'Why the answer is less than the full pipeline (e.g. the inference process restarting: lexical results only), or null.' },
    timings: obj({ lexicalMs: { type: 'number' }, denseMs: { type: 'number' }, rerankMs: { type: 'number' } }),
    tookMs: { type: 'number' },
  }),
  article: obj({
    articleId: { type: 'integer' }, citation: { type: 'string' }, label: { type: 'string' }, text: { type: 'string' },
    path: { type: 'array', items: { type: 'string' } }, law: LawSummary,
    citedBy: obj({
      total: { type: 'integer', description: 'How many stored provisions cite this article.' },
      provisions: {
        type: 'array', description: 'The first 50: current versions first, then the same law, then by law title.',
        items: obj({
          articleId: { type: 'integer' }, citation: { type: 'string' }, label: { type: 'string' }, law: LawSummary,
          reference: { type: 'string', description: 'The reference as written, e.g. 第四十七条.' }, snippet: Snippet,
        }),
      },
    }),
  }, ['articleId', 'citation', 'label', 'text', 'law', 'citedBy']),
  laws: { type: 'array', items: LawSummary },
  embed: obj({
    model: obj({ id: { type: 'string' }, stage: { type: 'string' }, dimension: { type: 'integer' } }),
    kind: { type: 'string', enum: ['query', 'document'] },
    vectors: { type: 'array', description: 'One L2-normalised vector per text, in request order.', items: { type: 'array', items: { type: 'number' } } },
  }),
  rerank: obj({
    model: obj({ id: { type: 'string' }, stage: { type: 'string' }, kind: { type: 'string', enum: ['features', 'text-pair'] } }),
    results: {
      type: 'array', description: 'Best first.',
      items: obj({ index: { type: 'integer' }, articleId: nullable('integer'), citation: nullable('string'), score: { type: 'number' }, rank: { type: 'integer' } }),
    },
  }),
  versions: {
    type: 'array',
    items: obj({
      id: { type: 'integer' }, label: { type: 'string' }, embedderId: nullable('string'), rerankerId: nullable('string'), active: { type: 'boolean' },
      presets: { type: 'object', additionalProperties: obj({ k: { type: 'integer' }, n: { type: 'integer' } }) },
    }, ['id', 'label', 'embedderId', 'rerankerId', 'active']),
  },
};

/** Every refusal: a typed code and a message that says what to fix. */
export const ERROR_SCHEMA: Schema = obj({
  ok: { const: false },
  error: obj({ code: { type: 'string', description: 'A typed error code (electron/contract/errors.ts).' }, message: { type: 'string', description: 'What to do about it.' } }),
});
