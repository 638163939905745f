/**
 * The "Connect an AI assistant" page (#/assistant) in Chromium over a real server: the stdio
 * configuration a desktop assistant takes (JSON that parses, naming this library's database) and
 * its Copy button, the HTTP endpoint's configuration or where it is served, the status line, the
 * polling that stops when the page is left; then an MCP client connecting over Streamable HTTP
 * shows up on the page.
 */
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Request } from '@playwright/test';
import { expect, test, waitForReady } from './fixtures';

const isConnectionCall = (r: Request) => r.url().endsWith('/api/v1/assistantConnection');

test('the stdio configuration parses, names the database and copies; the HTTP endpoint; no assistant connected', async ({ page, lexbone }, testInfo) => {
  const polls: string[] = [];
  page.on('request', (r) => {
    if (isConnectionCall(r)) polls.push(r.url());
  });
  await page.goto(`${lexbone.url}/#/assistant`);
  await waitForReady(page);
  const view = page.getByTestId('assistant-page');
  await expect(view.getByRole('heading', { level: 2, name: '连接 AI 助手' })).toBeVisible();
  await expect(page.getByTestId('nav-assistant')).toHaveAttribute('aria-current', 'page');

  // The block is the API's launch as a desktop assistant's config takes it.
  const answer = await lexbone.call('assistantConnection');
  if (!answer.ok) throw new Error(answer.error.message);
  const { stdio, httpUrl } = answer.value;
  const pre = view.getByTestId('assistant-stdio-config-json');
  await expect(pre).toBeVisible();
  const shown = await pre.innerText();
  const config = JSON.parse(shown) as { mcpServers: { lexbone: { command: string; args: string[]; env?: Record<string, string> } } };
  const server = config.mcpServers.lexbone;
  expect(server.command).toBe(stdio.command);
  expect(server.args).toEqual(stdio.args);
  expect(server.env).toEqual(stdio.env && Object.keys(stdio.env).length ? stdio.env : undefined);
  // It opens this library: --db followed by the server's database file.
  const db = server.args.indexOf('--db');
  expect(db).toBeGreaterThanOrEqual(0);
  expect(server.args[db + 1]).toBe(lexbone.dbPath);
  // Pretty-printed with two spaces, as pasted.
  expect(shown).toBe(JSON.stringify(config, null, 2));

  // Copy puts exactly that JSON on the clipboard, and says so.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: lexbone.url });
  await view.getByTestId('assistant-stdio-config-copy').click();
  await expect(view.getByTestId('assistant-stdio-config-copy')).toHaveText('已复制');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown);
  await expect(view.getByTestId('assistant-stdio-config-copy')).toHaveText('复制', { timeout: 5_000 });

  // Streamable HTTP: the endpoint's configuration with a key placeholder, or where the shared service serves it.
  const http = view.getByTestId('assistant-http');
  if (httpUrl) {
    const httpConfig = JSON.parse(await http.getByTestId('assistant-http-config-json').innerText());
    expect(httpConfig).toEqual({ mcpServers: { lexbone: { type: 'http', url: httpUrl, headers: { Authorization: 'Bearer <API key>' } } } });
    await expect(http.getByTestId('assistant-create-key')).toHaveText('npm run cli -- apps create <name> --scopes search');
  } else {
    await expect(http.getByTestId('assistant-http-none')).toContainText('npm run serve');
    await expect(http.getByTestId('assistant-http-none')).toContainText('http://127.0.0.1:4870/mcp');
  }

  const status = view.getByRole('status').filter({ has: page.getByTestId('assistant-none') });
  await expect(view.getByTestId('assistant-status')).toHaveAttribute('aria-live', 'polite');
  await expect(status).toHaveText('尚无助手连接');
  await page.screenshot({ path: join(testInfo.project.outputDir, 'assistant-zh.png'), fullPage: true });

  await page.getByTestId('lang-en').click();
  await expect(view.getByRole('heading', { level: 2, name: 'Connect an AI assistant' })).toBeVisible();
  await expect(view.getByTestId('assistant-status')).toHaveText('No assistant connected');
  await expect(view.getByTestId('assistant-stdio-config-json')).toHaveText(shown);

  // The page asks again while it is open (every 3 s)…
  const before = polls.length;
  await page.waitForRequest(isConnectionCall, { timeout: 10_000 });
  expect(polls.length).toBeGreaterThan(before);
  // …and stops when it is left. Showing that nothing more is asked takes a wait past one period.
  await page.getByTestId('nav-search').click();
  await expect(page.getByTestId('assistant-page')).toHaveCount(0);
  const left = polls.length;
  await page.waitForTimeout(4_000);
  expect(polls.length).toBe(left);
});

test('an MCP client over Streamable HTTP shows on the page', async ({ page, lexbone }) => {
  await page.goto(`${lexbone.url}/#/assistant`);
  await waitForReady(page);
  const status = page.getByTestId('assistant-status');
  await expect(status).toHaveText('尚无助手连接');

  const client = new Client({ name: 'e2e-assistant', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${lexbone.url}/mcp`)));
  try {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('search_statutes');
    const result = await client.callTool({ name: 'search_statutes', arguments: { query: '正当防卫' } });
    expect(result.isError ?? false).toBe(false);

    // The next poll (every 3 s) names it: one line, over HTTP, with its call counted.
    const line = status.getByTestId('assistant-connected').filter({ hasText: 'e2e-assistant' });
    await expect(line).toHaveCount(1, { timeout: 10_000 });
    await expect(line).toHaveAttribute('data-transport', 'http');
    await expect(line).toContainText('e2e-assistant 1.0.0 · HTTP');
    await expect(line).not.toHaveAttribute('data-calls', '0');
    await expect(status.getByTestId('assistant-none')).toHaveCount(0);
  } finally {
    await client.close();
  }
});
