import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, McpError, type Progress } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssistantConnection } from '../../../electron/contract/assistant-types';
import { ROOT, runCli } from '../../helpers/run-cli';
import { startService, type Service } from '../../helpers/service-process';
import { BUNDLED_CORPUS, useTempDirs } from '../../helpers/temp';
import { contractError, expectBilingual, refusal, thrown, TOOL_NAMES, waitFor } from './mcp-test-kit';

/**
 * The MCP endpoint of the shared service (POST /mcp, Streamable HTTP) with the SDK's own client:
 * the real service as a child process over the bundled statutes with the built-in models, keys
 * required, applications made with the real `apps` command. Every tool answers a key with the
 * search scope; progress arrives as events; a key without the scope, no key, a wrong key and a
 * revoked key are refused; the calls reach the audit log; and the service's assistantConnection
 * method lists the connected client under its application.
 */
const MODELS = join(ROOT, 'models');
const tempDir = useTempDirs('all');
let dir: string;
let service: Service;
const keys: Record<'search' | 'feedback' | 'admin' | 'revoked', string> = { search: '', feedback: '', admin: '', revoked: '' };
const APP = { search: 'mcp-search', feedback: 'mcp-feedback', admin: 'mcp-admin', revoked: 'mcp-revoked' } as const;
const clients: Client[] = [];
let client: Client;

