/**
 * The backbone versions panel below the search: it shows the active version, activates another
 * with one click, rolls back, reports a refused rollback, and says only "chosen automatically"
 * when there are no versions. Versions are written into the test's database before its server
 * starts (the fixture's prepareDb), as `npm run select` would.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { Library } from '../../electron/backbone/library';
import { expect, test, waitForReady, type Lexbone } from './fixtures';

const LEXICAL = { label: '关键词基线', embedderId: null, rerankerId: null } as const;
const MODELS = {
  label: '内置模型（第三阶段）',
  embedderId: 'builtin-embedder-stage3',
  rerankerId: 'builtin-reranker-stage3',
  presets: { standard: { k: 80, n: 20 } },
} as const;

/** Two versions, the lexical one active (so the server loads no models at start). */
function seedTwoVersions(dbPath: string): void {
  const library = new Library(dbPath);
  try {
    const lexical = library.createVersion(LEXICAL);
    library.createVersion(MODELS);
    library.activateVersion(lexical.id);
  } finally {
    library.close();
  }
}

async function openPanel(page: Page, url: string) {
  await page.goto(url);
  await waitForReady(page);
  await page.getByTestId('nav-models').click();
  const panel = page.getByTestId('versions-panel');
  await expect(panel).toBeVisible();
  return panel;
}

/** The active version's label as `POST /api/v1/versions` reports it. */
async function activeLabel(lexbone: Lexbone): Promise<string | undefined> {
  const listed = await lexbone.call('versions');
  if (!listed.ok) throw new Error(`versions failed: ${listed.error.code} ${listed.error.message}`);
  return listed.value.find((v) => v.active)?.label;
}

test.describe('with two versions, the lexical one active', () => {
  test.use({ prepareDb: { run: seedTwoVersions } });

  test('activate the other version, then roll back to the first', async ({ page, lexbone }, testInfo) => {
    const panel = await openPanel(page, lexbone.url);
    const active = panel.getByTestId('versions-active');
    await expect(active.getByTestId('version-label')).toHaveText(LEXICAL.label);
    await expect(active.getByTestId('version-embedder')).toHaveText('仅关键词检索');
    await expect(active.getByTestId('version-reranker')).toHaveText('无重排序');
    await expect(active.getByTestId('version-presets')).toHaveText('快速 20→10 · 标准 60→10 · 深入 300→50');
    await expect(panel.getByTestId('versions-empty')).toHaveCount(0);

    // The list is collapsed until asked for; newest first.
    await expect(panel.getByTestId('versions-list')).toHaveCount(0);
    await panel.getByTestId('versions-toggle').click();
    const items = panel.getByTestId('version-item');
    await expect(items.getByTestId('version-label')).toHaveText([MODELS.label, LEXICAL.label]);
    const modelsItem = items.first();
    await expect(modelsItem).toHaveAttribute('data-active', 'false');
    await expect(items.last()).toHaveAttribute('data-active', 'true');
    await expect(items.last().getByTestId('version-activate')).toHaveCount(0);

    await modelsItem.getByTestId('version-activate').click();
    await expect(active.getByTestId('version-label')).toHaveText(MODELS.label);
    await expect(active.getByTestId('version-embedder')).toHaveText(MODELS.embedderId);
    await expect(active.getByTestId('version-reranker')).toHaveText(MODELS.rerankerId);
    await expect(active.getByTestId('version-presets')).toHaveText('快速 20→10 · 标准 80→20 · 深入 300→50');
    await expect(modelsItem).toHaveAttribute('data-active', 'true');
    await expect(items.last()).toHaveAttribute('data-active', 'false');
    await expect(panel.getByTestId('versions-notice')).toContainText(MODELS.label);
    expect(await activeLabel(lexbone)).toBe(MODELS.label);

    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(testInfo.project.outputDir, 'versions-panel.png'), fullPage: false });

    await panel.getByTestId('versions-rollback').click();
    await expect(active.getByTestId('version-label')).toHaveText(LEXICAL.label);
    await expect(active.getByTestId('version-embedder')).toHaveText('仅关键词检索');
    await expect(items.last()).toHaveAttribute('data-active', 'true');
    expect(await activeLabel(lexbone)).toBe(LEXICAL.label);

    // The lexical version was the first ever activated: nothing earlier to roll back to.
    await panel.getByTestId('versions-rollback').click();
    const error = panel.getByTestId('versions-error');
    await expect(error).toHaveAttribute('data-code', 'NO_EARLIER_VERSION');
    await expect(error.getByTestId('versions-error-message')).toHaveText('没有可回滚的更早版本。');
    await expect(panel).toHaveAttribute('data-busy', 'false');
    await expect(panel.getByTestId('versions-rollback')).toBeDisabled();
    await expect(active.getByTestId('version-label')).toHaveText(LEXICAL.label);
    expect(await activeLabel(lexbone)).toBe(LEXICAL.label);
  });
});

test('without versions the panel only says that the models are chosen automatically', async ({ page, lexbone }) => {
  const panel = await openPanel(page, lexbone.url);
  await expect(panel.getByTestId('versions-empty')).toHaveText(/自动选择各组件的最佳阶段/);
  await expect(panel.getByTestId('versions-active')).toHaveCount(0);
  await expect(panel.getByTestId('versions-toggle')).toHaveCount(0);
  await expect(panel.getByTestId('versions-rollback')).toHaveCount(0);
  expect(await lexbone.call('versions')).toEqual({ ok: true, value: [] });
});
