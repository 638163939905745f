/**
 * The evaluation page (#/eval) against a real server: the report's curve and tables from a small
 * hand-written report (tests/fixtures/evaluation/report.json, values checked against it), the
 * empty state without a report, and a blind A/B judgement end to end — two backbone versions
 * (keywords only with a small budget, and the built-in models), prepared on the user's recent
 * searches, every question judged (buttons, keys, a changed verdict, a reload that resumes), and the
 * tally checked against the verdicts unblinded through the session file in the data folder.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { Library } from '../../electron/backbone/library';
import { parseAbSession } from '../../electron/backbone/ab/ab-session';
import { expect, REPO_ROOT, test, waitForReady } from './fixtures';

const EVAL_FIXTURE = join(REPO_ROOT, 'tests', 'fixtures', 'evaluation', 'report.json');
const shot = (page: Page, outputDir: string, name: string) => page.screenshot({ path: join(outputDir, name), fullPage: true });

async function openEval(page: Page, url: string, path = '#/eval'): Promise<void> {
  await page.goto(`${url}/${path}`);
  await waitForReady(page);
  await expect(page.getByTestId('eval-page')).toBeVisible();
}

const row = (page: Page, table: string, name: string) => page.getByTestId(table).locator(`[data-testid="eval-row"][data-name="${name}"]`);
const cell = (page: Page, table: string, name: string, metric: string) => row(page, table, name).locator(`td[data-metric="${metric}"]`);

test.describe('with the fixture report', () => {
  test.use({ evaluationReport: { path: EVAL_FIXTURE } });

  test('shows which pipeline was measured, the three tables with the best values marked, and the curve', async ({ page, lexbone }, testInfo) => {
    await openEval(page, lexbone.url);
    await expect(page.getByTestId('eval-title')).toHaveText('Fixture evaluation (hand-written)');
    await expect(page.getByTestId('eval-meta-line')).toContainText('42 条查询');
    await expect(page.getByTestId('eval-meta-line')).toContainText('验证集');
    await expect(page.getByTestId('eval-model-embedder')).toHaveText('fixture-embedder-stage2');
    await expect(page.getByTestId('eval-model-reranker')).toHaveText('fixture-reranker-stage2');

    // Embedders: the values of the file, three decimals; stage 2 is best everywhere but R@20's tie-free column check.
    await expect(page.getByTestId('embedder-table').locator('thead th')).toHaveText(['名称', '阶段', 'R@20', 'R@60', 'R@100', 'RR@10', 'nDCG@10']);
    await expect(row(page, 'embedder-table', 'lexical (BM25)').locator('th')).toHaveText('关键词（BM25）');
    await expect(cell(page, 'embedder-table', 'lexical (BM25)', 'RR@10')).toHaveText('0.412');
    await expect(cell(page, 'embedder-table', 'fixture-embedder-stage2', 'R@100')).toContainText('0.871');
    await expect(cell(page, 'embedder-table', 'fixture-embedder-stage2', 'R@100')).toHaveAttribute('data-best', 'true');
    await expect(cell(page, 'embedder-table', 'fixture-embedder-stage1', 'R@100')).not.toHaveAttribute('data-best', 'true');
    // nDCG@10: 0.505 (stage 2) beats 0.402 and 0.390.
    await expect(page.getByTestId('embedder-table').locator('td[data-metric="nDCG@10"][data-best]')).toHaveCount(1);
    await expect(cell(page, 'embedder-table', 'fixture-embedder-stage2', 'nDCG@10')).toHaveAttribute('data-best', 'true');

    await expect(page.getByTestId('reranker-table').locator('thead th')).toHaveText(['名称', '阶段', 'RR@10', 'nDCG@10', 'R@10']);
    await expect(cell(page, 'reranker-table', 'fixture-reranker-stage2', 'RR@10')).toContainText('0.611');
    await expect(cell(page, 'reranker-table', 'fixture-reranker-stage2', 'RR@10')).toHaveAttribute('data-best', 'true');
    await expect(cell(page, 'reranker-table', 'none (first-stage order)', 'R@10')).toHaveText('0.600');

    // Pipeline per preset: candidate recall is R@K of that row's K, R@N that of its N; the lowest latency is best.
    await expect(row(page, 'pipeline-table', 'standard').locator('th')).toHaveText('标准');
    await expect(row(page, 'pipeline-table', 'standard').locator('td').first()).toHaveText('10 → 3');
    await expect(cell(page, 'pipeline-table', 'standard', 'R@K')).toHaveText('0.660');
    await expect(cell(page, 'pipeline-table', 'research', 'R@K')).toContainText('0.700');
    await expect(cell(page, 'pipeline-table', 'research', 'R@K')).toHaveAttribute('data-best', 'true');
    await expect(cell(page, 'pipeline-table', 'standard', 'R@N')).toHaveText('0.530');
    await expect(cell(page, 'pipeline-table', 'standard', 'p95')).toHaveText('33.7 毫秒');
    await expect(cell(page, 'pipeline-table', 'quick', 'p50')).toContainText('21.5 毫秒');
    await expect(cell(page, 'pipeline-table', 'quick', 'p50')).toHaveAttribute('data-best', 'true');
    await expect(cell(page, 'pipeline-table', 'research', 'p95')).not.toHaveAttribute('data-best', 'true');

    // The curve: one line per curve, the presets' K as dashed lines, log ticks 1 2 5 10 20.
    const chart = page.getByTestId('recall-chart');
    await expect(chart.getByTestId('recall-chart-line')).toHaveCount(2);
    await expect(chart.getByTestId('recall-chart-preset')).toHaveCount(3);
    expect(await chart.getByTestId('recall-chart-preset').evaluateAll((els) => els.map((e) => e.getAttribute('data-k')))).toEqual(['5', '10', '20']);
    await expect(chart.getByTestId('recall-chart-preset').first()).toContainText('快速 K=5');
    await expect(chart.getByTestId('recall-chart-xtick')).toHaveText(['1', '2', '5', '10', '20']);
    // The read-out starts at the standard preset's K: recall[9] of each curve.
    await expect(chart.getByTestId('recall-chart-k')).toHaveText('K = 10');
    await expect(chart.getByTestId('recall-chart-value')).toHaveText(['0.470', '0.615']);
    await shot(page, testInfo.project.outputDir, 'eval-report-zh.png');

    // Keyboard: focus the plot, → moves K by one (recall[10]), End to the largest K.
    const plot = chart.getByTestId('recall-chart-plot');
    await plot.focus();
    await page.keyboard.press('ArrowRight');
    await expect(plot).toHaveAttribute('aria-valuenow', '11');
    await expect(chart.getByTestId('recall-chart-value')).toHaveText(['0.500', '0.650']);
    await expect(plot).toHaveAttribute('aria-valuetext', 'K = 11: 关键词（BM25） 0.500, fixture-embedder-stage2 0.650');
    await page.keyboard.press('End');
    await expect(chart.getByTestId('recall-chart-value')).toHaveText(['0.770', '0.950']);

    // Hover: over the quick preset's line (K = 5) the read-out shows R@5.
    const quick = chart.getByTestId('recall-chart-preset').first().locator('line');
    const box = (await quick.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect(chart.getByTestId('recall-chart-k')).toHaveText('K = 5');
    await expect(chart.getByTestId('recall-chart-value')).toHaveText(['0.320', '0.440']);

    // Linear K axis: other ticks.
    await page.getByTestId('scale-linear').click();
    await expect(chart).toHaveAttribute('data-scale', 'linear');
    await expect(chart.getByTestId('recall-chart-xtick')).toHaveText(['1', '5', '10', '15', '20']);

    // English.
    await page.getByTestId('lang-en').click();
    await expect(page.getByTestId('eval-meta-line')).toContainText('42 queries');
    await expect(page.getByTestId('embedder-table').locator('thead th').first()).toHaveText('Name');
    await expect(cell(page, 'pipeline-table', 'standard', 'p95')).toHaveText('33.7 ms');
    await page.getByTestId('scale-log').click();
    await shot(page, testInfo.project.outputDir, 'eval-report-en.png');
  });
});

test.describe('without a report', () => {
  test.use({ evaluationReport: { path: null } });

  test('says there is none and gives the command that makes one', async ({ page, lexbone }, testInfo) => {
    await openEval(page, lexbone.url);
    await expect(page.getByTestId('eval-empty')).toBeVisible();
    await expect(page.getByTestId('eval-empty')).toContainText('还没有评测报告');
    await expect(page.getByTestId('eval-empty-command')).toHaveText('npm run eval -- --report-json resources/evaluation/report.json');
    await expect(page.getByTestId('eval-empty-problem')).toHaveText('No evaluation report is installed.');
    await expect(page.getByTestId('recall-chart')).toHaveCount(0);
    await shot(page, testInfo.project.outputDir, 'eval-empty-zh.png');
  });
});

test.describe('with a report file that does not exist', () => {
  const missing = join(REPO_ROOT, 'test-results', 'no-such-report.json');
  test.use({ evaluationReport: { path: missing } });

  test('names the file and the command that writes it', async ({ page, lexbone }) => {
    await openEval(page, lexbone.url);
    await expect(page.getByTestId('eval-empty-command')).toHaveText(`npm run eval -- --report-json ${missing}`);
    await expect(page.getByTestId('eval-empty-problem')).toContainText(`${missing} does not exist`);
  });
});

// ── Blind A/B ──────────────────────────────────────────────────────────────

const KEYWORDS = { label: '关键词基线', embedderId: null, rerankerId: null, presets: { standard: { k: 5, n: 3 } } } as const;
const BUILTIN = { label: '内置模型（第二阶段）', embedderId: 'builtin-embedder-stage2', rerankerId: 'builtin-reranker-stage2' } as const;
const RECENT = ['违约金过高', '试用期解除劳动合同', '离婚后孩子抚养费', '用人单位违法解除劳动合同的赔偿', '劳动合同期满终止的经济补偿'];

function seedVersions(dbPath: string): void {
  const library = new Library(dbPath);
  try {
    const keywords = library.createVersion(KEYWORDS);
    library.createVersion(BUILTIN);
    library.activateVersion(keywords.id);
  } finally {
    library.close();
  }
}

test.describe('blind A/B between two versions', () => {
  test.use({ prepareDb: { run: seedVersions } });

  test('prepare on recent searches, judge every question blind, and the tally reveals the sides', async ({ page, lexbone }, testInfo) => {
    test.setTimeout(120_000);
    for (const text of RECENT) expect((await lexbone.call('addHistory', { text, resultCount: 3 })).ok).toBe(true);
    await openEval(page, lexbone.url);
    await page.getByTestId('eval-tab-ab').click();
    await expect(page.getByTestId('ab-sessions-empty')).toBeVisible();

    // A = the active keyword version, B = the built-in models; the recent searches are the questions.
    await expect(page.getByTestId('ab-version-a').locator('option:checked')).toContainText(KEYWORDS.label);
    await expect(page.getByTestId('ab-version-b').locator('option:checked')).toContainText(BUILTIN.label);
    await expect(page.getByTestId('ab-source-history')).toBeChecked();
    await expect(page.getByTestId('ab-recent')).toContainText('违约金过高');
    await shot(page, testInfo.project.outputDir, 'eval-ab-setup-zh.png');
    await page.getByTestId('ab-prepare').click();
    const session = page.getByTestId('ab-session').first();
    await expect(session).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    const id = (await session.getAttribute('data-id'))!;
    await expect(session.getByTestId('ab-session-judged')).toHaveText(/^已评 0 \/ \d+$/);

    // The session file in the data folder knows the sides; the screen must not.
    const file = join(lexbone.dataDir, 'ab', `${id}.json`);
    const stored = parseAbSession(readFileSync(file, 'utf8'), file);
    const n = stored.items.length;
    expect(n).toBeGreaterThanOrEqual(3);
    expect(n + stored.identical.length).toBe(RECENT.length);

    await session.getByTestId('ab-session-open').click();
    const judge = page.getByTestId('ab-judge');
    await expect(judge).toBeVisible();
    await expect(page.getByTestId('ab-question-of')).toHaveText(`第 1 / ${n} 题`);
    await expect(judge).not.toContainText(KEYWORDS.label);
    await expect(judge).not.toContainText(BUILTIN.label);
    // The lists are the stored ones, left and right as stored.
    const ids = async (side: 'left' | 'right') =>
      (await page.getByTestId(`ab-${side}`).getByTestId('ab-article').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-article-id')))));
    expect(await ids('left')).toEqual(stored.items[0]!.leftIds);
    expect(await ids('right')).toEqual(stored.items[0]!.rightIds);
    await expect(page.getByTestId('ab-query')).toHaveText(stored.items[0]!.query);
    await page.screenshot({ path: join(testInfo.project.outputDir, 'eval-ab-judge-zh.png') });

    // Verdicts: a button, then keys; one is changed after going back with ↑.
    const verdicts: ('left' | 'right' | 'tie')[] = [];
    await page.getByTestId('ab-verdict-left').click();
    verdicts.push('left');
    await expect(page.getByTestId('ab-question-of')).toHaveText(`第 2 / ${n} 题`);
    await page.keyboard.press('ArrowRight');
    verdicts.push('right');
    await expect(page.getByTestId('ab-question-of')).toHaveText(`第 3 / ${n} 题`);
    await page.keyboard.press('ArrowUp');
    await expect(page.getByTestId('ab-question-of')).toHaveText(`第 2 / ${n} 题`);
    await expect(page.getByTestId('ab-verdict-right')).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('ArrowDown');
    verdicts[1] = 'tie';
    await expect(page.getByTestId('ab-question-of')).toHaveText(`第 3 / ${n} 题`);
    await expect(page.getByTestId('ab-judged-of')).toHaveText(`已评 2 / ${n}`);

    // A reload resumes at the first question without a verdict.
    await page.reload();
    await waitForReady(page);
    await expect(page.getByTestId('ab-question-of')).toHaveText(`第 3 / ${n} 题`);
    await page.getByTestId('lang-en').click();
    await expect(page.getByTestId('ab-question-of')).toHaveText(`Question 3 of ${n}`);
    await expect(page.getByTestId('ab-verdict-left')).toContainText('Left is better');
    await page.screenshot({ path: join(testInfo.project.outputDir, 'eval-ab-judge-en.png') });
    await page.getByTestId('lang-zh').click();

    const keys = ['ArrowLeft', 'ArrowRight', 'ArrowDown'] as const;
    const names = { ArrowLeft: 'left', ArrowRight: 'right', ArrowDown: 'tie' } as const;
    for (let i = 2; i < n; i++) {
      await expect(page.getByTestId('ab-judge')).toHaveAttribute('data-index', String(i));
      const key = keys[i % 3]!;
      await page.keyboard.press(key);
      verdicts.push(names[key]);
    }

    // The tally: counts from the verdicts unblinded by hand through the stored sides.
    const tally = page.getByTestId('ab-tally');
    await expect(tally).toBeVisible();
    let a = 0, b = 0, ties = 0;
    stored.items.forEach((item, i) => {
      const v = verdicts[i]!;
      if (v === 'tie') ties++;
      else if ((v === 'left') === (item.left === 'A')) a++;
      else b++;
    });
    await expect(tally.getByTestId('ab-tally-a')).toHaveText(String(a));
    await expect(tally.getByTestId('ab-tally-b')).toHaveText(String(b));
    await expect(tally.getByTestId('ab-tally-ties')).toHaveText(String(ties));
    await expect(tally.getByTestId('ab-tally-identical')).toHaveText(String(stored.identical.length));
    await expect(tally.getByTestId('ab-reveal-a')).toHaveText(`#${stored.versionA.id} ${KEYWORDS.label}`);
    await expect(tally.getByTestId('ab-reveal-b')).toHaveText(`#${stored.versionB.id} ${BUILTIN.label}`);
    if (a + b > 0) await expect(tally.getByTestId('ab-tally-preference')).toHaveText(`${((100 * a) / (a + b)).toFixed(1)} %`);
    const reveal = tally.getByTestId('ab-reveal-row');
    await expect(reveal).toHaveCount(n);
    expect(await reveal.evaluateAll((els) => els.map((e) => e.getAttribute('data-left')))).toEqual(stored.items.map((it) => it.left));
    expect(await reveal.evaluateAll((els) => els.map((e) => e.getAttribute('data-verdict')))).toEqual(verdicts);
    await shot(page, testInfo.project.outputDir, 'eval-ab-tally-zh.png');

    // Every verdict is in the file, and nothing else was left in the folder.
    const saved = parseAbSession(readFileSync(file, 'utf8'), file);
    expect(stored.items.map((it) => saved.judgments[it.itemId])).toEqual(verdicts);
    expect(readdirSync(join(lexbone.dataDir, 'ab'))).toEqual([`${id}.json`]);

    await page.getByTestId('lang-en').click();
    await expect(tally.getByTestId('ab-reveal-a')).toBeVisible();
    await shot(page, testInfo.project.outputDir, 'eval-ab-tally-en.png');
    await page.getByTestId('ab-back').click();
    await expect(page.getByTestId('ab-session').first().getByTestId('ab-session-judged')).toHaveText(`${n} / ${n} judged`);
    await shot(page, testInfo.project.outputDir, 'eval-ab-setup-en.png');
  });
});

test.describe('cancelling a blind A/B preparation', () => {
  // Each preparation search is followed by a 300 ms wait, so the preparation runs for seconds.
  test.use({ prepareDb: { run: seedVersions }, abSearchDelayMs: 300 });

  test('Cancel stops it: shown as cancelled, nothing saved, searches answered meanwhile, and the next one completes', async ({ page, lexbone }, testInfo) => {
    test.setTimeout(120_000);
    for (const text of RECENT) expect((await lexbone.call('addHistory', { text, resultCount: 3 })).ok).toBe(true);
    await openEval(page, lexbone.url);
    await page.getByTestId('eval-tab-ab').click();
    await page.getByTestId('ab-prepare').click();
    const session = page.getByTestId('ab-session').first();
    await expect(session).toHaveAttribute('data-state', 'preparing');
    await expect(session.getByTestId('ab-progress-phase')).toHaveText(/运行版本 [AB] 的检索/);
    // The app's own search is answered meanwhile, by the active (keyword) version.
    const search = await lexbone.call('search', { query: '违约金过高', preset: 'standard' });
    expect(search.ok && search.value.models).toEqual({ embedder: null, reranker: null });
    await expect(session).toHaveAttribute('data-state', 'preparing');
    await shot(page, testInfo.project.outputDir, 'eval-ab-preparing-zh.png');

    await session.getByTestId('ab-cancel').click();
    await expect(session).toHaveAttribute('data-state', 'cancelled');
    await expect(session.getByTestId('ab-progress-phase')).toHaveText('已取消');
    await expect(session).toContainText('未保存任何结果');
    await expect(session.getByTestId('ab-cancel')).toHaveCount(0);
    await expect(session.getByTestId('ab-session-open')).toHaveCount(0);
    await expect(page.getByTestId('ab-prepare')).toBeEnabled();
    const cancelledId = (await session.getAttribute('data-id'))!;
    // Stopped before the end; no session file was written.
    const counts = (await session.locator('.import__detail').textContent())!;
    expect(Number(/(\d+) \/ (\d+)/.exec(counts)![1])).toBeLessThan(2 * RECENT.length);
    expect(readdirSync(lexbone.dataDir)).not.toContain('ab');
    await page.getByTestId('lang-en').click();
    await expect(session.getByTestId('ab-progress-phase')).toHaveText('Cancelled');
    await expect(session).toContainText('nothing was saved');
    await shot(page, testInfo.project.outputDir, 'eval-ab-cancelled-en.png');
    await page.getByTestId('lang-zh').click();

    // The next preparation runs to the end.
    await page.getByTestId('ab-prepare').click();
    const next = page.locator(`[data-testid="ab-session"]:not([data-id="${cancelledId}"])`);
    await expect(next).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
    const id = (await next.getAttribute('data-id'))!;
    expect(readdirSync(join(lexbone.dataDir, 'ab'))).toEqual([`${id}.json`]);
    await expect(page.locator(`[data-testid="ab-session"][data-id="${cancelledId}"]`)).toHaveAttribute('data-state', 'cancelled');
  });
});

test.describe('with the report the app ships', () => {
  const shipped = join(REPO_ROOT, 'resources', 'evaluation', 'report.json');
  test.use({ evaluationReport: { path: shipped } });

  test('shows every row and curve of resources/evaluation/report.json', async ({ page, lexbone }, testInfo) => {
    const report = JSON.parse(readFileSync(shipped, 'utf8')) as { queries: number; embedderTable: unknown[]; rerankerTable: unknown[]; pipelineTable: unknown[]; curves: unknown[]; presets: unknown[] };
    await openEval(page, lexbone.url);
    await expect(page.getByTestId('eval-meta-line')).toContainText(`${report.queries} 条查询`);
    await expect(page.getByTestId('embedder-table').getByTestId('eval-row')).toHaveCount(report.embedderTable.length);
    await expect(page.getByTestId('reranker-table').getByTestId('eval-row')).toHaveCount(report.rerankerTable.length);
    await expect(page.getByTestId('pipeline-table').getByTestId('eval-row')).toHaveCount(report.pipelineTable.length);
    await expect(page.getByTestId('recall-chart-line')).toHaveCount(report.curves.length);
    await expect(page.getByTestId('recall-chart-preset')).toHaveCount(report.presets.length);
    await shot(page, testInfo.project.outputDir, 'eval-report-shipped-zh.png');
  });
});
