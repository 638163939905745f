/**
 * Hand-written JSON schemas of the main answers (the contract's response types are TypeScript
 * only). Methods not listed here are documented as the Result envelope with an untyped value; the
 * TypeScript types in electron/contract/ are the reference for those.
 */
import type { ApiMethod } from '../contract/methods';

type Schema = Record<string, unknown>;

const nullable = (type: string): Schema => ({ type: [type, 'null'] });
const obj = (properties: Record<string, Schema>, required = Object.keys(properties)): Schema => ({ type: 'object', properties, required });

/** Whether a provision can be quoted as the law today. */
const Validity: Record<string, Schema> = {
  versionDate: { ...nullable('string'), description: 'The law version\'s date (YYYY-MM-DD), or null.' },
  status: { type: 'string', enum: ['current', 'superseded'] },
  inForce: { type: 'boolean', description: 'True for the current version of the law.' },
};

/** A neighbouring provision of the same law version. */
const Provision = obj({ articleId: { type: 'integer' }, citation: { type: 'string' }, label: { type: 'string' }, text: { type: 'string' } });

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
  glossaryTerm: { ...nullable('string'), description: 'The glossary name in the query that points at this article, or null.' },
}, ['rank', 'articleId', 'citation', 'label', 'law', 'path', 'snippet', 'score', 'scores', 'ranks', 'reranked']);

const GlossaryKind: Schema = { type: 'string', enum: ['crime', 'doctrine', 'defined-term', 'term'] };

const GlossarySource = obj({
  source: { type: 'string', enum: ['mined', 'hand-written', 'firm'] },
  detail: { type: 'string', description: 'mined: the pattern and a provision it was mined from; hand-written: the note; firm: file:line.' },
});

/** A glossary name found in the query (the direct-hit card above the results). */
const GlossaryCard = obj({
  term: { type: 'string' },
  matched: { type: 'string', description: 'What in the query matched: the term or an alias (帮信罪).' },
  kind: GlossaryKind,
  sources: { type: 'array', items: GlossarySource },
  whole: { type: 'boolean', description: 'True when the query is the name itself (a direct hit).' },
  articles: {
    type: 'array', description: 'The articles in force the name points at.',
    items: obj({ articleId: { type: 'integer' }, citation: { type: 'string' }, label: { type: 'string' }, lawTitle: { type: 'string' }, snippet: Snippet }),
  },
});

const GlossaryImportReport = obj({
  file: { type: 'string' },
  rows: { type: 'integer', description: 'Rows imported (0 when refused).' },
  terms: { type: 'integer', description: 'Distinct terms imported.' },
  replaced: { type: 'integer', description: 'Rows of an earlier file with the same name, now replaced.' },
  errors: {
    type: 'array', description: 'One per bad line; when any, nothing was imported.',
    items: obj({
      line: { type: 'integer' },
      code: { type: 'string', enum: ['CSV', 'COLUMNS', 'EMPTY_TERM', 'STRAY_QUOTE', 'TERM_TOO_LONG', 'NO_CITATION', 'NOT_A_CITATION', 'NOT_IN_LIBRARY', 'NOT_IN_FORCE', 'CONTRADICTION', 'TOO_MANY_ROWS'] },
      detail: { type: 'string', description: 'The part that varies: a term, a citation, a count.' },
      message: { type: 'string' },
    }),
  },
});

export const RESPONSE_SCHEMAS: Partial<Record<ApiMethod, Schema>> = {
  search: obj({
    query: { type: 'string' },
    mode: { type: 'string', enum: ['citation', 'lexical', 'dense', 'hybrid'] },
    budget: Budget,
    models: obj({ embedder: nullable('string'), reranker: nullable('string') }),
    hits: { type: 'array', items: SearchHit },
    degraded: { ...nullable('string'), description: 'Why the answer is less than the full pipeline (e.g. the inference process restarting: lexical results only), or null.' },
    degradedZh: { ...nullable('string'), description: 'The same in Chinese, for a Chinese UI.' },
    timings: obj({ lexicalMs: { type: 'number' }, denseMs: { type: 'number' }, rerankMs: { type: 'number' } }),
    tookMs: { type: 'number' },
    glossary: { type: 'array', description: 'Glossary names found in the query, with the articles they name (first page only).', items: GlossaryCard },
  }, ['query', 'mode', 'budget', 'models', 'hits', 'degraded', 'degradedZh', 'timings', 'tookMs']),
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
    surrounding: {
      ...obj({ before: { type: 'array', items: Provision }, after: { type: 'array', items: Provision } }),
      description: 'With surrounding: N, the provisions just before and after it in its law version, in order.',
    },
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
  glossary: obj({
    version: { type: 'integer' },
    builtin: obj({
      entries: { type: 'integer' },
      byKind: obj(Object.fromEntries(['crime', 'doctrine', 'defined-term', 'term'].map((k) => [k, { type: 'integer' }]))),
      mined: { type: 'integer' },
      handWritten: { type: 'integer' },
    }),
    usable: { type: 'integer', description: 'Shipped entries whose articles are in force in this library.' },
    firm: {
      type: 'array', description: "The firm's imported files.",
      items: obj({ file: { type: 'string' }, rows: { type: 'integer' }, terms: { type: 'integer' }, importedAt: { type: 'string' } }),
    },
  }),
  importGlossary: GlossaryImportReport,
  removeGlossaryFile: obj({ removed: { type: 'integer' } }),
  contextPack: obj({
    query: { type: 'string' },
    budget: obj({ preset: nullable('string'), k: { type: 'integer' }, n: { type: 'integer' } }),
    charBudget: { type: 'integer', description: 'maxChars as asked.' },
    chars: { type: 'integer', description: 'The length of text; never more than charBudget.' },
    articles: {
      type: 'array', description: 'The packed articles in rank order, each whole.',
      items: obj({
        rank: { type: 'integer' }, articleId: { type: 'integer' }, citation: { type: 'string' }, lawTitle: { type: 'string' },
        path: { type: 'array', items: { type: 'string' } }, text: { type: 'string' }, ...Validity,
        cites: {
          type: 'array', description: 'The provisions it cites that fit, whole, in the order the text cites them.',
          items: obj({ articleId: { type: 'integer' }, citation: { type: 'string' }, reference: { type: 'string' }, text: { type: 'string' }, ...Validity }),
        },
      }),
    },
    duplicates: { type: 'integer', description: 'Hits left out as the same article or the same text as one packed.' },
    omitted: { type: 'integer', description: 'Articles of the top N that did not fit whole.' },
    text: { type: 'string', description: 'The pack as one plain text for a prompt: [rank] citation（version date, validity）, the text, cited provisions indented.' },
    degraded: nullable('string'), degradedZh: nullable('string'),
  }),
};

/** Every refusal: a typed code and a message that says what to fix. */
export const ERROR_SCHEMA: Schema = obj({
  ok: { const: false },
  error: obj(
    {
      code: { type: 'string', description: 'A typed error code (electron/contract/errors.ts).' },
      message: { type: 'string', description: 'What to do about it, in English.' },
      messageZh: { type: 'string', description: 'The same message in Chinese.' },
      retryable: { const: true },
    },
    ['code', 'message'],
  ),
});
