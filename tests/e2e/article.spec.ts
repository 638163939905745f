/**
 * The article in context (#/article/<id>) against a real server and the fixture corpus: the whole
 * law with its contents, history and the article highlighted; a cross-reference link and who cites
 * the article (被引用); the law's
 * versions; the comparison of 劳动合同法 第三十九条 between 2007 and 2012; and a superseded
 * version's notice linking to the version in force. Each test has its own server (fixtures.ts).
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, REPO_ROOT, test, waitForReady, type Lexbone } from './fixtures';

/** The library imports the fixture corpus on start: wait for that on the search page, then ask. */
async function articleId(page: Page, lexbone: Lexbone, citation: string): Promise<number> {
  if (!page.url().startsWith(lexbone.url)) {
    await page.goto(lexbone.url);
    await waitForReady(page);
  }
  const r = await lexbone.call('article', { citation });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.articleId;
}

async function openArticle(page: Page, lexbone: Lexbone, id: number): Promise<void> {
  await page.goto(`${lexbone.url}/#/article/${id}`);
  await waitForReady(page);
  await expect(page.getByTestId('article-page')).toHaveAttribute('data-article-id', String(id));
  await expect(page.getByTestId('law-text')).toBeVisible();
}

const active = (page: Page) => page.locator('[data-testid="law-article"][data-active="true"]');

test('opening an article: the whole law, its contents and history, the article highlighted and in view', async ({ page, lexbone }, testInfo) => {
  const id = await articleId(page, lexbone, '劳动合同法第三十九条');
  await page.setViewportSize({ width: 1200, height: 860 });
  await openArticle(page, lexbone, id);

  await expect(page.getByTestId('law-title')).toHaveText('中华人民共和国劳动合同法');
  await expect(page.getByTestId('law-status')).toHaveText('现行有效');
  await expect(page.getByTestId('law-version')).toContainText('2012-12-28');
  // The fixture's 2012 version: 通过 (2007) and 修正 (2012).
  const history = page.getByTestId('history-line');
  await expect(history).toHaveCount(2);
  await expect(history.nth(0)).toContainText('2007年6月29日');
  await expect(history.nth(1)).toContainText('修正');

  // Every article of the version, in order, under its chapter headings.
  await expect(page.getByTestId('law-article')).toHaveCount(5);
  await expect(page.getByTestId('law-heading')).toHaveText(['第四章 劳动合同的解除和终止', '第七章 法律责任']);
  const toc = page.getByTestId('toc');
  await expect(toc.getByTestId('toc-entry')).toHaveCount(2);
  await expect(toc.locator('[data-current="true"]')).toContainText('第四章');

  await expect(active(page)).toHaveCount(1);
  await expect(active(page)).toHaveAttribute('data-article-id', String(id));
  await expect(active(page)).toContainText('严重失职，营私舞弊');
  await expect(active(page)).toBeInViewport();

  // A click in the contents jumps to the chapter and marks it.
  await toc.getByTestId('toc-entry').filter({ hasText: '第七章' }).click();
  await expect(page.getByTestId('law-heading').filter({ hasText: '第七章' })).toBeInViewport();
  await expect(toc.locator('[data-current="true"]')).toContainText('第七章');

  // Copy citation puts the stable citation on the clipboard.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('copy-citation').click();
  await expect(page.getByTestId('copy-citation')).toHaveText('已复制');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('《中华人民共和国劳动合同法》第三十九条');

  // Next article moves the highlight without reloading the law.
  await page.getByTestId('next-article').click();
  await expect(active(page)).toHaveAttribute('data-label', '第四十七条');
  await expect(active(page)).toBeInViewport();
  await page.getByTestId('prev-article').click();
  await expect(active(page)).toHaveAttribute('data-label', '第三十九条');

  await page.getByTestId('compare-toggle').click();
  await expect(page.getByTestId('compare')).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(testInfo.project.outputDir, 'article-zh.png'), fullPage: true });
  await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('law-status')).toHaveText('In force');
  await expect(page.getByTestId('copy-citation')).toHaveText('Copy citation');
  await page.screenshot({ path: join(testInfo.project.outputDir, 'article-en.png'), fullPage: true });
});