type Structured = Record<string, unknown>;
interface Hit { articleId: number; citation: string; versionDate: string | null; inForce: boolean }

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** An SDK client connected to the service's MCP endpoint with `key` (none: no Authorization header). */
async function connect(key: string | null, name = 'vitest-http'): Promise<Client> {
  const c = new Client({ name, version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(`${service.url}/mcp`), key ? { requestInit: { headers: bearer(key) } } : undefined);
  await c.connect(transport);
  clients.push(c);
  return c;
}

/** A contract method over plain HTTP with a key: its JSON answer. */
async function api<T>(method: string, body: unknown, key: string): Promise<{ status: number; json: { ok: boolean; value?: T; error?: { code: string; message: string } } }> {
  const res = await service.post(method, body, { headers: { 'content-type': 'application/json', ...bearer(key) } });
  return { status: res.status, json: await res.json() };
}

const call = async (c: Client, name: string, args: Record<string, unknown>) => {
  const r = await c.callTool({ name, arguments: args });
  expect(r.isError, JSON.stringify(r).slice(0, 300)).toBeFalsy();
  return { text: (r.content as { type: string; text: string }[])[0]!.text, structured: r.structuredContent as Structured };
};

const expectValidity = (h: Hit) => {
  expect(h.citation).toMatch(/^《.+》第.+条/);
  expect(h.versionDate === null || /^\d{4}-\d{2}-\d{2}$/.test(h.versionDate), JSON.stringify(h)).toBe(true);
  expect(typeof h.inForce).toBe('boolean');
};

beforeAll(async () => {
  dir = tempDir();
  const db = join(dir, 'lexbone.db');
  // The applications, as an administrator makes them: the registry beside the library (the service's default).
  for (const [role, scopes] of [['search', 'search'], ['feedback', 'feedback'], ['admin', 'admin'], ['revoked', 'search']] as const) {
    const r = runCli(['apps', 'create', APP[role], '--scopes', scopes, '--db', db, '--json']);
    expect(r.status, r.stderr).toBe(0);
    keys[role] = JSON.parse(r.stdout).key;
    expect(keys[role]).toMatch(/^lxb_/);
  }
  expect(existsSync(join(dir, 'apps.db'))).toBe(true);
  service = await startService(dir, {
    corpus: BUNDLED_CORPUS, args: ['--models', MODELS, '--require-keys'], env: { LEXBONE_RESEARCH_BATCH_SIZE: '10' },
  });
  // Ready: the bundled statutes imported on first run, the models loaded and the index built.
  await waitFor(async () => {
    const status = await api<{ state: string; error: unknown }>('status', {}, keys.admin);
    if (status.json.value?.state === 'error') throw new Error(`the service failed to start: ${JSON.stringify(status.json.value.error)}`);
    if (status.json.value?.state !== 'ready') return false;
    const m = (await api<{ index: { state: string } | null; indexing: unknown; inference?: { state: string } }>('models', {}, keys.admin)).json.value!;
    return m.index?.state === 'ready' && !m.indexing && m.inference?.state === 'ready';
  }, 'the service is ready with its index', 170_000);
  client = await connect(keys.search);
}, 240_000);

afterAll(async () => {
  for (const c of clients) await c.close().catch(() => undefined);
  await service?.stop();
});

describe('a key with the search scope', () => {
  it('lists the six tools', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([...TOOL_NAMES].sort());
    for (const t of tools) {
      expectBilingual(t.description, t.name);
      expect(t.inputSchema.type).toBe('object');
    }
  });

  it('calls every tool, each provision with its citation, version date and validity', async () => {
    const search = await call(client, 'search_statutes', { query: '正当防卫' });
    const hits = search.structured.hits as Hit[];
    hits.forEach(expectValidity);
    expect(hits.map((h) => h.citation)).toContain('《中华人民共和国刑法》第二十条');

    const article = await call(client, 'get_article', { citation: '刑法第二十条', surrounding: 1 });
    expect(article.structured).toMatchObject({ citation: '《中华人民共和国刑法》第二十条', inForce: true });
    expect(article.structured.text).toContain('正当防卫');

    const citedBy = await call(client, 'cited_by', { citation: '民法典第五百一十条' });
    expect(citedBy.structured.total).toBeGreaterThan(0);
    (citedBy.structured.provisions as Hit[]).forEach(expectValidity);

    const company = await call(client, 'get_article', { citation: '公司法第一条' });
    const compared = await call(client, 'compare_versions', { articleId: company.structured.articleId });
    const versions = compared.structured.versions as Hit[];
    expect(versions.length).toBeGreaterThanOrEqual(2);
    expect(versions.some((v) => !v.inForce)).toBe(true);
    for (const v of versions) expect(v.versionDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const pack = await call(client, 'context_pack', { query: '正当防卫', maxChars: 1500 });
    expect(pack.text.length).toBeLessThanOrEqual(1500);
    expect(pack.structured.chars).toBe(pack.text.length);
    for (const a of pack.structured.articles as (Hit & { text: string })[]) {
      expectValidity(a);
      expect(pack.text).toContain(a.text);
    }

    const read = await client.readResource({ uri: `lexbone://article/${article.structured.articleId}` });
    expect((read.contents[0] as { text: string }).text).toContain(article.structured.text as string);
  });

  it('deep_research: progress notifications arrive over HTTP while it reranks', async () => {
    const progress: Progress[] = [];
    const r = await client.callTool({ name: 'deep_research', arguments: { query: '醉酒驾驶机动车' } }, undefined, { onprogress: (p) => progress.push(p) });
    expect(progress.length, JSON.stringify(progress)).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.progress).toBeGreaterThanOrEqual(progress[i - 1]!.progress);
    const structured = r.structuredContent as { state: string; hits: Hit[] };
    expect(structured.state).toBe('done');
    structured.hits.forEach(expectValidity);
    expect(structured.hits.map((h) => h.citation)).toContain('《中华人民共和国刑法》第一百三十三条之一');
  });

  it('bad arguments get the contract\'s codes through the service\'s chain', async () => {
    const refused = async (name: string, args: Record<string, unknown>) => (await refusal(client.callTool({ name, arguments: args }))).code;
    expect(await refused('search_statutes', {})).toBe('INVALID_REQUEST');
    expect(await refused('search_statutes', { query: 'x'.repeat(5000) })).toBe('INVALID_REQUEST');
    expect(await refused('search_statutes', { query: '正当防卫', limit: 'ten' })).toBe('INVALID_REQUEST');
    expect(await refused('get_article', { citation: '刑法第二十条', color: 'red' })).toBe('INVALID_REQUEST');
    expect(await refused('get_article', { citation: '刑法第九千条' })).toBe('ARTICLE_NOT_FOUND');
    expect(await refused('compare_versions', { articleId: -1 })).toBe('INVALID_REQUEST');
    expect(await refused('deep_research', { query: '醉驾', k: 1_000_000 })).toBe('INVALID_REQUEST');
    expect(await refused('context_pack', { query: '正当防卫', maxChars: 10 })).toBe('INVALID_REQUEST');
    expect(await refused('delete_statutes', {})).toBe('UNKNOWN_TOOL');
    expect((await refusal(client.readResource({ uri: 'lexbone://law/1' }))).code).toBe('NOT_FOUND');
    expect((await refusal(client.getPrompt({ name: 'research_memo' }))).code).toBe('INVALID_REQUEST');
    // The service still answers.
    expect(((await call(client, 'search_statutes', { query: '正当防卫', limit: 3 })).structured.hits as Hit[]).length).toBe(3);
  });
});

