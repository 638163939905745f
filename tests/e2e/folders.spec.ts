/**
 * Research folders against a real server and the fixture corpus: pin a result into a new folder
 * with a note, open the folder, edit the note, export Markdown and CSV, and find it all again after
 * a reload. Each test has its own data folder (and so its own research.db; see fixtures.ts).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, searchFor, test, waitForReady } from './fixtures';

const CITATION = '《中华人民共和国民法典》第五百八十五条';
const FOLDER = '合同纠纷';
const NOTE = '约定违约金过高可请求调整';
const EDITED_NOTE = '违约金过分高于损失的，可请求法院适当减少';

const search = searchFor;

/** Clicks an export button and returns the downloaded file's name and text. */
async function exportFile(page: Page, button: Locator): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

test('pin a result into a new folder, edit its note, export it, and find it after a reload', async ({ page, lexbone }, testInfo) => {
  await page.goto(lexbone.url);
  await waitForReady(page);
  await search(page, '违约金');

  // 第五百八十五条 is the Civil Code's article on 违约金, so the query must find it.
  const result = page.getByTestId('result').filter({ has: page.getByTestId('result-citation').filter({ hasText: CITATION }) });
  await expect(result).toHaveCount(1);
  await expect(result.getByTestId('pin-action')).toHaveAttribute('data-pinned', 'false');

  await result.getByTestId('pin-open').click();
  // No folders yet: the form offers a new one.
  await result.getByTestId('pin-new-folder').fill(FOLDER);
  await result.getByTestId('pin-note').fill(NOTE);
  await result.getByTestId('pin-confirm').click();
  await expect(result.getByTestId('pin-form')).toHaveCount(0);
  await expect(result.getByTestId('pinned-badge')).toContainText(FOLDER);
  await expect(result.getByTestId('pin-action')).toHaveAttribute('data-pinned', 'true');

  // The folder, with its one pin, its note and the query that led there.
  await page.getByTestId('nav-folders').click();
  const item = page.getByTestId('folder-item').filter({ hasText: FOLDER });
  await expect(item.getByTestId('folder-item-count')).toHaveText('1 条');
  await item.click();
  const folder = page.getByTestId('folder-view');
  await expect(folder.getByTestId('folder-name')).toHaveText(FOLDER);
  const pin = folder.getByTestId('pin');
  await expect(pin).toHaveCount(1);
  await expect(pin.getByTestId('pin-citation')).toHaveText(CITATION);
  await expect(pin.getByTestId('pin-text')).toContainText('违约金');
  await expect(pin.getByTestId('pin-note-text')).toHaveText(NOTE);
  await expect(folder.getByTestId('folder-query')).toHaveText(['违约金']);

  // Edit the note in place; the saved text comes back from the backbone.
  await pin.getByTestId('pin-note-edit').click();
  await pin.getByTestId('pin-note-input').fill(EDITED_NOTE);
  await pin.getByTestId('pin-note-save').click();
  await expect(pin.getByTestId('pin-note-input')).toHaveCount(0);
  await expect(pin.getByTestId('pin-note-text')).toHaveText(EDITED_NOTE);

  await page.screenshot({ path: join(testInfo.project.outputDir, 'folders-合同纠纷.png'), fullPage: false });

  const markdown = await exportFile(page, folder.getByTestId('folder-export-markdown'));
  expect(markdown.name).toMatch(/\.md$/);
  expect(markdown.text).toContain(CITATION);
  expect(markdown.text).toContain(EDITED_NOTE);
  expect(markdown.text).not.toContain(NOTE);

  const csv = await exportFile(page, folder.getByTestId('folder-export-csv'));
  expect(csv.name).toMatch(/\.csv$/);
  expect(csv.text.startsWith('\uFEFF')).toBe(true);
  expect(csv.text).toContain(CITATION);
  expect(csv.text).toContain(EDITED_NOTE);
  await expect(page.getByTestId('folders-error')).toHaveCount(0);

  // Everything was stored: after a reload the folder and its pin are still there.
  await page.reload();
  await waitForReady(page);
  await page.getByTestId('nav-folders').click();
  await expect(page.getByTestId('folder-item').filter({ hasText: FOLDER }).getByTestId('folder-item-count')).toHaveText('1 条');
  await page.getByTestId('folder-item').filter({ hasText: FOLDER }).click();
  await expect(page.getByTestId('pin').getByTestId('pin-citation')).toHaveText(CITATION);
  await expect(page.getByTestId('pin').getByTestId('pin-note-text')).toHaveText(EDITED_NOTE);
});
