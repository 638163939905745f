import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ErrorCode, McpError, type Progress } from '@modelcontextprotocol/sdk/types.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InferenceClient } from '../../../electron/backbone/inference/client';
import { forkNodeHost } from '../../../electron/backbone/inference/node-host-channel';
import { Library } from '../../../electron/backbone/library';
import { ModelRuntime } from '../../../electron/backbone/runtime/model-runtime';
import { INFERENCE_HOST } from '../../helpers/fixture-runtime';
import { ROOT } from '../../helpers/run-cli';
import { BUNDLED_CORPUS, FIXTURE_CORPUS, useTempDirs } from '../../helpers/temp';
import {
  alive, badArguments, callHandled, expectBilingual, refusal, RUNS, SEED, thrown, TOOL_NAMES, toolExamples, waitFor, type ToolName,
} from './mcp-test-kit';

/**
 * The stdio MCP server (`npm run mcp`) as an assistant runs it: a child process started by the
 * SDK's own client over the bundled statutes, with the built-in models in their inference host.
 * Every tool, the article resources and the research-memo prompt with real content; bad tool
 * arguments (fast-check) answered with the contract's codes; stdout carrying only the protocol;
 * and closing the client ends the server and everything it started.
 */
const MODELS = join(ROOT, 'models');
const tempDir = useTempDirs('all');
let dir: string;
let db: string;
let client: Client;
let transport: StdioClientTransport;
let stderr = '';
/** What the transport could not parse on stdout, and any other transport error. */
const transportErrors: Error[] = [];
/** From the library: the most-cited current article and its citing provisions; a law with several versions. */
let mostCited: { id: number; citation: string; citing: number[] };
let versioned: { articleId: number; versions: number; superseded: number };

type Structured = Record<string, unknown>;
interface Hit { articleId: number; citation: string; versionDate: string | null; status: string; inForce: boolean; uri: string }

const call = async (name: string, args: Record<string, unknown>) => {
  const r = await client.callTool({ name, arguments: args });
  expect(r.isError, JSON.stringify(r).slice(0, 300)).toBeFalsy();
  return { text: (r.content as { type: string; text: string }[])[0]!.text, structured: r.structuredContent as Structured };
};

beforeAll(async () => {
  dir = tempDir();
  db = join(dir, 'lexbone.db');
  // The library as the desktop app leaves it: the bundled statutes imported and indexed with the
  // built-in embedder, so the server's searches are full (not lexical while an index builds).
  const lib = new Library(db);
  lib.import(BUNDLED_CORPUS);
  const host = new InferenceClient({ spawn: () => forkNodeHost(INFERENCE_HOST) });
  const runtime = new ModelRuntime(lib, host, { modelDirs: [MODELS] });
  await runtime.start();
  await runtime.idle();
  await runtime.close();
  await host.close();
  lib.close();

  const sql = new Database(db, { readonly: true });
  try {
    const top = sql.prepare(
      `SELECT r.to_article_id AS id, l.title || a.label AS citation, count(*) AS n
       FROM article_refs r JOIN articles a ON a.id = r.to_article_id JOIN laws l ON l.id = a.law_id
       WHERE l.status = 'current' GROUP BY r.to_article_id ORDER BY n DESC, r.to_article_id LIMIT 1`,
    ).get() as { id: number; citation: string; n: number };
    const citing = (sql.prepare('SELECT from_article_id AS id FROM article_refs WHERE to_article_id = ?').all(top.id) as { id: number }[]).map((r) => r.id);
    mostCited = { id: top.id, citation: top.citation, citing };
    // The Company Law: its 2023 revision and the 2018 text it superseded.
    const current = sql.prepare(
      `SELECT a.id, l.law_key FROM articles a JOIN laws l ON l.id = a.law_id
       WHERE l.title = '中华人民共和国公司法' AND l.status = 'current' AND a.label = '第一条'`,
    ).get() as { id: number; law_key: string };
    const counts = sql.prepare(`SELECT count(*) AS versions, sum(status = 'superseded') AS superseded FROM laws WHERE law_key = ?`).get(current.law_key) as {
      versions: number; superseded: number;
    };
    versioned = { articleId: current.id, ...counts };
  } finally {
    sql.close();
  }
  expect(mostCited.citing.length).toBeGreaterThan(5);
  expect(mostCited.citing.length).toBeLessThanOrEqual(50); // cited_by lists up to 50: all of them here
  expect(versioned.superseded).toBeGreaterThanOrEqual(1);

  transport = new StdioClientTransport({
    command: join(ROOT, 'node_modules', '.bin', 'tsx'),
    args: [join(ROOT, 'electron', 'mcp', 'stdio-main.ts'), '--db', db, '--models', MODELS],
    env: { ...process.env, LEXBONE_HOME: dir, LEXBONE_RESEARCH_BATCH_SIZE: '10' } as Record<string, string>,
    stderr: 'pipe',
  });
  transport.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  client = new Client({ name: 'vitest', version: '1.0.0' });
  client.onerror = (e) => transportErrors.push(e);
  await client.connect(transport);
}, 180_000);

