/**
 * The search screen against a real server and the fixture corpus (tests/fixtures/corpus): a
 * lay question, a citation, filters (category, law, validity, as of a date), the budget selector,
 * score details, the keyboard, the URL, stale-request cancellation, first paint, the first-run
 * import, and a damaged database. Each test has its own data folder and server (see fixtures.ts).
 */
import { join } from 'node:path';
import type { Page, Request } from '@playwright/test';
import { Library } from '../../electron/backbone/library';
import type { EvaluationView } from '../../electron/contract/evaluation-types';
import { expect, searchFor, servedModels, test, waitForReady, type Lexbone } from './fixtures';

async function openReady(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await waitForReady(page);
}

const search = searchFor;

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

  // The citation is a link to the article page.
  const id = await article.getAttribute('data-article-id');
  await expect(article.getByTestId('result-citation')).toHaveAttribute('href', `#/article/${id}`);
  // The search is in the URL.
  expect(new URL(page.url()).hash).toBe(`#/search?q=${encodeURIComponent('离婚后孩子抚养费')}`);

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

  // A citation offers to open the article directly.
  const id = await first.getAttribute('data-article-id');
  const open = first.getByTestId('open-article');
  await expect(open).toHaveAttribute('href', `#/article/${id}`);
  await open.click();
  expect(new URL(page.url()).hash).toBe(`#/article/${id}`);

  // As lawyers also type it: no 第, a paragraph after the article, a short name of an interpretation.
  await page.goto(lexbone.url);
  await waitForReady(page);
  await search(page, '民法典1085条第一款');
  await expect(page.getByTestId('results')).toHaveAttribute('data-mode', 'citation');
  await expect(page.getByTestId('result').first().getByTestId('result-citation')).toHaveText('《中华人民共和国民法典》第一千零八十五条');
  await search(page, '婚姻家庭编解释一第55条');
  await expect(page.getByTestId('results')).toHaveAttribute('data-mode', 'citation');
  await expect(page.getByTestId('result').first().getByTestId('result-citation')).toContainText('婚姻家庭编的解释（一）》第五十五条');
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
    await expect(error.getByTestId('error-message')).toContainText('数据库');
    await expect(error.getByTestId('error-message')).toContainText(lexbone.dbPath);
    await expect(error).toHaveAttribute('data-code', /^DB_/);
    await expect(page.getByTestId('search-input')).toHaveCount(0);
  });
});

/** The results' citations and each result's law version, as shown. */
async function shown(page: Page): Promise<{ citation: string; status: string | null }[]> {
  const results = page.getByTestId('result');
  const out: { citation: string; status: string | null }[] = [];
  for (const r of await results.all()) {
    out.push({ citation: (await r.getByTestId('result-citation').innerText()).trim(), status: await r.getByTestId('result-status').getAttribute('data-status') });
  }
  return out;
}

async function waitForOutput(page: Page, query: string): Promise<void> {
  const output = page.getByTestId('search-output');
  await expect(output).toHaveAttribute('data-query', query);
  await expect(output).toHaveAttribute('data-busy', 'false');
}

test('category filter: only articles of that category, and the URL says so', async ({ page, lexbone }) => {
  await openReady(page, lexbone.url);
  await search(page, '劳动合同 犯罪 婚姻');
  const before = await shown(page);
  expect(before.some((r) => r.citation.includes('刑法'))).toBe(true);
  expect(before.some((r) => !r.citation.includes('刑法'))).toBe(true);

  const select = page.getByTestId('filter-category');
  // Categories come from stats(): the fixture's are 民法典, 社会法, 刑法 and 司法解释.
  await expect(select.locator('option')).toHaveText([/全部类别/, /民法典/, /社会法/, /刑法/, /司法解释/]);
  await select.selectOption('刑法');
  await expect(page).toHaveURL(/category=%E5%88%91%E6%B3%95/);
  await waitForOutput(page, '劳动合同 犯罪 婚姻');
  const after = await shown(page);
  expect(after.length).toBeGreaterThan(0);
  expect(after.every((r) => r.citation.startsWith('《中华人民共和国刑法》'))).toBe(true);
});

