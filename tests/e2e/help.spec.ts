/**
 * The documentation page (#/help), which Help › Documentation opens in an app window: the README
 * with its contents, reachable from the header.
 */
import { join } from 'node:path';
import { expect, test, waitForReady } from './fixtures';

test('the header opens the documentation; its contents scroll to a section', async ({ page, lexbone }, testInfo) => {
  await page.goto(lexbone.url);
  await waitForReady(page);
  await page.getByTestId('nav-help').click();
  await expect(page).toHaveURL(/#\/help$/);
  const help = page.getByTestId('help-page');
  await expect(help.getByRole('heading', { level: 2, name: '使用说明' })).toBeVisible();
  const doc = help.getByTestId('help-document');
  await expect(doc.getByRole('heading', { level: 1 })).toContainText('Lexbone');
  const setUp = doc.locator('#help-set-up');
  await expect(setUp).toHaveText('Set-up');

  // A contents entry scrolls the document to its heading.
  const measuring = doc.locator('#help-measuring');
  await expect(measuring).not.toBeInViewport();
  await help.getByTestId('help-toc-link').filter({ hasText: /^Measuring$/ }).click();
  await expect(measuring).toBeInViewport();
  await page.screenshot({ path: join(testInfo.project.outputDir, 'help-zh.png') });

  // The README's screenshots are not shipped: no broken images in their place.
  await expect(doc.locator('img')).toHaveCount(0);
  await expect(page).toHaveURL(/#\/help$/);

  await page.getByTestId('lang-en').click();
  await expect(help.getByRole('heading', { level: 2, name: 'Documentation' })).toBeVisible();
});
