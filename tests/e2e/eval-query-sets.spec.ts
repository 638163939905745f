/**
 * The evaluation page with a report that measured a second query set (the lawyer-style queries,
 * tests/fixtures/evaluation/report-query-sets.json: the main fixture report plus `querySets`): tabs
 * between the STARD split and the lawyer set, each showing its own three tables (values checked
 * against the file), the curve for the main set only; and a report without `querySets` has no tabs.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, REPO_ROOT, test, waitForReady } from './fixtures';

const FIXTURES = join(REPO_ROOT, 'tests', 'fixtures', 'evaluation');
const shot = (page: Page, outputDir: string, name: string) => page.screenshot({ path: join(outputDir, name), fullPage: true });

async function openEval(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/#/eval`);
  await waitForReady(page);
  await expect(page.getByTestId('eval-report')).toBeVisible();
}

const cell = (page: Page, table: string, name: string, metric: string) =>
  page.getByTestId(table).locator(`[data-testid="eval-row"][data-name="${name}"] td[data-metric="${metric}"]`);

test.describe('a report with the lawyer-style query set', () => {
  test.use({ evaluationReport: { path: join(FIXTURES, 'report-query-sets.json') } });

  test('tabs switch the three tables between the STARD split and the lawyer-style queries', async ({ page, lexbone }, testInfo) => {
    await openEval(page, lexbone.url);
    const tabs = page.getByRole('tablist', { name: '查询集' }).getByRole('tab');
    await expect(tabs).toHaveText(['STARD 验证集 (42 条)', '律师式查询 (12 条)']);
    const stard = page.getByRole('tab', { name: 'STARD 验证集 (42 条)' });
    const lawyer = page.getByRole('tab', { name: '律师式查询 (12 条)' });
    await expect(stard).toHaveAttribute('aria-selected', 'true');
    // The main set first: the fixture report's own values.
    await expect(page.getByTestId('query-set-panel')).toHaveAttribute('data-set', 'main');
    await expect(cell(page, 'embedder-table', 'lexical (BM25)', 'RR@10')).toHaveText('0.412');
    await expect(page.getByTestId('pipeline-table').getByTestId('eval-row')).toHaveCount(3);
    await expect(page.getByTestId('query-set-line')).toHaveCount(0);

    await lawyer.click();
    await expect(lawyer).toHaveAttribute('aria-selected', 'true');
    const panel = page.getByRole('tabpanel', { name: '律师式查询 (12 条)' });
    await expect(panel).toHaveAttribute('data-set', 'lawyer');
    await expect(panel.getByTestId('query-set-line')).toContainText('resources/evaluation/lawyer-queries.json · 12 条查询 · 全部查询');
    await expect(cell(page, 'embedder-table', 'lexical (BM25)', 'RR@10')).toHaveText('0.208');
    await expect(cell(page, 'embedder-table', 'fixture-embedder-stage2', 'R@100')).toContainText('0.750');
    await expect(cell(page, 'embedder-table', 'fixture-embedder-stage2', 'R@100')).toHaveAttribute('data-best', 'true');
    await expect(cell(page, 'reranker-table', 'fixture-reranker-stage2', 'RR@10')).toContainText('0.542');
    await expect(page.getByTestId('pipeline-table').getByTestId('eval-row')).toHaveCount(1);
    await expect(cell(page, 'pipeline-table', 'standard', 'R@K')).toContainText('0.583');
    await expect(cell(page, 'pipeline-table', 'standard', 'p95')).toContainText('35.9 毫秒');
    // The curve stays, for the main set.
    await expect(page.getByTestId('recall-chart')).toBeVisible();
    await shot(page, testInfo.project.outputDir, 'eval-query-sets-lawyer-zh.png');

    // Keyboard: ← goes back to the STARD tab and its tables.
    await lawyer.focus();
    await page.keyboard.press('ArrowLeft');
    await expect(stard).toBeFocused();
    await expect(stard).toHaveAttribute('aria-selected', 'true');
    await expect(cell(page, 'embedder-table', 'lexical (BM25)', 'RR@10')).toHaveText('0.412');

    // English names the sets too.
    await page.getByTestId('lang-en').click();
    await expect(page.getByRole('tablist', { name: 'Query sets' }).getByRole('tab')).toHaveText([
      'STARD validation split (42 queries)', 'Lawyer-style queries (12 queries)',
    ]);
  });
});

test.describe('a report without other query sets', () => {
  test.use({ evaluationReport: { path: join(FIXTURES, 'report.json') } });

  test('shows the tables as before, without tabs', async ({ page, lexbone }) => {
    await openEval(page, lexbone.url);
    await expect(page.getByTestId('embedder-table')).toBeVisible();
    await expect(page.getByTestId('query-sets')).toHaveCount(0);
    await expect(page.getByRole('tab')).toHaveCount(0);
  });
});