test('law filter: typed with suggestions (arrows, Enter), then only that law', async ({ page, lexbone }) => {
  await openReady(page, lexbone.url);
  await search(page, '解除 抚养费');
  const law = page.getByTestId('filter-law');
  await law.fill('劳动');
  const list = page.getByTestId('filter-law-suggestions');
  await expect(list).toBeVisible();
  await expect(law).toHaveAttribute('aria-expanded', 'true');
  await expect(list.getByTestId('law-suggestion').first()).toContainText('劳动合同法');
  await law.press('ArrowDown');
  await expect(list.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await expect(law).toHaveAttribute('aria-activedescendant', 'filter-law-option-0');
  await law.press('Enter');
  await expect(list).toHaveCount(0);
  await expect(page).toHaveURL(/law=%E5%8A%B3%E5%8A%A8%E5%90%88%E5%90%8C%E6%B3%95/);
  await waitForOutput(page, '解除 抚养费');
  const after = await shown(page);
  expect(after.length).toBeGreaterThan(0);
  expect(after.every((r) => r.citation.startsWith('《中华人民共和国劳动合同法》'))).toBe(true);

  // Clearing the filter brings the other laws back.
  await page.getByTestId('filter-law-clear').click();
  await waitForOutput(page, '解除 抚养费');
  expect((await shown(page)).some((r) => !r.citation.includes('劳动合同法'))).toBe(true);
});

test('the search box suggests law names while its text starts like one; Escape closes, Enter picks', async ({ page, lexbone }, testInfo) => {
  await openReady(page, lexbone.url);
  const input = page.getByTestId('search-input');
  const list = page.getByTestId('search-law-suggestions');
  await input.pressSequentially('劳动合', { delay: 30 });
  await expect(list).toBeVisible();
  await expect(input).toHaveAttribute('role', 'combobox');
  await input.press('Escape');
  await expect(list).toHaveCount(0);
  await input.pressSequentially('同', { delay: 30 });
  await expect(list).toBeVisible();
  await input.press('ArrowDown');
  await page.screenshot({ path: join(testInfo.project.outputDir, 'search-suggestions.png'), clip: { x: 0, y: 0, width: 1100, height: 400 } });
  await input.press('Enter');
  await expect(input).toHaveValue('劳动合同法');
  await expect(list).toHaveCount(0);
  // A question that is no law's name gets no suggestions.
  await input.fill('');
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/laws' && (r.request().postData() ?? '').includes('离婚后孩子抚养费'));
  await input.pressSequentially('离婚后孩子抚养费', { delay: 10 });
  await (await answered).finished();
  // The answer (no law) has been read and rendered: two frames after it arrived.
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
  await expect(list).toHaveCount(0);
});

test('validity: current only by default, superseded versions on request (linked to the later one), and as of a date', async ({ page, lexbone }, testInfo) => {
  await openReady(page, lexbone.url);
  await servedModels(lexbone);
  const query = '用人单位可以解除劳动合同';
  // The research budget keeps 50: every matching article of the small fixture corpus is shown.
  await page.getByTestId('budget-research').click();
  await search(page, query);
  await expect(page.getByTestId('filter-validity')).toHaveAttribute('data-validity', 'current');
  const current = await shown(page);
  expect(current.every((r) => r.status === 'current')).toBe(true);

  await page.getByTestId('validity-all').check();
  await expect(page).toHaveURL(/versions=all/);
  await waitForOutput(page, query);
  const old = page.getByTestId('result').filter({ has: page.locator('[data-status="superseded"]') });
  await expect(old.first()).toBeVisible();
  await expect(old.first().getByTestId('result-status')).toHaveText('已被修订');
  // "superseded by the version of 2012-12-28", linked to the same article in that version.
  const later = old.first().getByTestId('result-superseded-by');
  await expect(later).toHaveText('已被 2012-12-28 版本取代');
  const laterId = await later.getAttribute('data-article-id');
  const laterView = await lexbone.call('article', { id: Number(laterId) });
  expect(laterView.ok && laterView.value.law.versionDate).toBe('2012-12-28');
  await expect(later).toHaveAttribute('href', `#/article/${laterId}`);

  // As of 2010-01-01: 第三十九条 comes from the 2007 text, and nothing enacted later is shown.
  await page.getByTestId('validity-asOf').check();
  const date = page.getByTestId('filter-as-of');
  await date.fill('2010-01-01');
  await expect(page).toHaveURL(/asOf=2010-01-01/);
  await waitForOutput(page, query);
  const a39 = page.getByTestId('result').filter({ has: page.getByTestId('result-citation').filter({ hasText: '第三十九条' }) });
  await expect(a39).toHaveCount(1);
  await expect(a39.getByTestId('result-snippet')).toContainText('二〇〇七年文本');
  await expect(a39).toContainText('版本 2007-06-29');
  // Its validity is told for that day: in force then, replaced since by the 2012 version (linked).
  await expect(a39.getByTestId('result-status')).toHaveText('2010-01-01 时有效');
  await expect(a39.getByTestId('result-superseded-by')).toHaveText('现已被 2012-12-28 版本取代');
  await expect(page.locator('[data-testid="result-status"]:not([data-status="in-force-on"])')).toHaveCount(0);
  await expect(page.getByTestId('result').filter({ hasText: /民法典|刑法/ })).toHaveCount(0);
  await page.screenshot({ path: join(testInfo.project.outputDir, 'search-as-of-2010.png') });

  // Reload keeps the search, its filters and their controls.
  await page.reload();
  await waitForReady(page);
  await waitForOutput(page, query);
  await expect(page.getByTestId('filter-validity')).toHaveAttribute('data-validity', 'asOf');
  await expect(page.getByTestId('filter-as-of')).toHaveValue('2010-01-01');
  await expect(page.getByTestId('search-input')).toHaveValue(query);
  await expect(a39.getByTestId('result-snippet')).toContainText('二〇〇七年文本');
});

/** A small report that measured `models` with the default budgets. */
function reportFor(models: { embedder: string | null; reranker: string | null }): EvaluationView {
  const row = (preset: string, k: number, n: number, recall: number, p50: number, p95: number) => ({
    name: `${preset}: test`, preset, k, n,
    metrics: { [`R@${k}`]: recall + 0.1, [`R@${n}`]: recall, 'nDCG@10': 0.5 },
    latencyMs: { p50, p95 },
  });
  return {
    source: 'test', problem: null,
    report: {
      title: 'test report', createdAt: '2026-11-30T00:00:00Z', queries: 12, split: 'validation',
      embedderTable: [], rerankerTable: [], curves: [], presets: [],
      pipelineTable: [row('quick', 20, 10, 0.61, 21, 33), row('standard', 60, 10, 0.72, 30, 44), row('research', 300, 50, 0.83, 70, 95)],
      models,
    },
  };
}

test('budget selector: K → N per preset, measured figures for the served models, the preset sent', async ({ page, lexbone }, testInfo) => {
  await page.goto(lexbone.url);
  await waitForReady(page);
  const served = await servedModels(lexbone);
  await page.route('**/api/v1/evaluation', (route) => route.fulfill({ json: { ok: true, value: reportFor(served) } }));
  await page.reload();
  await waitForReady(page);

  const budget = page.getByTestId('budget');
  await expect(budget.getByTestId('budget-quick').getByTestId('budget-kn')).toHaveText('20 → 10');
  await expect(budget.getByTestId('budget-standard').getByTestId('budget-kn')).toHaveText('60 → 10');
  await expect(budget.getByTestId('budget-research').getByTestId('budget-kn')).toHaveText('300 → 50');
  await expect(budget.getByTestId('budget-quick').getByTestId('budget-recall')).toHaveText('召回 R@10 0.61');
  await expect(budget.getByTestId('budget-quick').getByTestId('budget-latency')).toHaveText('延迟 p50 21 · p95 33 毫秒');
  await expect(budget.getByTestId('budget-research').getByTestId('budget-recall')).toHaveText('召回 R@50 0.83');
  await expect(budget.getByTestId('budget-source')).toContainText('12');
  await expect(budget.getByRole('radio', { name: /标准/ })).toBeChecked();

  await search(page, '违约金过高');
  await expect(page.getByTestId('result-budget')).toHaveAttribute('data-k', '60');
  const sent = page.waitForRequest((r) => r.url().endsWith('/api/v1/search'));
  await budget.getByTestId('budget-quick').click();
  expect((await sent).postDataJSON()).toMatchObject({ query: '违约金过高', preset: 'quick' });
  await expect(page).toHaveURL(/preset=quick/);
  await waitForOutput(page, '违约金过高');
  await expect(page.getByTestId('result-budget')).toHaveAttribute('data-k', '20');
  await expect(page.getByTestId('result-budget')).toHaveText('快速 20 → 10');
  await page.screenshot({ path: join(testInfo.project.outputDir, 'search-budget-measured.png') });

  // A report of other models: nothing is claimed for this configuration.
  await page.unroute('**/api/v1/evaluation');
  await page.route('**/api/v1/evaluation', (route) =>
    route.fulfill({ json: { ok: true, value: reportFor({ embedder: 'another-embedder', reranker: served.reranker }) } }),
  );
  await page.reload();
  await waitForReady(page);
  await expect(budget.getByTestId('budget-not-measured')).toHaveCount(3);
  await expect(budget.getByTestId('budget-quick')).toContainText('尚未在此配置下测量');
  await expect(budget.getByTestId('budget-recall')).toHaveCount(0);
});

test.describe('with an active backbone version of its own budgets', () => {
  test.use({
    prepareDb: {
      run: (dbPath: string) => {
        const library = new Library(dbPath);
        try {
          const v = library.createVersion({ label: '关键词 30→5', embedderId: null, rerankerId: null, presets: { quick: { k: 30, n: 5 } } });
          library.activateVersion(v.id);
        } finally {
          library.close();
        }
      },
    },
  });

  test('the selector shows the version’s K → N, and the measured report (other models) is not claimed', async ({ page, lexbone }) => {
    await openReady(page, lexbone.url);
    const budget = page.getByTestId('budget');
    await expect(budget.getByTestId('budget-quick').getByTestId('budget-kn')).toHaveText('30 → 5');
    await expect(budget.getByTestId('budget-standard').getByTestId('budget-kn')).toHaveText('60 → 10');
    await expect(budget.getByTestId('budget-quick').getByTestId('budget-not-measured')).toBeVisible();
  });
});

test('score details: collapsed by default, then each stage’s score and the rerank move', async ({ page, lexbone }) => {
  await page.goto(lexbone.url);
  await waitForReady(page);
  await servedModels(lexbone);
  await search(page, '违约金过高怎么办');
  const first = page.getByTestId('result').first();
  const details = first.getByTestId('result-details');
  await expect(details).not.toHaveAttribute('open', '');
  await expect(details.getByTestId('score-rerank')).toBeHidden();
  await details.locator('summary').click();
  await expect(details).toHaveAttribute('open', '');
  await expect(details.getByTestId('score-lexical')).toBeVisible();
  await expect(details.getByTestId('score-lexical')).toContainText(/\d\.\d{4}/);
  await expect(details.getByTestId('score-rerank')).toContainText(/\d\.\d{4}/);
  // Beside the rerank score: the model that gave it, the one the response says served.
  const served = await lexbone.call('search', { query: '违约金过高怎么办', limit: 10, preset: 'standard', includeSuperseded: false });
  if (!served.ok || !served.value.models.reranker) throw new Error('no reranker served');
  await expect(details.getByTestId('score-rerank-model')).toHaveText(served.value.models.reranker);

  // The move is what the API says: rank before reranking minus rank now.
  // The page asks for the preset's N (standard: 10) results.
  const res = await lexbone.call('search', { query: '违约金过高怎么办', limit: 10, preset: 'standard', includeSuperseded: false });
  if (!res.ok) throw new Error(res.error.message);
  const moves = res.value.hits.map((h) => (h.reranked && h.ranks.beforeRerank !== null ? h.ranks.beforeRerank - h.rank : null));
  const shownMoves = await page.getByTestId('result-move').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-move'))));
  expect(shownMoves).toEqual(moves.filter((m) => m !== null));
  const text = (m: number) => (m > 0 ? `↑${m}` : m < 0 ? `↓${-m}` : '—');
  await expect(page.getByTestId('result-move')).toHaveText(shownMoves.map(text));
});

test('keyboard: arrows select, Enter opens the article, c copies the citation; keys in inputs are left alone', async ({ page, lexbone, context }, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openReady(page, lexbone.url);
  // The order is compared across two searches below: both after the models serve (a search before
  // the reranker has loaded is answered unreranked, by design).
  await servedModels(lexbone);
  await search(page, '解除劳动合同');
  const results = page.getByTestId('result');
  expect(await results.count()).toBeGreaterThan(2);

  // In the box, ArrowDown leaves it for the first result.
  await page.getByTestId('search-input').press('ArrowDown');
  await expect(results.nth(0)).toHaveAttribute('data-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(results.nth(2)).toHaveAttribute('data-selected', 'true');
  await expect(results.nth(0)).toHaveAttribute('data-selected', 'false');
  await page.keyboard.press('ArrowUp');
  await expect(results.nth(1)).toHaveAttribute('data-selected', 'true');

  await page.keyboard.press('c');
  const citation = (await results.nth(1).getByTestId('result-citation').innerText()).trim();
  await expect(results.nth(1).getByTestId('copied')).toHaveText('已复制');
  await page.screenshot({ path: join(testInfo.project.outputDir, 'search-keyboard-copied.png') });
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(citation);
  await expect(results.nth(1).getByTestId('copied')).toHaveCount(0, { timeout: 5_000 });

  // Typing c or arrows into a filter input changes nothing in the list.
  const law = page.getByTestId('filter-law');
  await law.focus();
  await page.keyboard.press('c');
  await page.keyboard.press('ArrowDown');
  await expect(law).toHaveValue('c');
  await expect(results.nth(1)).toHaveAttribute('data-selected', 'true');
  await law.fill('');
  await law.blur();

  const id = await results.nth(1).getAttribute('data-article-id');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/article/${id}$`));

  // Back from the article restores the search.
  await page.goBack();
  await waitForOutput(page, '解除劳动合同');
  await expect(page.getByTestId('search-input')).toHaveValue('解除劳动合同');
  await expect(page.getByTestId('result').nth(1)).toHaveAttribute('data-article-id', id!);
});

test('stale requests are cancelled: only the last of several quick queries is shown', async ({ page, lexbone }) => {
  await openReady(page, lexbone.url);
  // Hold every search for a while, so that each new query finds the previous one in flight.
  const held: string[] = [];
  await page.route('**/api/v1/search', async (route) => {
    const q = (route.request().postDataJSON() as { query: string }).query;
    held.push(q);
    await new Promise((r) => setTimeout(r, q === '违约金' ? 300 : 1500));
    await route.continue().catch(() => undefined); // aborted by the page meanwhile
  });
  const failed: string[] = [];
  const finished: string[] = [];
  const query = (r: Request) => (r.postDataJSON() as { query: string }).query;
  page.on('requestfailed', (r: Request) => {
    if (r.url().endsWith('/api/v1/search')) failed.push(`${query(r)} ${r.failure()?.errorText}`);
  });
  page.on('requestfinished', (r: Request) => {
    if (r.url().endsWith('/api/v1/search')) finished.push(query(r));
  });
  const input = page.getByTestId('search-input');
  const queries = ['抚养费', '犯罪', '违约金'];
  for (const [i, q] of queries.entries()) {
    await input.fill(q);
    await input.press('Enter');
    // The request is out (and held) before the next query is typed.
    await expect.poll(() => held.length).toBe(i + 1);
  }
  await waitForOutput(page, '违约金');
  await expect(page.getByTestId('result').first().getByTestId('result-citation')).toContainText('第五百八十五条');
  expect(held).toEqual(queries);
  // The two earlier requests were aborted by the page; only the last one completed.
  await expect.poll(() => [...failed].sort()).toEqual(['抚养费 net::ERR_ABORTED', '犯罪 net::ERR_ABORTED']);
  // Aborted, their answers can never arrive: only the last one finished, and it is on screen.
  expect(finished).toEqual(['违约金']);
  await expect(page.getByTestId('search-output')).toHaveAttribute('data-query', '违约金');
  await expect(page.getByTestId('result').first().getByTestId('result-citation')).toContainText('第五百八十五条');
});

test('the search page in English, opened from a URL with filters', async ({ page, lexbone }, testInfo) => {
  await openReady(page, lexbone.url);
  await servedModels(lexbone);
  await page.getByTestId('lang-en').click();
  await page.goto(`${lexbone.url}/#/search?q=${encodeURIComponent('用人单位可以解除劳动合同')}&law=${encodeURIComponent('劳动合同法')}&versions=all`);
  await waitForOutput(page, '用人单位可以解除劳动合同');
  await expect(page.getByTestId('filter-law')).toHaveValue('劳动合同法');
  await expect(page.getByTestId('validity-all')).toBeChecked();
  await expect(page.getByTestId('budget')).toContainText('Quick');
  await expect(page.getByTestId('filter-validity')).toContainText('Include superseded versions');
  await expect(page.getByTestId('result-superseded-by').first()).toHaveText('Superseded by the version of 2012-12-28');
  await page.getByTestId('result-details').first().locator('summary').click();
  await page.screenshot({ path: join(testInfo.project.outputDir, 'search-en.png'), fullPage: true });
});

test('search history: finished searches are listed on the empty page, newest first, and can be run again or cleared', async ({ page, lexbone }) => {
  await openReady(page, lexbone.url);
  await search(page, '违约金过高');
  await search(page, '离婚后孩子抚养费');
  // A reload runs the same search again: it moves up, it is not listed twice.
  await page.reload();
  await waitForReady(page);
  await expect(page.getByTestId('search-output')).toHaveAttribute('data-busy', 'false');

  await page.goto(`${lexbone.url}/#/search`);
  const recent = page.getByTestId('recent-searches');
  await expect(recent.getByTestId('recent-search')).toHaveCount(2);
  await expect(recent.getByTestId('recent-search').first()).toContainText('离婚后孩子抚养费');
  await expect(recent.getByTestId('recent-search').nth(1)).toContainText('违约金过高');
  await expect(recent.getByTestId('recent-search').first()).toContainText('标准');

  // Kept by the backbone (research.db), not the page.
  const listed = await lexbone.call('history', { limit: 10 });
  expect(listed.ok && listed.value.map((h) => h.text)).toEqual(['离婚后孩子抚养费', '违约金过高']);

  await recent.getByTestId('recent-search').nth(1).click();
  await expect(page.getByTestId('search-output')).toHaveAttribute('data-query', '违约金过高');
  await expect(page.getByTestId('result-citation').filter({ hasText: '第五百八十五条' })).toHaveCount(1);

  await page.goto(`${lexbone.url}/#/search`);
  await page.getByTestId('history-clear').click();
  await expect(page.getByTestId('recent-searches')).toHaveCount(0);
  const cleared = await lexbone.call('history', { limit: 10 });
  expect(cleared.ok && cleared.value).toEqual([]);
});
