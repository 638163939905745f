/**
 * The legal glossary as the user sees it, over the fixture corpus (刑法 第二百六十四条 is there, so
 * the shipped name 盗窃罪 resolves): the direct-hit card above the results in both languages, its
 * link to the article, the badge on the result it pointed at; and the models page's glossary
 * section — counts, a firm CSV refused whole for one bad line, a good one imported (listed, and
 * found by search with its file and line), then removed.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, searchFor, test, waitForReady } from './fixtures';

const THEFT = '《中华人民共和国刑法》第二百六十四条';
/** No name of the shipped glossary: a card for it can only come from the firm's file. */
const FIRM_TERM = '顺手牵羊';
const shot = (page: Page, outputDir: string, name: string) => page.screenshot({ path: join(outputDir, name), fullPage: true });
const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

test('searching 盗窃罪 shows its direct-hit card naming 刑法第二百六十四条, in both languages; the link opens the article', async ({ page, lexbone }, testInfo) => {
  await page.goto(lexbone.url);
  await waitForReady(page);
  await searchFor(page, '盗窃罪');

  const cards = page.getByRole('region', { name: '术语直达' });
  await expect(cards).toBeVisible();
  const card = cards.getByTestId('glossary-card');
  await expect(card).toHaveCount(1);
  await expect(card).toHaveAttribute('data-whole', 'true'); // the query is the name itself: the prominent card
  await expect(card.getByRole('heading', { name: '盗窃罪' })).toBeVisible();
  await expect(card.getByTestId('glossary-card-matched')).toHaveCount(0); // typed as the term itself
  await expect(card.getByTestId('glossary-card-kind')).toHaveText('罪名');
  const link = card.getByRole('link', { name: THEFT });
  await expect(link).toBeVisible();
  await expect(card.getByTestId('glossary-card-snippet')).toContainText('盗窃公私财物');
  await expect(card.getByTestId('glossary-card-source')).toContainText(/^来源：人工编写 · 罪名：/);
  // The result the name pointed at carries a badge.
  const hit = page.getByTestId('result').filter({ has: page.getByRole('link', { name: THEFT }) });
  await expect(hit.getByTestId('result-glossary-term')).toHaveText('术语：盗窃罪');
  await shot(page, testInfo.project.outputDir, 'glossary-card-zh.png');

  // English: the same card with the English labels.
  await page.getByTestId('lang-en').click();
  const cardsEn = page.getByRole('region', { name: 'Glossary matches' });
  await expect(cardsEn.getByTestId('glossary-card-kind')).toHaveText('Crime');
  await expect(cardsEn.getByTestId('glossary-card-source')).toContainText(/^Source: hand-written · /);
  await expect(hit.getByTestId('result-glossary-term')).toHaveText('Glossary: 盗窃罪');
  await shot(page, testInfo.project.outputDir, 'glossary-card-en.png');

  // Keyboard: the card's link is reachable and opens the article.
  const linkEn = cardsEn.getByRole('link', { name: THEFT });
  const articleId = await linkEn.getAttribute('data-article-id');
  await linkEn.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/article/${articleId}$`));
  await expect(page.getByTestId('article-page')).toHaveAttribute('data-article-id', articleId!);
  await expect(page.getByTestId('law-title')).toHaveText('中华人民共和国刑法');
});

test('a name inside a longer query gets a compact card', async ({ page, lexbone }) => {
  await page.goto(lexbone.url);
  await waitForReady(page);
  await searchFor(page, '盗窃罪的数额较大怎么认定');
  const card = page.getByTestId('glossary-card');
  await expect(card).toHaveCount(1);
  await expect(card).toHaveAttribute('data-whole', 'false');
  await expect(card.getByRole('link', { name: THEFT })).toBeVisible();
});

test('models page: glossary counts; a CSV with a bad line is refused whole; a good one is listed, used by search, and removed', async ({ page, lexbone }, testInfo) => {
  await page.goto(`${lexbone.url}/#/models`);
  await waitForReady(page); // the first-run import is over: the glossary's articles are in the library
  const status = await lexbone.call('glossary');
  if (!status.ok) throw new Error(status.error.message);
  const section = page.getByTestId('glossary-section');
  await expect(section.getByRole('heading', { name: '术语表', exact: true })).toBeVisible();
  await expect(section.getByTestId('glossary-count-entries')).toHaveText(status.value.builtin.entries.toLocaleString('zh-CN'));
  await expect(section.getByTestId('glossary-count-usable')).toHaveText(String(status.value.usable));
  await expect(section.getByTestId('glossary-kinds')).toContainText('罪名');
  await expect(section.getByTestId('glossary-import-format')).toContainText('侵占罪,刑法第二百七十条');
  await expect(section.getByTestId('glossary-firm-none')).toBeVisible();

  // One bad line (2: not a citation): every error listed with its line, nothing imported.
  await section.getByTestId('glossary-import-input').setInputFiles(csv('firm.csv', `${FIRM_TERM},刑法第二百六十四条\n坏行,不是引用\n`));
  const refused = section.getByTestId('glossary-import-refused');
  await expect(refused).toContainText('未导入任何内容');
  await expect(refused.getByTestId('glossary-import-error')).toHaveCount(1);
  // In the user's language: the row's error code, translated, not the backbone's English sentence.
  await expect(refused.getByTestId('glossary-import-error')).toHaveText('第 2 行：「不是引用」不是条文引用。请写成 刑法第二百七十条 或《中华人民共和国民法典》第五百八十四条 这样的形式。');
  await expect(section.getByTestId('glossary-firm-none')).toBeVisible();
  await shot(page, testInfo.project.outputDir, 'glossary-import-refused.png');

  // A good file: imported, listed.
  await section.getByTestId('glossary-import-input').setInputFiles(csv('firm.csv', `term,citation\n${FIRM_TERM},刑法第二百六十四条\n`));
  await expect(section.getByTestId('glossary-import-done')).toHaveText('已导入「firm.csv」：1 行，1 个术语。');
  await expect(refused).toHaveCount(0);
  const row = section.getByTestId('glossary-file');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-file', 'firm.csv');
  await expect(row.getByTestId('glossary-file-rows')).toHaveText('1');
  await shot(page, testInfo.project.outputDir, 'glossary-import-done.png');

  // Search uses it: a card whose source is the firm's file and line.
  await page.getByTestId('nav-search').click();
  await waitForReady(page);
  await searchFor(page, FIRM_TERM);
  const card = page.getByTestId('glossary-card');
  await expect(card.getByRole('link', { name: THEFT })).toBeVisible();
  await expect(card.getByTestId('glossary-card-kind')).toHaveText('术语');
  await expect(card.getByTestId('glossary-card-source')).toHaveText('来源：律所术语表 firm.csv 第2行');

  // Remove asks first; cancelling keeps the file, confirming takes it away.
  await page.goto(`${lexbone.url}/#/models`);
  await waitForReady(page);
  await row.getByTestId('glossary-file-remove').click();
  await row.getByTestId('glossary-file-remove-cancel').click();
  await expect(row).toHaveCount(1);
  await row.getByTestId('glossary-file-remove').click();
  await expect(row).toContainText('删除「firm.csv」导入的全部术语？');
  await row.getByTestId('glossary-file-remove-confirm').click();
  await expect(section.getByTestId('glossary-removed')).toHaveText('已删除「firm.csv」的 1 行。');
  await expect(row).toHaveCount(0);
  await expect(section.getByTestId('glossary-firm-none')).toBeVisible();
  const after = await lexbone.call('glossary');
  expect(after.ok && after.value.firm).toEqual([]);
});