describe('the endpoint itself', () => {
  const post = (body: string | ArrayBuffer, headers: Record<string, string> = {}) =>
    fetch(`${service.url}/mcp`, {
      method: 'POST', body, headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...bearer(keys.search), ...headers },
    });

  it('is stateless (GET and DELETE: 405), and answers a body that is not JSON, or too large, with a JSON-RPC error, never a 500', async () => {
    for (const method of ['GET', 'DELETE']) {
      const res = await fetch(`${service.url}/mcp`, { method, headers: bearer(keys.search) });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
    }
    const notJson = await post('{not json');
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { code: number } }).error.code).toBe(ErrorCode.ParseError);
    const notUtf8 = await post(new Uint8Array([0x7b, 0xff, 0x7d]).buffer);
    expect(notUtf8.status).toBe(400);
    expect(((await notUtf8.json()) as { error: { code: number } }).error.code).toBe(ErrorCode.ParseError);
    const notRpc = await post('{"hello":"world"}');
    expect(notRpc.status).toBe(400);

    // Over the service's body limit (1 MiB): the contract's PAYLOAD_TOO_LARGE in the error's data.
    const huge = await post(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'search_statutes', arguments: { query: 'x'.repeat(2 * 1024 * 1024) } } }));
    expect(huge.status).toBe(413);
    const error = ((await huge.json()) as { error: { code: number; message: string; data: unknown } }).error;
    expect(contractError(new McpError(error.code, error.message, error.data)).code).toBe('PAYLOAD_TOO_LARGE');

    // A lone POST needs no handshake (no session): a tool call answers as an event stream.
    const lone = await post(JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'get_article', arguments: { citation: '刑法第二十条' } } }));
    expect(lone.status).toBe(200);
    expect(await lone.text()).toContain('《中华人民共和国刑法》第二十条');
  });
});

