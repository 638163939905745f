/**
 * The deep-research page against a real server, the fixture corpus and the built-in models
 * (embedder + reranker in the inference host). The fixture's researchBatch option makes the
 * reranker work in small batches with a pause after each (a test-only knob), so a run over 17
 * candidates lasts long enough to watch its progress and to cancel it midway.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { Library } from '../../electron/backbone/library';
import { expect, test, waitForReady, type Lexbone } from './fixtures';

// The built-in models, with a research budget of 300 → 6 so that the fixture's 17 candidates leave
// some "considered but ranked low".
function researchVersion(dbPath: string, n = 6): void {
  const lib = new Library(dbPath);
  try {
    const v = lib.createVersion({
      label: '研究测试', embedderId: 'builtin-embedder-stage2', rerankerId: 'builtin-reranker-stage2',
      presets: { research: { k: 300, n } },
    });
    lib.activateVersion(v.id);
  } finally {
    lib.close();
  }
}

// The built-in reranker puts three Civil Code articles (违约责任) and 劳动合同法 第八十七条, 第八十二条,
// 第三十九条 on top; 第四十七条 (经济补偿) falls below the six, and 第八十七条 cites it (本法第四十七条).
const QUERY = '公司违法辞退员工的赔偿和违约责任';

async function openResearch(page: Page, lexbone: Lexbone): Promise<void> {
  // Searching before the models are loaded would be lexical only: wait for the reranker and index.
  await expect
    .poll(async () => {
      const m = await lexbone.call('models');
      return m.ok && m.value.reranker !== null && m.value.index?.state === 'ready';
    }, { timeout: 45_000 })
    .toBe(true);
  await page.goto(lexbone.url + '/#/research');
  await waitForReady(page);
  await expect(page.getByTestId('research-page')).toBeVisible();
}

async function startResearch(page: Page, query: string): Promise<void> {
  await page.getByTestId('research-input').fill(query);
  await page.getByTestId('research-start').click();
  await expect(page.getByTestId('research-output')).toHaveAttribute('data-query', query);
}

test.describe('deep research', () => {
  test.use({ prepareDb: { run: researchVersion }, researchBatch: { size: 3, delayMs: 350 } });

  test('a run streams its progress, then shows findings by law, the low-ranked and related provisions', async ({ page, lexbone }, testInfo) => {
    await openResearch(page, lexbone);
    await startResearch(page, QUERY);

    const progress = page.getByTestId('research-progress');
    // Mid-run: running, part of the candidates reranked, the counts and an estimate on the strip.
    await expect(progress).toHaveAttribute('data-state', 'running');
    await expect(page.getByTestId('research-progress-text')).toHaveText(/已重排 \d+ \/ 17 · (预计剩余|正在估算)/);
    await expect(page.getByTestId('research-cancel')).toBeVisible();
    await expect(page.getByTestId('research-hit').first()).toBeVisible();
    const midway = Number(await progress.getAttribute('data-done'));
    expect(midway).toBeLessThan(17);
    await page.screenshot({ path: join(testInfo.project.outputDir, 'research-running-zh.png') });

    await expect(progress).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
    await expect(page.getByTestId('research-progress-text')).toHaveText(/^已完成 · 重排 17 条候选/);
    await expect(page.getByTestId('research-cancel')).toHaveCount(0);
    await expect(page.getByTestId('research-budget')).toHaveText('预算 300 → 6');

    // Six findings, grouped by law: the Civil Code first (its article ranks first), then the Labour Contract Law.
    await expect(page.getByTestId('research-hit')).toHaveCount(6);
    const groups = page.getByTestId('research-law-group');
    await expect(groups.getByTestId('research-law-title')).toHaveText(['中华人民共和国民法典', '中华人民共和国劳动合同法']);
    await expect(groups.getByTestId('research-law-count')).toHaveText(['3 条', '3 条']);
    const labour = groups.nth(1);
    await expect(labour.getByTestId('law-status')).toHaveText('现行有效');
    await expect(labour).toContainText('2012-12-28 版');
    // Within a law, articles in score order (their overall ranks ascend).
    for (const g of await groups.all()) {
      const ranks = (await g.getByTestId('research-hit').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-rank')))));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }
    const a87 = labour.getByTestId('research-hit').filter({ has: page.getByText('第八十七条', { exact: true }) });
    await expect(a87.getByTestId('research-hit-link')).toHaveAttribute('href', /^#\/article\/\d+$/);
    await expect(a87.locator('[data-testid="research-hit-snippet"] mark').first()).toBeVisible();

    // Considered but ranked low: collapsed, then opened: 第四十七条 fell below the six.
    const low = page.getByTestId('research-low-ranked');
    await expect(low).toHaveAttribute('data-count', '11');
    await expect(low.getByTestId('research-low-item').first()).toBeHidden();
    await page.getByTestId('research-low-toggle').click();
    const item47 = low.getByTestId('research-low-item').filter({ hasText: '劳动合同法第四十七条' });
    await expect(item47).toBeVisible();
    // Its place and the change (the first-stage place minus the reranked one) as the API reports them.
    const api = await lexbone.call('researchRun', { runId: new URL(page.url().replace('#/', '')).searchParams.get('run')! });
    const low47 = api.ok ? api.value.lowRanked.find((x) => x.label === '第四十七条')! : null;
    expect(low47!.rank).toBeGreaterThan(6);
    await expect(item47.locator('td').first()).toHaveText(String(low47!.rank));
    await expect(item47.locator('td').nth(2)).toHaveText(String(low47!.beforeRerank));
    const moved = low47!.rank - low47!.beforeRerank;
    await expect(item47.getByTestId('research-low-change')).toHaveText(moved > 0 ? `↓ ${moved}` : moved < 0 ? `↑ ${-moved}` : '—');

    // Related provisions: 第四十七条, cited by 第八十七条 as 本法第四十七条.
    const related = page.getByTestId('research-related-item').filter({ hasText: '劳动合同法第四十七条' });
    await expect(related).toHaveCount(1);
    await expect(related.getByTestId('research-related-cited-by')).toContainText('《劳动合同法》第八十七条');
    await expect(related.getByTestId('research-related-cited-by')).toContainText('「第四十七条」');
    await expect(related).toHaveAttribute('data-relation', 'cited');
    await expect(related.getByTestId('research-related-relation')).toHaveText('被研究结果引用');
    await expect(related.getByTestId('research-related-cites')).toHaveCount(0);
    await expect(related).toContainText('经济补偿按劳动者在本单位工作的年限');
    await page.screenshot({ path: join(testInfo.project.outputDir, 'research-done-zh.png'), fullPage: true });

    // Following a finding opens its article; going back shows the same run again.
    await a87.getByTestId('research-hit-link').click();
    await expect(page).toHaveURL(/#\/article\/\d+$/);
    await page.goBack();
    await expect(page.getByTestId('research-progress')).toHaveAttribute('data-state', 'done');
    await expect(page.getByTestId('research-hit')).toHaveCount(6);

    // English.
    await page.getByTestId('lang-en').click();
    await expect(page.getByTestId('research-progress-text')).toHaveText(/^Done · 17 candidates reranked/);
    await expect(groups.getByTestId('research-law-count')).toHaveText(['3 articles', '3 articles']);
    await expect(page.getByTestId('research-low-toggle')).toContainText('Considered but ranked low (11)');
    await page.screenshot({ path: join(testInfo.project.outputDir, 'research-done-en.png'), fullPage: true });
  });

});

test.describe('deep research, provisions citing the findings', () => {
  // One finding (300 → 1): 第四十七条, for its own words; 第八十七条 cites it and is not a finding.
  test.use({ prepareDb: { run: (dbPath) => researchVersion(dbPath, 1) } });

  test('a provision that cites a finding is listed as citing it, with the citing words marked', async ({ page, lexbone }, testInfo) => {
    await openResearch(page, lexbone);
    await startResearch(page, '经济补偿按劳动者在本单位工作的年限支付');
    await expect(page.getByTestId('research-progress')).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
    await expect(page.getByTestId('research-hit')).toHaveCount(1);
    await expect(page.getByTestId('research-hit')).toContainText('第四十七条');

    const items = page.getByTestId('research-related-item');
    await expect(items).toHaveCount(1);
    const a87 = items.first();
    await expect(a87.getByTestId('research-related-link')).toHaveText('劳动合同法第八十七条');
    await expect(a87).toHaveAttribute('data-relation', 'citing');
    await expect(a87.getByTestId('research-related-relation')).toHaveText('引用研究结果');
    await expect(a87.getByTestId('research-related-cited-by')).toHaveCount(0);
    const cites = a87.getByTestId('research-related-cites');
    await expect(cites).toContainText('引用了');
    await expect(cites).toContainText('#1 《劳动合同法》第四十七条');
    await expect(cites).toContainText('「第四十七条」');
    await expect(a87.locator('.related__snippet mark')).toHaveText('第四十七条');
    await expect(a87.locator('.related__snippet')).toContainText('依照本法第四十七条规定的经济补偿标准的二倍');
    await page.screenshot({ path: join(testInfo.project.outputDir, 'research-citing-zh.png'), fullPage: true });

    await page.getByTestId('lang-en').click();
    await expect(a87.getByTestId('research-related-relation')).toHaveText('Cites the findings');
    await expect(cites).toContainText('Cites');
  });
});

test.describe('deep research, cancelled', () => {
  // Slower batches than above: 9 batches of 2, 600 ms apart, so the cancel lands well inside the run.
  test.use({ prepareDb: { run: researchVersion }, researchBatch: { size: 2, delayMs: 600 } });

  test('a run cancelled midway stops, says cancelled and keeps its partial results', async ({ page, lexbone }, testInfo) => {
    await openResearch(page, lexbone);
    await startResearch(page, QUERY);
    const progress = page.getByTestId('research-progress');
    // Wait for three batches (6 of 17 scored), then cancel.
    await expect.poll(async () => Number(await progress.getAttribute('data-done')), { timeout: 15_000, intervals: [100] }).toBeGreaterThanOrEqual(6);
    // The page polls while the run runs; the poll that reads the run cancelled is its last.
    const lastPoll = page.waitForResponse(
      async (r) => new URL(r.url()).pathname === '/api/v1/researchRun' && ((await r.json()) as { value?: { state?: string } }).value?.state === 'cancelled',
    );
    await page.getByTestId('research-cancel').click();

    await expect(progress).toHaveAttribute('data-state', 'cancelled');
    await expect(page.getByTestId('research-cancel')).toHaveCount(0);
    const done = Number(await progress.getAttribute('data-done'));
    expect(done).toBeGreaterThanOrEqual(6);
    expect(done).toBeLessThan(17);
    await expect(page.getByTestId('research-progress-text')).toHaveText(`已取消 · 重排了 ${done} / 17 条，以下为取消时的结果`);
    const hits = await page.getByTestId('research-hit').evaluateAll((els) => els.map((e) => e.getAttribute('data-article-id')));
    expect(hits.length).toBeGreaterThan(0);

    // After the page's last poll: nothing moved, on screen or in the API (the server's run has
    // stopped for good: tests/integration/research-run.test.ts).
    await lastPoll;
    await expect(progress).toHaveAttribute('data-done', String(done));
    expect(await page.getByTestId('research-hit').evaluateAll((els) => els.map((e) => e.getAttribute('data-article-id')))).toEqual(hits);
    const runId = new URL(page.url().replace('#/', '')).searchParams.get('run')!;
    const run = await lexbone.call('researchRun', { runId });
    expect(run.ok && run.value.state).toBe('cancelled');
    expect(run.ok && run.value.progress.done).toBe(done);
    expect(run.ok && run.value.hits.map((h) => String(h.articleId))).toEqual(hits);
    await page.screenshot({ path: join(testInfo.project.outputDir, 'research-cancelled-zh.png') });
  });
});