test('a cross-reference is a link to the article it cites', async ({ page, lexbone }) => {
  const [from, to] = [await articleId(page, lexbone, '劳动合同法第八十七条'), await articleId(page, lexbone, '劳动合同法第四十七条')];
  await openArticle(page, lexbone, from);
  // 第八十七条: 依照本法第四十七条规定的经济补偿标准的二倍 — 第四十七条 is the link.
  const link = active(page).getByTestId('xref');
  await expect(link).toHaveText('第四十七条');
  await expect(link).toHaveAttribute('href', `#/article/${to}`);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`#/article/${to}$`));
  await expect(active(page)).toHaveAttribute('data-article-id', String(to));
  await expect(active(page)).toContainText('经济补偿按劳动者在本单位工作的年限');
  await expect(active(page)).toBeInViewport();

  // The article being read can be pinned to a research folder from here.
  await active(page).getByTestId('pin-open').click();
  await active(page).getByTestId('pin-new-folder').fill('解除劳动合同');
  await active(page).getByTestId('pin-confirm').click();
  await expect(active(page).getByTestId('pinned-badge')).toContainText('解除劳动合同');
  const folders = await lexbone.call('folders');
  expect(folders.ok && folders.value.map((f) => [f.name, f.pinCount])).toEqual([['解除劳动合同', 1]]);
});

test('被引用: the provisions that cite the article, each a link with the citing words marked; in English too', async ({ page, lexbone }, testInfo) => {
  const [a47, a87] = [await articleId(page, lexbone, '劳动合同法第四十七条'), await articleId(page, lexbone, '劳动合同法第八十七条')];
  await openArticle(page, lexbone, a47);
  // 第八十七条 cites 本法第四十七条: one provision, listed open under the article.
  const cited = active(page).getByTestId('cited-by');
  await expect(cited).toHaveAttribute('data-total', '1');
  await expect(cited.getByTestId('cited-by-toggle')).toHaveText('被引用（1）');
  const items = cited.getByTestId('cited-by-item');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toHaveAttribute('data-status', 'current');
  const link = items.first().getByTestId('cited-by-link');
  await expect(link).toHaveText('劳动合同法第八十七条');
  await expect(link).toHaveAttribute('href', `#/article/${a87}`);
  await expect(items.first().getByTestId('cited-by-snippet')).toContainText('应当依照本法第四十七条规定的经济补偿标准的二倍');
  await expect(items.first().locator('mark')).toHaveText('第四十七条');
  await page.screenshot({ path: join(testInfo.project.outputDir, 'article-cited-by-zh.png') });

  // Following it opens 第八十七条, which nothing cites.
  await link.click();
  await expect(page).toHaveURL(new RegExp(`#/article/${a87}$`));
  await expect(active(page)).toHaveAttribute('data-article-id', String(a87));
  const none = active(page).getByTestId('cited-by');
  await expect(none).toHaveAttribute('data-total', '0');
  await none.getByTestId('cited-by-toggle').click();
  await expect(none).toContainText('法规库中没有其他条文引用本条。');

  await page.getByTestId('lang-en').click();
  await expect(none.getByTestId('cited-by-toggle')).toHaveText('Cited by (0)');
  await page.goBack();
  await expect(active(page).getByTestId('cited-by-toggle')).toHaveText('Cited by (1)');
});