afterAll(async () => {
  await client?.close();
});

describe('tools', () => {
  it('lists exactly the six tools, each described in Chinese and English, with an object input schema', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([...TOOL_NAMES].sort());
    for (const t of tools) {
      expectBilingual(t.description, t.name);
      expectBilingual(t.title, `${t.name} title`, 1);
      expect(t.inputSchema.type, t.name).toBe('object');
      expect(Object.keys(t.inputSchema.properties ?? {}).length, t.name).toBeGreaterThan(0);
    }
    const search = tools.find((t) => t.name === 'search_statutes')!;
    expect(search.inputSchema.required).toContain('query');
    // cited_by lists citing provisions: it takes no surrounding.
    expect(Object.keys(tools.find((t) => t.name === 'cited_by')!.inputSchema.properties!)).not.toContain('surrounding');
    expect(Object.keys(tools.find((t) => t.name === 'get_article')!.inputSchema.properties!)).toContain('surrounding');
  });

  it('search_statutes: 正当防卫 finds 刑法第二十条 in force, and every hit carries its citation, version date and validity', async () => {
    const { text, structured } = await call('search_statutes', { query: '正当防卫' });
    const hits = structured.hits as Hit[];
    expect(hits.length).toBeGreaterThan(0);
    // The index was built before the server started: a full search, not the lexical fallback.
    expect(structured.mode).not.toBe('lexical');
    expect(structured.degraded).toBeNull();
    const art20 = hits.find((h) => h.citation === '《中华人民共和国刑法》第二十条');
    expect(art20, hits.map((h) => h.citation).join(' ')).toBeDefined();
    expect(art20!.versionDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(art20!.inForce).toBe(true);
    for (const h of hits) {
      expect(h.citation).toMatch(/^《.+》第.+条/);
      expect(h.versionDate === null || /^\d{4}-\d{2}-\d{2}$/.test(h.versionDate), JSON.stringify(h)).toBe(true);
      expect(typeof h.inForce).toBe('boolean');
      expect(h.inForce).toBe(h.status === 'current');
      expect(h.uri).toBe(`lexbone://article/${h.articleId}`);
    }
    // The text the assistant reads says the same: citation, version date and validity.
    expect(text).toContain(`《中华人民共和国刑法》第二十条（${art20!.versionDate} 版本，现行有效）`);
  });

  it('get_article: 刑法第二十条 whole, with 第十九条 before it and 第二十一条 after it', async () => {
    const { text, structured } = await call('get_article', { citation: '刑法第二十条', surrounding: 1 });
    expect(structured.citation).toBe('《中华人民共和国刑法》第二十条');
    expect(structured.inForce).toBe(true);
    expect(structured.versionDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(structured.text).toContain('正当防卫');
    expect(text).toContain(structured.text as string);
    const around = structured.surrounding as { before: { citation: string; text: string }[]; after: { citation: string; text: string }[] };
    expect(around.before.map((p) => p.citation)).toEqual(['《中华人民共和国刑法》第十九条']);
    expect(around.after.map((p) => p.citation)).toEqual(['《中华人民共和国刑法》第二十一条']);
    expect(around.after[0]!.text).toContain('紧急避险');
    expect(text.indexOf('第十九条')).toBeLessThan(text.indexOf(structured.text as string));
    expect(text.indexOf('第二十一条')).toBeGreaterThan(text.indexOf(structured.text as string));
  });

  it("cited_by: the library's most-cited current article lists exactly the provisions that cite it, current versions first", async () => {
    const { text, structured } = await call('cited_by', { citation: mostCited.citation });
    expect(structured.articleId).toBe(mostCited.id);
    expect(structured.total).toBe(mostCited.citing.length);
    const provisions = structured.provisions as (Hit & { reference: string; snippet: string })[];
    expect(provisions.map((p) => p.articleId).sort((a, b) => a - b)).toEqual([...mostCited.citing].sort((a, b) => a - b));
    for (const p of provisions) {
      expect(p.citation).toMatch(/^《.+》第.+条/);
      expect(typeof p.inForce).toBe('boolean');
      expect(p.versionDate === null || /^\d{4}-\d{2}-\d{2}$/.test(p.versionDate)).toBe(true);
      // The words that cite it, inside the text shown around them.
      expect(p.reference.length).toBeGreaterThan(0);
      expect(p.snippet).toContain(p.reference);
    }
    const inForce = provisions.map((p) => p.inForce);
    expect(inForce).toEqual([...inForce].sort((a, b) => Number(b) - Number(a)));
    expect(text).toContain(`被 ${mostCited.citing.length} 条引用`);
    // Its get_article answer says so too.
    const article = await call('get_article', { id: mostCited.id });
    expect(article.structured.citedByTotal).toBe(mostCited.citing.length);
  });

  it('compare_versions: 公司法第一条 in every version of the law, the superseded ones marked, with the words the revision inserted', async () => {
    const { structured } = await call('compare_versions', { articleId: versioned.articleId });
    const versions = structured.versions as (Hit & { lawId: number; text: string | null })[];
    expect(versions.length).toBeGreaterThanOrEqual(2);
    expect(versions.length).toBe(versioned.versions);
    expect(versions.filter((v) => !v.inForce).length).toBe(versioned.superseded);
    expect(versions.filter((v) => v.inForce).length).toBe(1);
    for (const v of versions) expect(v.versionDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Oldest first, the version in force last.
    const dates = versions.map((v) => v.versionDate!);
    expect(dates).toEqual([...dates].sort());
    expect(versions.at(-1)!.inForce).toBe(true);
    const diffs = structured.diffs as { inserted: number; deleted: number; changes: { op: string; text: string }[] | null }[];
    expect(diffs.length).toBe(versions.length - 1);
    const inserted = diffs.flatMap((d) => d.changes ?? []).filter((c) => c.op === 'insert').map((c) => c.text).join('');
    // The 2023 revision added 职工 to the interests the law protects.
    expect(inserted).toContain('职工');
  });

  it('deep_research reports progress while it reranks and finds 刑法第一百三十三条之一 for 醉酒驾驶机动车', async () => {
    const progress: Progress[] = [];
    const r = await client.callTool({ name: 'deep_research', arguments: { query: '醉酒驾驶机动车' } }, undefined, { onprogress: (p) => progress.push(p) });
    expect(progress.length, JSON.stringify(progress)).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.progress).toBeGreaterThanOrEqual(progress[i - 1]!.progress);
    for (const p of progress) {
      expect(p.total).toBeGreaterThanOrEqual(p.progress);
      expect(typeof p.message).toBe('string');
    }
    const structured = r.structuredContent as { state: string; hits: Hit[]; related: Hit[] };
    expect(structured.state).toBe('done');
    const citations = structured.hits.map((h) => h.citation);
    expect(citations).toContain('《中华人民共和国刑法》第一百三十三条之一');
    for (const h of [...structured.hits, ...structured.related]) {
      expect(typeof h.inForce).toBe('boolean');
      expect(h.versionDate === null || /^\d{4}-\d{2}-\d{2}$/.test(h.versionDate)).toBe(true);
    }
  });

  it('context_pack: whole provisions within maxChars, the pack text and its structured form agreeing', async () => {
    const { text, structured } = await call('context_pack', { query: '正当防卫', maxChars: 1500 });
    const pack = structured as { text: string; chars: number; charBudget: number; articles: { citation: string; text: string; inForce: boolean; cites: { text: string }[] }[] };
    expect(text).toBe(pack.text);
    expect(text.length).toBeLessThanOrEqual(1500);
    expect(pack.charBudget).toBe(1500);
    expect(pack.chars).toBe(text.length);
    expect(pack.articles.length).toBeGreaterThan(0);
    for (const a of pack.articles) {
      expect(text, a.citation).toContain(a.text);
      expect(text).toContain(a.citation);
      expect(typeof a.inForce).toBe('boolean');
      for (const c of a.cites) expect(text).toContain(c.text);
    }
    expect(pack.articles.map((a) => a.citation)).toContain('《中华人民共和国刑法》第二十条');
  });
});

describe('resources', () => {
  it('offers the article template and reads the article a search hit names; a bad URI is NOT_FOUND', async () => {
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toContain('lexbone://article/{articleId}');
    expect((await client.listResources()).resources).toEqual([]);

    const { structured } = await call('search_statutes', { query: '正当防卫', limit: 5 });
    const hit = (structured.hits as Hit[]).find((h) => h.citation === '《中华人民共和国刑法》第二十条')!;
    const article = await call('get_article', { id: hit.articleId });
    const read = await client.readResource({ uri: hit.uri });
    expect(read.contents).toHaveLength(1);
    expect(read.contents[0]!.uri).toBe(hit.uri);
    const body = (read.contents[0] as { text: string }).text;
    expect(body).toContain(article.structured.text as string);
    expect(body).toContain('《中华人民共和国刑法》第二十条');

    expect((await refusal(client.readResource({ uri: 'lexbone://law/1' }))).code).toBe('NOT_FOUND');
    expect((await refusal(client.readResource({ uri: 'https://example.com/article/1' }))).code).toBe('NOT_FOUND');
    // A well-formed URI of an article the library does not hold: the article method's own refusal.
    expect((await refusal(client.readResource({ uri: 'lexbone://article/999999999' }))).code).toBe('NOT_FOUND');
    expect((await refusal(client.readResource({ uri: 'lexbone://article/0' }))).code).toBe('NOT_FOUND');
  });
});

describe('prompts', () => {
  it('research_memo puts the question (and the date) in its message; without a question it is INVALID_REQUEST', async () => {
    const { prompts } = await client.listPrompts();
    const memo = prompts.find((p) => p.name === 'research_memo');
    expect(memo).toBeDefined();
    expect(memo!.arguments?.find((a) => a.name === 'question')?.required).toBe(true);
    expectBilingual(memo!.description, 'research_memo');

    const question = '员工醉酒驾驶公司车辆致人重伤，公司是否承担赔偿责任？';
    const got = await client.getPrompt({ name: 'research_memo', arguments: { question, as_of: '2020-06-01' } });
    expect(got.messages).toHaveLength(1);
    const message = got.messages[0]!;
    expect(message.role).toBe('user');
    const text = (message.content as { type: string; text: string }).text;
    expect(text).toContain(question);
    expect(text).toContain('2020-06-01');

    expect((await refusal(client.getPrompt({ name: 'research_memo' }))).code).toBe('INVALID_REQUEST');
    expect((await refusal(client.getPrompt({ name: 'research_memo', arguments: { question: '   ' } }))).code).toBe('INVALID_REQUEST');
    expect((await refusal(client.getPrompt({ name: 'no_such_prompt', arguments: { question } }))).code).toBe('NOT_FOUND');
  });
});

describe('bad input', () => {
  it('an unknown tool is UNKNOWN_TOOL, naming the tools there are', async () => {
    const { code, message } = await refusal(client.callTool({ name: 'delete_statutes', arguments: {} }));
    expect(code).toBe('UNKNOWN_TOOL');
    expect(message).toContain('delete_statutes');
    expect(message).toContain('search_statutes');
  });

  it('well-formed arguments that name nothing: the contract\'s not-found codes, in English and Chinese', async () => {
    const refused = async (name: ToolName, args: Record<string, unknown>) => (await refusal(client.callTool({ name, arguments: args }))).code;
    expect(await refused('get_article', { citation: '刑法第九千条' })).toBe('ARTICLE_NOT_FOUND');
    expect(await refused('get_article', { id: 999_999_999 })).toBe('NOT_FOUND');
    expect(await refused('cited_by', { citation: '不存在的法第一条' })).toBe('LAW_NOT_FOUND');
    expect(await refused('compare_versions', { articleId: 999_999_999 })).toBe('NOT_FOUND');
    expect(await refused('compare_versions', { articleId: versioned.articleId, from: 999_999, to: 999_998 })).toBe('COMPARE_VERSIONS_INVALID');
    for (const name of ['search_statutes', 'deep_research', 'context_pack'] as const) {
      expect(await refused(name, { query: '正当防卫', law: '不存在的法' }), name).toBe('LAW_NOT_FOUND');
    }
  });

  it('arguments that are not an object are refused by the SDK before Lexbone reads them, and the server goes on', async () => {
    for (const args of ['刑法第二十条', [1, 2], null, 42]) {
      // The protocol's own schema (arguments: an object) refuses these: invalid params (-32602)
      // without a contract code (it is not a tool's input), never an internal error or a crash.
      const e = await thrown(client.callTool({ name: 'search_statutes', arguments: args as never }));
      expect(e).toBeInstanceOf(McpError);
      expect((e as McpError).code).toBe(ErrorCode.InvalidParams);
      expect(e.message).toMatch(/arguments/);
    }
    expect(((await call('search_statutes', { query: '正当防卫' })).structured.hits as Hit[]).length).toBeGreaterThan(0);
  });

  it('every tool under bad arguments (fast-check): an answer or a contract error, never INTERNAL; the server answers after', async () => {
    const examples = toolExamples(versioned.articleId);
    for (const name of TOOL_NAMES) {
      const seen = new Set<string>();
      // deep_research starts a real run for each call that stays valid: fewer of them.
      const numRuns = name === 'deep_research' ? Math.ceil(RUNS / 2) : RUNS;
      await fc.assert(
        fc.asyncProperty(badArguments(examples[name]), async (args) => {
          const code = await callHandled(client, name, args);
          seen.add(code ?? 'answered');
        }),
        { seed: SEED, numRuns, endOnFailure: true },
      );
      // Every tool met at least one argument it refuses.
      expect([...seen], name).toContain('INVALID_REQUEST');
    }
    const { structured } = await call('search_statutes', { query: '正当防卫' });
    expect((structured.hits as Hit[]).length).toBeGreaterThan(0);
  }, 120_000);
});

describe('the process', () => {
  it('writes only the protocol to stdout and says on stderr that it serves', () => {
    // The transport reports anything on stdout that is not a JSON-RPC message.
    expect(transportErrors.map((e) => e.message)).toEqual([]);
    expect(stderr).toMatch(/Lexbone MCP server on stdio \(library .*lexbone\.db\)/);
  });

  it('records the connected assistant, and closing the client ends the server, its inference host and the record', async () => {
    const wrapperPid = transport.pid!;
    expect(alive(wrapperPid)).toBe(true);
    // The server process (tsx runs it as a child of the wrapper) records the connection by its pid.
    const assistants = join(dir, 'assistants');
    const file = readdirSync(assistants).find((n) => /^stdio-\d+\.json$/.test(n));
    expect(file, readdirSync(assistants).join(' ')).toBeDefined();
    const record = JSON.parse(readFileSync(join(assistants, file!), 'utf8')) as { client: string; clientVersion: string; transport: string; pid: number };
    expect(record).toMatchObject({ client: 'vitest', clientVersion: '1.0.0', transport: 'stdio', app: null });
    const serverPid = record.pid;
    expect(alive(serverPid)).toBe(true);
    const children = childrenOf(serverPid);
    if (existsSync('/proc')) expect(children.length).toBeGreaterThan(0); // the inference host

    await client.close();
    await waitFor(() => ![wrapperPid, serverPid, ...children].some(alive), 'the server and its children exit', 10_000);
    // A graceful shutdown: the server removed its connection record on the way out.
    expect(existsSync(join(assistants, file!))).toBe(false);
  });
});

describe('a first run', () => {
  it('over an empty library the server imports the statutes itself, the first call waits for it, and stdout stays the protocol\'s', async () => {
    const fresh = tempDir();
    const errors: Error[] = [];
    const t = new StdioClientTransport({
      command: join(ROOT, 'node_modules', '.bin', 'tsx'),
      args: [join(ROOT, 'electron', 'mcp', 'stdio-main.ts'), '--db', join(fresh, 'lexbone.db'), '--corpus', FIXTURE_CORPUS, '--no-models'],
      env: { ...process.env, LEXBONE_HOME: fresh } as Record<string, string>,
      stderr: 'pipe',
    });
    const c = new Client({ name: 'vitest-first-run', version: '1.0.0' });
    c.onerror = (e) => errors.push(e);
    await c.connect(t);
    try {
      // Asked at once: the import (in a worker, whose output must not reach stdout) is still running.
      const article = await c.callTool({ name: 'get_article', arguments: { citation: '刑法第二百六十四条' } });
      expect((article.structuredContent as Structured).citation).toBe('《中华人民共和国刑法》第二百六十四条');
      const search = await c.callTool({ name: 'search_statutes', arguments: { query: '盗窃' } });
      const structured = search.structuredContent as { mode: string; hits: Hit[] };
      expect(structured.mode).toBe('lexical'); // --no-models
      expect(structured.hits.map((h) => h.citation)).toContain('《中华人民共和国刑法》第二百六十四条');
    } finally {
      await c.close();
    }
    expect(errors.map((e) => e.message)).toEqual([]);
  });
});

/** The child processes of `pid` (Linux /proc; none elsewhere). */
function childrenOf(pid: number): number[] {
  if (!existsSync('/proc')) return [];
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(name));
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}
