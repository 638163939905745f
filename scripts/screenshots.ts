/**
 * Takes the README's screenshots of the main screens against the real bundled statutes and the
 * built-in models, in a throwaway data folder:
 *   npx electron-vite build && npx tsx scripts/screenshots.ts [--out docs/screenshots]
 * Starts the web service, captures the first-run screen while the import runs, waits for the
 * index, then visits each page in Chinese (and the search in English). Needs /usr/bin/chromium
 * (or CHROMIUM_PATH) and a CJK font.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'docs/screenshots' } } });
const outDir = resolve(values.out);
mkdirSync(outDir, { recursive: true });
const dataDir = mkdtempSync(join(tmpdir(), 'lexbone-shots-'));

const server = spawn(process.execPath, ['--import', 'tsx', 'electron/server/main.ts', '--port', '0', '--db', join(dataDir, 'lexbone.db'), '--static', 'out/renderer'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise<string>((ok, fail) => {
  let out = '';
  server.stdout.setEncoding('utf8').on('data', (c: string) => {
    out += c;
    const m = /Lexbone listening on (\S+)/.exec(out);
    if (m) ok(m[1]!);
  });
  server.once('exit', (code) => fail(new Error(`the server exited with ${code}`)));
});

async function call<T>(method: string, body: unknown = {}): Promise<T> {
  const res = await fetch(`${url}/api/v1/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!json.ok) throw new Error(`${method}: ${json.error?.message}`);
  return json.value;
}

async function until(what: string, test: () => Promise<boolean>, timeoutMs = 180_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN', deviceScaleFactor: 1 });
const page = await context.newPage();
const shot = async (p: Page, name: string) => {
  await p.waitForTimeout(300);
  await p.screenshot({ path: join(outDir, `${name}.png`) });
  process.stderr.write(`screenshot: ${name}.png\n`);
};

try {
  // First run: the import is under way as soon as the service listens.
  await page.goto(url);
  await page.getByTestId('progress').waitFor({ timeout: 20_000 }).then(() => shot(page, 'first-run'), () => process.stderr.write('first run was over before the page showed it\n'));
  await until('the import', async () => (await call<{ state: string }>('status')).state === 'ready');
  await until('the vector index', async () => {
    const m = await call<{ index: { state: string } | null; indexing: unknown }>('models');
    return m.index?.state === 'ready' && !m.indexing;
  });

  // Let the header's "index ready" note fade before the first picture.
  await page.waitForTimeout(7_000);
  await page.goto(`${url}/#/search?q=${encodeURIComponent('公司拖欠工资，员工可以解除劳动合同吗')}&preset=standard`);
  await page.getByTestId('result').first().waitFor();
  await shot(page, 'search');
  // A lawyer's crime name: the glossary's direct-hit card above the results.
  await page.goto(`${url}/#/search?q=${encodeURIComponent('侵占罪')}&preset=standard`);
  await page.getByTestId('result').first().waitFor();
  await shot(page, 'search-glossary');

  const hit = await call<{ hits: { articleId: number }[] }>('search', { query: '违约金过高', limit: 1 });
  const cited = await call<{ articleId: number }>('article', { citation: '劳动合同法第三十九条' });
  await page.goto(`${url}/#/article/${cited.articleId}`);
  await page.waitForLoadState('networkidle');
  await shot(page, 'article');

  const company = await call<{ articleId: number }>('article', { citation: '公司法第五十九条' }); // 2018 第三十七条: renumbered and amended
  await page.goto(`${url}/#/article/${company.articleId}`);
  await page.getByTestId('compare-toggle').click();
  await page.getByTestId('compare').waitFor();
  await shot(page, 'article-compare');

  await page.goto(`${url}/#/research`);
  await page.getByTestId('research-input').fill('用人单位违法解除劳动合同，劳动者可以要求哪些赔偿');
  await page.getByTestId('research-start').click();
  await page.locator('[data-testid="research-output"][data-state="done"]').waitFor({ timeout: 60_000 });
  await shot(page, 'research');

  const folder = await call<{ id: number }>('createFolder', { name: '违约金调整（某建材买卖合同纠纷）' });
  await call('pinArticle', { folderId: folder.id, articleId: hit.hits[0]!.articleId, note: '约定违约金过分高于损失的，可请求人民法院适当减少。' });
  await call('pinArticle', { folderId: folder.id, articleId: cited.articleId, note: '对照：用人单位单方解除的法定情形。' });
  await call('recordFolderQuery', { folderId: folder.id, text: '违约金过高' });
  await page.goto(`${url}/#/folders`);
  await page.getByTestId('folder-item').first().click();
  await page.getByTestId('folder-view').waitFor();
  await page.waitForLoadState('networkidle');
  await shot(page, 'folders');

  await page.goto(`${url}/#/models`);
  await page.waitForLoadState('networkidle');
  await shot(page, 'models');

  await page.goto(`${url}/#/eval`);
  await page.waitForLoadState('networkidle');
  await shot(page, 'evaluation');

  await page.evaluate(() => localStorage.setItem('lexbone.lang', 'en'));
  // Let the header's "index ready" note fade before the first picture.
  await page.waitForTimeout(7_000);
  await page.goto(`${url}/#/search?q=${encodeURIComponent('离婚后孩子抚养费')}`);
  await page.reload();
  await page.getByTestId('result').first().waitFor();
  await shot(page, 'search-en');
} finally {
  await browser.close();
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