test('the versions list and the comparison of 第三十九条 between 2007 and 2012, changes marked', async ({ page, lexbone }, testInfo) => {
  const id2012 = await articleId(page, lexbone, '劳动合同法第三十九条');
  await openArticle(page, lexbone, id2012);

  const versions = page.getByTestId('version-item');
  await expect(versions).toHaveCount(2);
  await expect(versions.nth(0)).toHaveAttribute('data-date', '2012-12-28');
  await expect(versions.nth(0)).toHaveAttribute('data-viewing', 'true');
  await expect(versions.nth(0)).toContainText('现行有效');
  await expect(versions.nth(1)).toHaveAttribute('data-date', '2007-06-29');
  await expect(versions.nth(1)).toContainText('已被修订');

  await page.getByTestId('compare-toggle').click();
  const compare = page.getByTestId('compare');
  await expect(compare.getByTestId('compare-from')).toContainText('2007-06-29');
  await expect(compare.getByTestId('compare-to')).toContainText('2012-12-28');
  // Only the 2007 text has the marker: struck through there (and nothing inserted on its side).
  await expect(compare.getByTestId('compare-from').locator('del')).toHaveText(['（二〇〇七年文本）']);
  await expect(compare.getByTestId('compare-from').locator('ins')).toHaveCount(0);
  // 2012 adds item （三）: underlined on the newer side.
  const inserted = compare.getByTestId('compare-to').locator('ins');
  await expect(inserted).toHaveCount(1);
  await expect(inserted).toContainText('（三）严重失职，营私舞弊，给用人单位造成重大损害的；');
  await expect(compare.getByTestId('compare-to')).not.toContainText('（二〇〇七年文本）');
  await expect(compare.getByTestId('compare-summary')).toContainText('删除 9 字');
  await compare.screenshot({ path: join(testInfo.project.outputDir, 'article-compare-zh.png') });

  // The 2007 entry opens the same article in that version.
  await versions.nth(1).getByTestId('version-link').click();
  await expect(page.getByTestId('law-status')).toHaveText('已被修订');
  await expect(active(page)).toHaveAttribute('data-label', '第三十九条');
  await expect(active(page)).toContainText('（二〇〇七年文本）');
  await expect(page.getByTestId('version-item').nth(1)).toHaveAttribute('data-viewing', 'true');
});

test('a superseded version says so and links to the same article in the version in force', async ({ page, lexbone }, testInfo) => {
  const id2012 = await articleId(page, lexbone, '劳动合同法第三十九条');
  const cmp = await lexbone.call('compareArticle', { articleId: id2012 });
  if (!cmp.ok) throw new Error(cmp.error.message);
  const id2007 = cmp.value.versions[0]!.article!.id;
  expect(id2007).not.toBe(id2012);

  await openArticle(page, lexbone, id2007);
  await expect(page.getByTestId('law-status')).toHaveText('已被修订');
  await expect(page.getByTestId('law-status')).toHaveAttribute('data-status', 'superseded');
  const notice = page.getByTestId('superseded-notice');
  await expect(notice).toContainText('2007-06-29');
  const link = notice.getByTestId('current-version-link');
  await expect(link).toContainText('2012-12-28');
  await expect(link).toContainText('第三十九条');
  await page.screenshot({ path: join(testInfo.project.outputDir, 'article-superseded-zh.png') });
  await link.click();
  await expect(page.getByTestId('article-page')).toHaveAttribute('data-article-id', String(id2012));
  await expect(page.getByTestId('law-status')).toHaveText('现行有效');
  await expect(page.getByTestId('superseded-notice')).toHaveCount(0);
  // A superseded version's citation names its version.
  await page.goto(`${lexbone.url}/#/article/${id2007}`);
  // Only a hash change: the article shown until the new one arrives is still the 2012 one.
  await expect(page.getByTestId('article-page')).toHaveAttribute('data-article-id', String(id2007));
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('copy-citation').click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('《中华人民共和国劳动合同法》第三十九条（2007-06-29版本）');
});

test('民法典: books and chapters nested in the contents, and the chapter being read follows the scroll', async ({ page, lexbone }) => {
  const id = await articleId(page, lexbone, '民法典第1085条');
  await page.setViewportSize({ width: 1100, height: 520 });
  await openArticle(page, lexbone, id);
  const toc = page.getByTestId('toc');
  await expect(toc.getByTestId('toc-law')).toContainText('民法典');
  await expect(toc.locator('[data-current="true"]')).toContainText('离婚');
  await expect(active(page)).toBeInViewport();

  // Scroll the text (not the contents) so that the 合同编's chapter heading reaches the top.
  const heading = page.getByTestId('law-heading').filter({ hasText: '违约责任' });
  await heading.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 40));
  await expect(toc.locator('[data-current="true"]')).toContainText('违约责任');
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(toc.locator('[data-current="true"]')).toHaveText(/^总则/);
});

test('a link to an article that does not exist shows what went wrong', async ({ page, lexbone }) => {
  await page.goto(`${lexbone.url}/#/article/987654`);
  await waitForReady(page);
  await expect(page.getByTestId('article-error')).toHaveAttribute('data-code', 'NOT_FOUND');
  await page.goto(`${lexbone.url}/#/article/abc`);
  await expect(page.getByTestId('article-error-message')).toContainText('不是有效的条文地址');
});