describe('keys that may not search, and none', () => {
  it('a feedback-only key connects but is refused search_statutes with FORBIDDEN, naming the scope', async () => {
    const feedback = await connect(keys.feedback, 'vitest-feedback');
    expect((await feedback.listTools()).tools).toHaveLength(TOOL_NAMES.length);
    const { code, message, error } = await refusal(feedback.callTool({ name: 'search_statutes', arguments: { query: '正当防卫' } }));
    expect(code).toBe('FORBIDDEN');
    expect(error.code).toBe(ErrorCode.InvalidRequest);
    expect(message).toContain(APP.feedback);
    expect(message).toMatch(/needs the search scope/);
    expect((await refusal(feedback.callTool({ name: 'deep_research', arguments: { query: '醉驾' } }))).code).toBe('FORBIDDEN');
  });

  it('no key: the connection is refused with 401, and the endpoint says why', async () => {
    const e = await thrown(connect(null));
    expect(e.message).toMatch(/401|UNAUTHORIZED/);
    const res = await fetch(`${service.url}/mcp`, {
      method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const body = (await res.json()) as { error: { code: number; message: string; data: unknown } };
    // The JSON-RPC error carries the contract's error, as a refused tool call does.
    const { code } = contractError(new McpError(body.error.code, body.error.message, body.error.data));
    expect(code).toBe('UNAUTHORIZED');
  });

  it('a wrong key is refused; a revoked key is refused from its next call', async () => {
    expect((await thrown(connect(`lxb_${'0'.repeat(40)}`))).message).toMatch(/401|UNAUTHORIZED/);
    expect((await thrown(connect('not-a-key'))).message).toMatch(/401|UNAUTHORIZED/);

    const soon = await connect(keys.revoked, 'vitest-revoked');
    expect(((await call(soon, 'search_statutes', { query: '正当防卫', limit: 1 })).structured.hits as Hit[]).length).toBe(1);
    const r = runCli(['apps', 'revoke', APP.revoked, '--db', join(dir, 'lexbone.db')]);
    expect(r.status, r.stderr).toBe(0);
    expect((await thrown(soon.callTool({ name: 'search_statutes', arguments: { query: '正当防卫' } }))).message).toMatch(/401|UNAUTHORIZED/);
    expect((await thrown(connect(keys.revoked))).message).toMatch(/401|UNAUTHORIZED/);
  });
});

describe('what the service records', () => {
  it('the audit log has the tool calls as their contract methods, under the application, refusals included', async () => {
    const audit = join(dir, 'audit');
    type Line = { application: string; method: string; status: number; code: string | null };
    const lines = (): Line[] =>
      existsSync(audit)
        ? readdirSync(audit).filter((n) => n.endsWith('.jsonl')).flatMap((n) => readFileSync(join(audit, n), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Line))
        : [];
    const has = (want: Partial<Line>) => lines().some((l) => Object.entries(want).every(([k, v]) => l[k as keyof Line] === v));
    // The log is written in the background: wait for the lines, no fixed sleep.
    await waitFor(() => has({ application: APP.search, method: 'search', status: 200 }), 'a search line');
    await waitFor(() => has({ application: APP.search, method: 'startResearch', status: 200 }), 'a deep-research line');
    await waitFor(() => has({ application: APP.search, method: 'search', status: 400, code: 'INVALID_REQUEST' }), 'a refused search line');
    await waitFor(() => has({ application: APP.feedback, method: 'search', status: 403, code: 'FORBIDDEN' }), 'the feedback key\'s refusal');
  });

  it('assistantConnection (admin key, plain HTTP) lists the SDK client under its application, over http', async () => {
    const refused = await api('assistantConnection', {}, keys.search);
    expect(refused.status).toBe(403);
    expect(refused.json.error?.code).toBe('FORBIDDEN');

    const { status, json } = await api<AssistantConnection>('assistantConnection', {}, keys.admin);
    expect(status, JSON.stringify(json)).toBe(200);
    expect(json.value!.httpUrl).toBe(`${service.url}/mcp`);
    const mine = json.value!.connected.find((a) => a.app === APP.search);
    expect(mine, JSON.stringify(json.value!.connected)).toMatchObject({ client: 'vitest-http', clientVersion: '1.0.0', transport: 'http', app: APP.search });
    // Tool calls are counted (written at most once a second): wait for the count.
    await waitFor(async () => {
      const again = await api<AssistantConnection>('assistantConnection', {}, keys.admin);
      return (again.json.value!.connected.find((a) => a.app === APP.search)?.calls ?? 0) > 0;
    }, 'the tool calls counted', 5_000);
    expect(json.value!.connected.find((a) => a.app === APP.feedback)).toMatchObject({ client: 'vitest-feedback', transport: 'http' });
  });
});
