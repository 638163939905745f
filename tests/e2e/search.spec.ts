/**
 * The search screen against a real server and the fixture corpus (tests/fixtures/corpus): a
 * lay question, a citation, the first-run import, and a damaged database. Each test has its own
 * data folder and server (see fixtures.ts).
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, waitForReady } from './fixtures';

async function openReady(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await waitForReady(page);
}

async function search(page: Page, query: string): Promise<void> {
  const input = page.getByTestId('search-input');
  await input.fill(query);
  await input.press('Enter');
  // The output belongs to this query once loading is over (results, no results, or an error).
  const output = page.getByTestId('search-output');
  await expect(output).toHaveAttribute('data-query', query.trim());
  await expect(output).toHaveAttribute('data-busy', 'false');
}

test('a lay question finds the Civil Code article on child support, highlighted', async ({ page, lexbone }, testInfo) => {
  await openReady(page, lexbone.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lexbone 法律检索');

  // `/` outside the box focuses it.
  await page.getByTestId('search-input').blur();
  await page.keyboard.press('/');
  await expect(page.getByTestId('search-input')).toBeFocused();

  await search(page, '离婚后孩子抚养费');

  // 第一千零八十五条: 离婚后，子女由一方直接抚养的，另一方应当负担部分或者全部抚养费 — shares
  // 离婚后 and 抚养费 with the question, so it must be among the results.
  const article = page
    .getByTestId('result')
    .filter({ has: page.getByTestId('result-citation').filter({ hasText: /民法典.*第一千零八十五条/ }) });
  await expect(article).toHaveCount(1);
  await expect(article.getByTestId('result-status')).toHaveText('现行有效');
  await expect(article.getByTestId('result-path')).toContainText('婚姻家庭编');
  const marks = article.locator('[data-testid="result-snippet"] mark');
  await expect(marks.first()).toBeVisible();
  const marked = (await marks.allTextContents()).join('');
  expect(marked).toMatch(/离婚|抚养/);

  await page.screenshot({ path: join(testInfo.project.outputDir, 'search-离婚后孩子抚养费.png'), fullPage: false });
});

test('a citation shows that article first', async ({ page, lexbone }) => {
  await openReady(page, lexbone.url);
  await search(page, '民法典第1085条');

  await expect(page.getByTestId('results')).toHaveAttribute('data-mode', 'citation');
  const first = page.getByTestId('result').first();
  await expect(first.getByTestId('result-citation')).toHaveText('《中华人民共和国民法典》第一千零八十五条');
  await expect(first.getByTestId('result-snippet')).toContainText('另一方应当负担部分或者全部抚养费');
  await expect(first).toContainText('引用定位');
});

test('the first run imports the corpus, then the search works', async ({ page, lexbone }) => {
  // The fixture corpus is small, so the import may be over before the page asks; either the
  // progress screen or the search box comes first, and the app must end up ready.
  await page.goto(lexbone.url);
  await expect(page.getByTestId('progress').or(page.getByTestId('search-input'))).toBeVisible({ timeout: 30_000 });
  await waitForReady(page);

  const status = await lexbone.call('status');
  expect(status.ok && status.value.state).toBe('ready');
  const stats = await lexbone.call('stats');
  expect(stats.ok && stats.value.articles.total).toBeGreaterThan(0);

  // Two versions of the law are in the corpus; a citation means the one in force.
  await search(page, '劳动合同法第三十九条');
  const first = page.getByTestId('result').first();
  await expect(first.getByTestId('result-citation')).toHaveText('《中华人民共和国劳动合同法》第三十九条');
  await expect(first.getByTestId('result-status')).toHaveText('现行有效');
});

test('while importing, the progress bar shows phase, counts and time left', async ({ page, lexbone }) => {
  // The status polls are answered with an import in progress, one step at a time (the test moves
  // to the next step), then by the real server: this checks the progress screen and that the app
  // keeps polling until the library is ready.
  const steps = [
    { phase: 'reading', done: 0, total: 400, etaMs: null },
    { phase: 'indexing', done: 120, total: 400, etaMs: 42_000 },
  ];
  let step = 0;
  let polls = 0;
  await page.route('**/api/v1/status', async (route) => {
    polls++;
    const progress = steps[step];
    if (!progress) return route.continue();
    await route.fulfill({ json: { ok: true, value: { state: 'importing', progress, error: null, lastImport: null } } });
  });

  await page.goto(lexbone.url);
  const panel = page.getByTestId('progress');
  const bar = panel.getByRole('progressbar');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('progress-phase')).toHaveText('读取文件');
  await expect(panel.getByTestId('progress-counts')).toHaveText('0 / 400');
  await expect(panel.getByTestId('progress-eta')).toHaveText('正在估算剩余时间…');

  step = 1;
  await expect(panel.getByTestId('progress-counts')).toHaveText('120 / 400');
  await expect(panel.getByTestId('progress-phase')).toHaveText('建立索引');
  await expect(panel.getByTestId('progress-eta')).toHaveText('预计剩余 约 42 秒');
  await expect(bar).toHaveAttribute('value', '120');
  await expect(bar).toHaveAttribute('max', '400');

  step = 2;
  await waitForReady(page);
  await expect(panel).toHaveCount(0);
  expect(polls).toBeGreaterThan(2);
});

test('a failed search shows the error message, and an unmatched query says so', async ({ page, lexbone }) => {
  await openReady(page, lexbone.url);

  await search(page, 'xyzzyplugh');
  await expect(page.getByTestId('no-results')).toContainText('xyzzyplugh');

  await page.route('**/api/v1/search', (route) =>
    route.fulfill({ json: { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong inside Lexbone: disk full' } } }),
  );
  await search(page, '抚养费');
  await expect(page.getByTestId('error')).toContainText('disk full');
  await expect(page.getByTestId('error')).toHaveAttribute('data-code', 'INTERNAL');
});

test.describe('with a damaged database', () => {
  test.use({ corruptDb: true });

  test('the error screen names the database instead of a blank page', async ({ page, lexbone }) => {
    await page.goto(lexbone.url);
    const error = page.getByTestId('error');
    await expect(error).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('app')).toHaveAttribute('data-state', 'error');
    await expect(error.getByRole('heading')).toHaveText('数据库无法打开');
    await expect(error.getByTestId('error-message')).toContainText(/database/i);
    await expect(error.getByTestId('error-message')).toContainText(lexbone.dbPath);
    await expect(error).toHaveAttribute('data-code', /^DB_/);
    await expect(page.getByTestId('search-input')).toHaveCount(0);
  });
});
