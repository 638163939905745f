/** The MCP prompt: a research memo that cites each provision with its version and validity. */
import type { GetPromptResult, Prompt } from '@modelcontextprotocol/sdk/types.js';

export const MEMO_PROMPT: Prompt = {
  name: 'research_memo',
  title: 'Research memo / 法律检索备忘录',
  description:
    'A research memo on a legal question that cites each provision with its law version and whether it is in force. ' +
    '就一个法律问题撰写检索备忘录，每条法条都注明版本日期和效力。',
  arguments: [
    { name: 'question', description: 'The legal question or facts / 法律问题或案情', required: true },
    { name: 'as_of', description: 'Optional date (YYYY-MM-DD) the facts happened: apply the law as it stood then / 可选：事实发生日期', required: false },
  ],
};

export function memoPrompt(args: Record<string, string | undefined>): GetPromptResult {
  const question = (args.question ?? '').trim();
  const asOf = args.as_of?.trim();
  const when = asOf
    ? `The facts happened on ${asOf}: search with asOf "${asOf}" and say where the law in force today differs (compare_versions). 事实发生于 ${asOf}：检索时设 asOf，并说明与现行法的差异。`
    : 'Apply the law in force today. 适用现行有效的法律。';
  const text = [
    `Write a legal research memo on this question / 就以下问题撰写法律检索备忘录：\n${question}`,
    '',
    'Method / 方法:',
    '1. Search with search_statutes (terms of art, crime names, the facts in plain words); use deep_research for a thorough search. 用 search_statutes 检索，需要全面检索时用 deep_research。',
    '2. Read every provision you rely on in full with get_article (surrounding: 1 where the neighbouring provisions matter); check cited_by for interpretations that apply it. 依据的每一条都用 get_article 读全文，并用 cited_by 查找适用它的司法解释。',
    `3. ${when}`,
    '',
    'Cite each provision exactly as the tools give it: 《Law》第X条, its version date, and whether that version is in force (say so plainly when it is superseded). Quote only text the tools returned; never cite from memory. ' +
      '每条法条按工具给出的方式引用：《法律名称》第X条、版本日期、是否现行有效（历史版本须明确说明）。只引用工具返回的原文，不凭记忆引用。',
    '',
    'Structure / 结构: 问题 Question · 简要结论 Short answer · 适用法条 Applicable provisions (citation, version date, validity, quoted text) · 分析 Analysis · 待核实事项 Open points.',
  ].join('\n');
  return { description: MEMO_PROMPT.description, messages: [{ role: 'user', content: { type: 'text', text } }] };
}