test.describe('laws with several versions', () => {
  // 示例运输条例 2010, 2016, 2023: 第二条 changes 三十日 → 十五日 in 2016 and stays so in 2023.
  // 示例登记办法 2015, 2021: the 2021 revision inserts a new 第二条, so the old 第二、三条 are 第三、四条.
  test.use({ corpus: join(REPO_ROOT, 'tests', 'fixtures', 'law-versions') });

  test('the reader chooses which two versions to compare; a pair that is not consecutive is diffed too', async ({ page, lexbone }) => {
    const id = await articleId(page, lexbone, '示例运输条例第二条');
    await openArticle(page, lexbone, id);
    await expect(page.getByTestId('version-item')).toHaveCount(3);
    await page.getByTestId('compare-toggle').click();
    const compare = page.getByTestId('compare');
    // Reading the version in force: its predecessor against it, where nothing changed.
    await expect(compare.getByTestId('compare-from')).toContainText('2016-02-06');
    await expect(compare.getByTestId('compare-to')).toContainText('2023-07-20');
    await expect(compare.getByTestId('compare-summary')).toHaveText('两个版本的条文内容相同。');
    await expect(compare.locator('ins, del')).toHaveCount(0);

    // 2010 against 2023 (not neighbours): 三十 struck, 十五 inserted.
    await compare.getByTestId('compare-select-from').selectOption({ label: '2010-01-01' });
    await expect(compare.getByTestId('compare-from')).toContainText('2010-01-01');
    await expect(compare.getByTestId('compare-from').locator('del')).toHaveText(['三十']);
    await expect(compare.getByTestId('compare-to').locator('ins')).toHaveText(['十五']);
    await expect(compare.getByTestId('compare-summary')).toContainText('删除 2 字，新增 2 字');

    // 第三条 is new in 2023: the older versions lack it.
    await page.getByTestId('next-article').click();
    await expect(active(page)).toHaveAttribute('data-label', '第三条');
    await expect(compare.getByTestId('compare-missing')).toContainText('2016-02-06 版本中没有与第三条对应的条文');
  });

  test('a renumbered article is compared with the provision it was, not with the old article of its number', async ({ page, lexbone }) => {
    const id = await articleId(page, lexbone, '示例登记办法第四条');
    await openArticle(page, lexbone, id);
    await page.getByTestId('compare-toggle').click();
    const compare = page.getByTestId('compare');
    // 2021 第四条 was 2015 第三条: its deadline cut from 三十 to 十五 working days.
    await expect(compare.getByTestId('compare-from')).toContainText('2015-03-01');
    await expect(compare.getByTestId('compare-from').getByTestId('compare-renumbered')).toContainText('此版本中为第三条');
    await expect(compare.getByTestId('compare-to').getByTestId('compare-renumbered')).toHaveCount(0);
    await expect(compare.getByTestId('compare-from').locator('del')).toHaveText(['三十']);
    await expect(compare.getByTestId('compare-to').locator('ins')).toHaveText(['十五']);
    await expect(compare.getByTestId('compare-summary')).toContainText('删除 2 字，新增 2 字');
    // The 2015 version in the list opens that provision (its 第三条), not the 2015 第四条 it lacks.
    const old = page.getByTestId('version-item').filter({ hasText: '2015-03-01' });
    await expect(old).toContainText('为第三条');
    await old.getByTestId('version-link').click();
    await expect(active(page)).toHaveAttribute('data-label', '第三条');
    await expect(page.getByTestId('law-version')).toContainText('2015-03-01');
    // And back from 2015 第三条 to the version in force: the notice names 第四条.
    await expect(page.getByTestId('current-version-link')).toContainText('第四条');

    // The new 第二条 has no counterpart in 2015, although 2015 has a 第二条 (another provision).
    const second = await articleId(page, lexbone, '示例登记办法第二条');
    await page.goto('about:blank'); // a fresh page: the comparison starts closed
    await openArticle(page, lexbone, second);
    await expect(page.getByTestId('law-version')).toContainText('2021-06-01');
    await page.getByTestId('compare-toggle').click();
    await expect(page.getByTestId('compare').getByTestId('compare-missing')).toContainText('2015-03-01 版本中没有与第二条对应的条文');
  });
});
