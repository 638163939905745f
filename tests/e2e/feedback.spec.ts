/**
 * Relevance feedback end to end in Chromium over a real server, the fixture corpus and the built-in
 * models: mark results with the mouse and the keyboard, pin one, say "nothing here" on another
 * query and name the right article, see every item on the feedback page, delete one, train a
 * version from the feedback, see its evidence, A/B it against the active version, activate it and
 * roll back.
 */
import { Library } from '../../electron/backbone/library';
import { expect, searchFor, servedModels, test, waitForReady } from './fixtures';

/** The built-in models as the active version, as `npm run select` would write it. */
function seedBuiltinVersion(dbPath: string): void {
  const lib = new Library(dbPath);
  try {
    lib.activateVersion(lib.createVersion({ label: '内置模型', embedderId: 'builtin-embedder-stage3', rerankerId: 'builtin-reader-stage3' }).id);
  } finally {
    lib.close();
  }
}

test.use({ prepareDb: { run: seedBuiltinVersion } });

test('mark, pin, nothing here with a citation, the feedback page, train a version, A/B, activate, roll back', async ({ page, lexbone }) => {
  test.setTimeout(240_000);
  await page.goto(lexbone.url);
  await waitForReady(page);
  await servedModels(lexbone);

  await searchFor(page, '违约金过高');
  const results = page.getByTestId('result');
  await expect(results.nth(3)).toBeVisible();
  // Mouse: the second result relevant, the first not relevant.
  await results.nth(1).getByTestId('feedback-relevant').click();
  await expect(results.nth(1).getByTestId('feedback-marks')).toHaveAttribute('data-mark', 'relevant');
  await results.nth(0).getByTestId('feedback-not-relevant').click();
  await expect(results.nth(0).getByTestId('feedback-marks')).toHaveAttribute('data-mark', 'not_relevant');
  // Keyboard: the third result selected, then R.
  await page.getByTestId('search-input').press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(results.nth(2)).toHaveAttribute('data-selected', 'true');
  await page.keyboard.press('r');
  await expect(results.nth(2).getByTestId('feedback-marks')).toHaveAttribute('data-mark', 'relevant');
  // Pinning the fourth result marks it relevant for this query.
  await results.nth(3).getByTestId('pin-open').click();
  await results.nth(3).getByTestId('pin-new-folder').fill('违约责任');
  await results.nth(3).getByTestId('pin-confirm').click();
  await expect(results.nth(3).getByTestId('pinned-badge')).toBeVisible();

  await searchFor(page, '定金罚则怎么适用');
  await page.getByTestId('nothing-here-button').click();
  await expect(page.getByTestId('nothing-here-said')).toBeVisible();
  await page.getByTestId('add-article-citation').fill('民法典第584条');
  await page.getByTestId('add-article').click();
  await expect(page.getByTestId('added-articles')).toContainText('第五百八十四条');

  await page.getByTestId('nav-feedback').click();
  const items = page.getByTestId('feedback-item');
  await expect(page.getByTestId('feedback-total')).toHaveAttribute('data-total', '6');
  await expect(items.and(page.locator('[data-source="pin"]'))).toHaveCount(1);
  await expect(items.and(page.locator('[data-mark="nothing_here"]'))).toHaveCount(1);
  await expect(items.and(page.locator('[data-source="curation"]'))).toHaveCount(1);
  await expect(page.getByTestId('failure-case').and(page.locator('[data-query="定金罚则怎么适用"]'))).toContainText('第五百八十四条');
  // Filter by mark, then delete the not-relevant item.
  await page.getByTestId('feedback-mark').selectOption('not_relevant');
  await expect(items).toHaveCount(1);
  await items.first().getByTestId('feedback-item-delete').click();
  await expect(page.getByTestId('feedback-none')).toBeVisible();
  await page.getByTestId('feedback-mark').selectOption('');
  await expect(page.getByTestId('feedback-total')).toHaveAttribute('data-total', '5');

  // Train a version from the feedback, in the background, with progress.
  await page.getByTestId('feedback-train').click();
  const done = page.getByTestId('feedback-train-done');
  await expect(done).toBeVisible({ timeout: 180_000 });
  const newId = Number(await done.getAttribute('data-version-id'));
  const versions = await lexbone.call('versions');
  if (!versions.ok) throw new Error(versions.error.message);
  const trained = versions.value.find((v) => v.id === newId)!;
  const active = versions.value.find((v) => v.active)!;
  expect(trained.active).toBe(false);
  expect(trained.rerankerId).toMatch(/^feedback-/);
  // 5 items: 4 marks on one query (3 relevant, 1 was deleted) and the curated article; "nothing here" is not trained on.
  expect((trained.evidence as { feedback: { items: number; questions: number } }).feedback).toMatchObject({ items: 5, questions: 2 });

  // Its evidence on the models page.
  await page.getByTestId('nav-models').click();
  const panel = page.getByTestId('versions-panel');
  await panel.getByTestId('versions-toggle').click();
  const item = panel.locator(`[data-testid="version-item"][data-version-id="${newId}"]`);
  await expect(item.getByTestId('feedback-evidence')).toBeVisible();
  await expect(item.getByTestId('feedback-evidence-stard')).toBeVisible();

  // A blind A/B against the active version (the A/B pages are tested in models.spec.ts).
  const ab = await lexbone.call('prepareAb', { a: active.id, b: newId, queries: ['违约金过高', '定金罚则怎么适用'] });
  if (!ab.ok) throw new Error(ab.error.message);
  await expect.poll(async () => {
    const s = await lexbone.call('abSessions');
    return s.ok ? s.value.find((x) => x.id === ab.value.id)?.state : null;
  }, { timeout: 60_000 }).toBe('ready');

  // Activate it (a flagged one only after the drop is acknowledged), then roll back.
  if ((await item.getByTestId('feedback-evidence').getAttribute('data-flagged')) === 'true') {
    await expect(item.getByTestId('version-activate')).toBeDisabled();
    await item.getByTestId('version-acknowledge-drop').check();
  }
  await item.getByTestId('version-activate').click();
  await expect(panel.getByTestId('versions-active')).toHaveAttribute('data-version-id', String(newId));
  await panel.getByTestId('versions-rollback').click();
  await expect(panel.getByTestId('versions-active')).toHaveAttribute('data-version-id', String(active.id));
});
