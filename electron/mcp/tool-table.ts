/**
 * The MCP tools: each one a contract method (its input schema is the method's request schema, its
 * access the method's scope), with a description in English and Chinese for the assistant. No
 * request shape is written twice: `requestObjectSchema` derives it from the contract's zod schema.
 */
import type { ApiMethod } from '../contract/methods';
import { requestObjectSchema, type JsonSchema } from '../contract/json-schema';

export const TOOL_NAMES = ['search_statutes', 'get_article', 'cited_by', 'compare_versions', 'deep_research', 'context_pack'] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

export interface ToolSpec {
  name: ToolName;
  /** The contract method the tool calls (deep_research: starts a run, then follows it). */
  method: ApiMethod;
  title: string;
  description: string;
  /** Request fields the tool does not use (left out of its input schema). */
  omit?: string[];
}

const VALIDITY_NOTE =
  'Every provision comes with its citation, the date of its law version and whether that version is in force: quote them as given. ' +
  '每条结果都带有引用名称、法律版本日期和该版本是否现行有效，请照此引用。';

export const TOOLS: readonly ToolSpec[] = [
  {
    name: 'search_statutes',
    method: 'search',
    title: 'Search statutes / 检索法条',
    description:
      'Search Chinese laws, regulations and judicial interpretations (offline, the firm\'s own library) with a question, keywords, a crime or doctrine name, or a citation such as 刑法第二十条. ' +
      'Retrieval budget: preset quick | standard | research, or k candidates reranked to n. Filters: category, law (title or id), includeSuperseded, asOf (YYYY-MM-DD: the law as it stood then). ' +
      '用问题、关键词、罪名、法理名称或条文引用（如“刑法第二十条”）检索中国法律、法规和司法解释（离线）。可选检索预算（preset 或 k→n）、类别、法律、是否包括历史版本、时点（asOf）。 ' +
      VALIDITY_NOTE,
  },
  {
    name: 'get_article',
    method: 'article',
    title: 'Read an article / 读取条文',
    description:
      'One article, whole: by citation as lawyers write it (刑法第二十条, 《中华人民共和国民法典》第一千零七十九条, 民法典第585条) or by the articleId a search gave. ' +
      'surrounding: 1–5 adds the provisions just before and after it. ' +
      '按引用（如“刑法第二十条”）或检索结果的 articleId 读取条文全文；surrounding 为 1–5 时附上前后相邻条文。 ' +
      VALIDITY_NOTE,
  },
  {
    name: 'cited_by',
    method: 'article',
    title: 'Provisions citing an article / 引用该条的条文',
    description:
      'The provisions whose text cites this article (by citation or articleId), current versions first, with the words that cite it. ' +
      '列出正文中引用该条的条文（现行版本在前），并给出引用原文。',
    omit: ['surrounding'],
  },
  {
    name: 'compare_versions',
    method: 'compareArticle',
    title: 'Compare an article across versions / 比较条文各版本',
    description:
      'The same article in every dated version of its law (revisions renumber: matched by number or text), with what was inserted and deleted between versions. ' +
      'articleId from search_statutes or get_article; from and to (two law version ids) pick one pair. ' +
      '同一条文在该法各个版本中的文本（条号变动时按内容匹配），以及版本间的增删。',
  },
  {
    name: 'deep_research',
    method: 'startResearch',
    title: 'Deep research / 深度检索',
    description:
      'Spends the research budget (many candidates, all reranked) on one question and reports progress while it reranks; answers the best provisions and the provisions one cross-reference away. Slower than search_statutes (seconds). ' +
      '以深度检索预算（大量候选全部重排）处理一个问题，重排时报告进度；返回最相关条文及其引用关联条文。比 search_statutes 慢（数秒）。 ' +
      VALIDITY_NOTE,
  },
  {
    name: 'context_pack',
    method: 'contextPack',
    title: 'Context pack for a prompt / 提示词法条包',
    description:
      'The best provisions for a question as one text for a prompt: whole provisions (never cut), deduplicated, each with citation and validity and the provisions it cites, within maxChars. ' +
      '为一个问题生成可直接放入提示词的法条包：条文完整不截断、去重，带引用、效力和所引条文，总长不超过 maxChars。',
  },
];

export const toolByName = (name: string): ToolSpec | undefined => TOOLS.find((t) => t.name === name);

/** The tool's input schema: its method's request schema, less the fields it does not use. */
export function toolInputSchema(tool: ToolSpec): JsonSchema {
  const schema = requestObjectSchema(tool.method);
  if (!tool.omit?.length) return schema;
  const properties = { ...(schema.properties as JsonSchema) };
  for (const f of tool.omit) delete properties[f];
  return { ...schema, properties };
}
