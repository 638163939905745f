/**
 * What the MCP integration tests share (mcp-stdio.test.ts, mcp-http.test.ts): the six tools with a
 * valid example call each, bad tool arguments for fast-check, and the check that a refused call is
 * an McpError carrying a contract error (its wire shape in `data`), never INTERNAL.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import fc from 'fast-check';
import { expect } from 'vitest';
import { ERROR_CODES } from '../../../electron/contract/errors';

export const TOOL_NAMES = ['search_statutes', 'get_article', 'cited_by', 'compare_versions', 'deep_research', 'context_pack'] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

/** A valid call of each tool (compare_versions: the article id is the caller's, from the library). */
export const toolExamples = (compareArticleId: number): Record<ToolName, Record<string, unknown>> => ({
  search_statutes: { query: '正当防卫', limit: 5, preset: 'quick' },
  get_article: { citation: '刑法第二十条', surrounding: 1 },
  cited_by: { citation: '民法典第五百一十条' },
  compare_versions: { articleId: compareArticleId },
  // A small budget: a fuzzed call that stays valid starts a real run.
  deep_research: { query: '醉酒驾驶', k: 20, n: 5 },
  context_pack: { query: '正当防卫', maxChars: 1500, articles: 3 },
});

/** Replay or widen the property runs as the other property tests do. */
export const SEED = Number(process.env.LEXBONE_PROPERTY_SEED ?? 7);
export const RUNS = Number(process.env.LEXBONE_PROPERTY_RUNS ?? 30);

const CODES = new Set<string>(ERROR_CODES);

/** The contract error an MCP call was refused with: checks its shape, answers its code and English message. */
export function contractError(e: unknown): { code: string; message: string; error: McpError } {
  expect(e, String(e)).toBeInstanceOf(McpError);
  const error = e as McpError;
  const data = error.data as { code?: unknown; message?: unknown; messageZh?: unknown } | undefined;
  expect(typeof data?.code, `${error.message}: no contract code in data`).toBe('string');
  const code = data!.code as string;
  expect(CODES, error.message).toContain(code);
  expect(code, error.message).not.toBe('INTERNAL');
  expect(error.code, error.message).not.toBe(ErrorCode.InternalError);
  expect(typeof data!.message).toBe('string');
  expect((data!.message as string).length).toBeGreaterThan(5);
  expect(typeof data!.messageZh).toBe('string');
  // The assistant reads the message: the code is in front of it.
  expect(error.message).toContain(`${code}: `);
  return { code, message: data!.message as string, error };
}

/** Awaits a call that must be refused and answers its contract error. */
export async function refusal(call: Promise<unknown>): Promise<ReturnType<typeof contractError>> {
  try {
    await call;
  } catch (e) {
    return contractError(e);
  }
  throw new Error('the call should have been refused');
}

/** Awaits a call that must fail below MCP (an HTTP refusal: no JSON-RPC answer to turn into an McpError). */
export async function thrown(call: Promise<unknown>): Promise<Error> {
  try {
    await call;
  } catch (e) {
    return e as Error;
  }
  throw new Error('the call should have failed');
}

/** Any JSON value (what a client can send), including huge and odd strings. */
const wrongValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ maxLength: 20 }),
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-1, 0, 1.5, 2 ** 31, 2 ** 53, 1e308, -1e308, '', ' ', '\u0000', '\ud800', 'x'.repeat(5000), '刑'.repeat(100_000), '1', 'true', '__proto__', [], {}, null, true),
);

/** Tool arguments: any JSON object, or the example with one field wrong, one missing, or one unknown field added. */
export function badArguments(example: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(example);
  return fc.oneof(
    fc.dictionary(fc.string({ maxLength: 12 }), wrongValue, { maxKeys: 5 }),
    fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), wrongValue).map(([k, v]) => ({ ...example, [k]: v })),
    fc.tuple(fc.constantFrom(...keys), wrongValue).map(([k, v]) => ({ ...example, [k]: v })),
    fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(example).filter(([key]) => key !== k))),
  );
}

/** One tool call with any arguments: an answer with text, or a contract error; answers the code (null: answered). */
export async function callHandled(client: Client, name: string, args: Record<string, unknown>): Promise<string | null> {
  let result: Awaited<ReturnType<Client['callTool']>>;
  try {
    result = await client.callTool({ name, arguments: args });
  } catch (e) {
    return contractError(e).code;
  }
  expect(result.isError, JSON.stringify(result).slice(0, 300)).toBeFalsy();
  const content = result.content as { type: string; text: string }[];
  expect(content[0]?.type).toBe('text');
  expect(content[0]!.text.length).toBeGreaterThan(0);
  expect(typeof result.structuredContent).toBe('object');
  return null;
}

/** A text in both languages: Han characters and English words (a sentence of them, or a title's few). */
export function expectBilingual(text: string | undefined, what: string, englishWords = 3): void {
  expect(text, what).toMatch(/\p{Script=Han}{2,}/u);
  expect(text, what).toMatch(new RegExp(`\\b[A-Za-z]{3,}(?:\\s+[A-Za-z]{2,}){${englishWords - 1}}\\b`));
}

/** Polls until `check` holds (no fixed sleeps), failing with `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Whether a process is alive. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
