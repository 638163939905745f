/**
 * The models & index page (#/models) against a real server with the built-in models: installed
 * models with roles and stages, the CPU provider and why not the GPU, indexing progress with pause
 * and resume (slowed by the fixture's test-only indexing knobs), importing the user's own statutes
 * (a JSONL file, a markdown folder, a malformed file) with a progress bar, and the missing-model
 * screen on the search and models pages.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { formatChineseNumber } from '../../electron/backbone/text/chinese-numerals';
import { expect, MISSING_EMBEDDER, REPO_ROOT, searchFor, test, waitForReady, type Lexbone } from './fixtures';

const USER_STATUTES = join(REPO_ROOT, 'tests', 'fixtures', 'user-statutes');

async function openModels(page: Page, url: string) {
  await page.goto(url);
  await waitForReady(page);
  await page.getByTestId('nav-models').click();
  const models = page.getByTestId('models-page');
  await expect(models).toBeVisible();
  await expect(models.getByTestId('models-installed')).toBeVisible();
  return models;
}

async function search(page: Page, query: string) {
  await page.getByTestId('nav-search').click();
  await searchFor(page, query);
}

async function modelsStatus(lexbone: Lexbone) {
  const r = await lexbone.call('models');
  if (!r.ok) throw new Error(`models failed: ${r.error.message}`);
  return r.value;
}

const shot = (page: Page, dir: string, name: string) => page.screenshot({ path: join(dir, name), fullPage: true });

test('the header, the page and its banner share one poller of the models status', async ({ page, lexbone }) => {
  await page.goto(lexbone.url);
  await waitForReady(page); // the first run's import is done
  const asked: number[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/v1/models') asked.push(Date.now());
  });
  await page.goto('about:blank');
  await page.goto(`${lexbone.url}/#/models`);
  await expect(page.getByTestId('models-installed')).toBeVisible();
  await page.waitForTimeout(1_000);
  // Opening the page: one request for the header's indicator and the page (each used to ask itself).
  expect(asked).toHaveLength(1);
  await expect(page.getByTestId('index-facts').getByTestId('index-state')).toHaveText('就绪');
  asked.length = 0;
  await page.waitForTimeout(4_500);
  // Nothing is indexing: the page's 2 s is the soonest anyone wants, so two or three requests, never two at once.
  expect(asked.length).toBeGreaterThanOrEqual(2);
  expect(asked.length).toBeLessThanOrEqual(3);
  for (let i = 1; i < asked.length; i++) expect(asked[i]! - asked[i - 1]!).toBeGreaterThan(1_500);
});

test('lists the built-in models with roles, stages and the CPU provider with its reason, in both languages', async ({ page, lexbone }, testInfo) => {
  const models = await openModels(page, lexbone.url);
  const rows = models.getByTestId('model-row');
  await expect(rows).toHaveCount(9);
  for (const stage of [1, 2, 3]) {
    await expect(models.locator(`[data-model-id="builtin-reader-stage${stage}"]`).getByTestId('model-role')).toHaveText('重排序');
    const embedder = models.locator(`[data-model-id="builtin-embedder-stage${stage}"]`);
    await expect(embedder.getByTestId('model-role')).toHaveText('向量模型');
    await expect(embedder.getByTestId('model-stage')).toHaveText(['第一阶段', '第二阶段', '第三阶段'][stage - 1]!);
    await expect(models.locator(`[data-model-id="builtin-reranker-stage${stage}"]`).getByTestId('model-role')).toHaveText('重排序');
  }
  // The rows that serve are the ones the backbone says it serves (once the index is built).
  const index = models.getByTestId('index-facts');
  await expect(index.getByTestId('index-state')).toHaveText('就绪');
  const status = await modelsStatus(lexbone);
  expect(status.embedder?.id).toMatch(/^builtin-embedder-stage/);
  await expect(models.locator(`[data-model-id="${status.embedder!.id}"]`)).toHaveAttribute('data-serving', 'true');
  await expect(models.locator(`[data-model-id="${status.reranker!.id}"]`).getByTestId('model-serving')).toHaveText('使用中');
  await expect(models.locator('[data-serving="true"]')).toHaveCount(2);

  // This machine has no GPU provider requested: CPU, and the admin is told how to enable CUDA.
  const provider = models.getByTestId('provider-embedder');
  await expect(provider).toHaveAttribute('data-provider', 'cpu');
  await expect(provider.getByTestId('provider-text')).toHaveText(/^CPU：未尝试 GPU（设置 LEXBONE_CUDA=1 并重启/);
  await expect(models.getByTestId('provider-reranker')).toHaveAttribute('data-provider', 'cpu');

  await expect(index.getByTestId('index-model')).toHaveText(status.embedder!.id);
  const stats = await lexbone.call('stats');
  await expect(index.getByTestId('index-articles')).toHaveText(String(stats.ok && stats.value.articles.total));
  await expect(index.getByTestId('index-quantization')).toHaveText('浮点（精确）');
  await expect(models.getByTestId('versions-panel')).toBeVisible();
  await shot(page, testInfo.project.outputDir, 'models-page-zh.png');

  await page.getByTestId('lang-en').click();
  await expect(provider.getByTestId('provider-text')).toHaveText(/^CPU: no GPU tried \(set LEXBONE_CUDA=1 and restart/);
  await expect(models.locator('[data-model-id="builtin-reranker-stage1"]').getByTestId('model-role')).toHaveText('Reranker');
  await expect(models.locator('[data-model-id="builtin-embedder-stage3"]').getByTestId('model-stage')).toHaveText('Stage 3');
  await expect(index.getByTestId('index-state')).toHaveText('Ready');
  await shot(page, testInfo.project.outputDir, 'models-page-en.png');
});

test.describe('with slow indexing (2 articles a batch, 1 s after each)', () => {
  test.use({ indexing: { batchSize: 2, delayMs: 1000 } });

  test('shows indexing progress with an ETA, pauses (search still works) and resumes to a complete index', async ({ page, lexbone }, testInfo) => {
    const models = await openModels(page, lexbone.url);
    const indexing = models.getByTestId('indexing');
    await expect(indexing).toHaveAttribute('data-state', 'running');
    await expect(indexing.getByTestId('indexing-phase')).toHaveText('生成向量');
    await expect(indexing.getByTestId('indexing-eta')).toHaveText(/^预计剩余 约 \d+ 秒$/);
    const bar = indexing.getByTestId('indexing-bar');
    await expect(bar).toHaveAttribute('max', '18');
    await expect(models.getByTestId('model-indexing')).toHaveText('建立索引中');
    await expect.poll(async () => Number(await bar.getAttribute('value'))).toBeGreaterThanOrEqual(4);
    await shot(page, testInfo.project.outputDir, 'models-indexing-zh.png');

    await indexing.getByTestId('indexing-pause').click();
    await expect(indexing).toHaveAttribute('data-state', 'paused');
    await expect(indexing.getByTestId('indexing-resume')).toBeVisible();
    const at = Number(await bar.getAttribute('value'));
    expect(at).toBeLessThan(18);
    // The server answered the pause once its pass had stopped (tests/integration/models/indexing-pause.test.ts):
    // it reports the same count, so no batch can move the bar.
    const paused = await modelsStatus(lexbone);
    expect(paused.indexing).toMatchObject({ state: 'paused', done: at, total: 18 });
    await expect(bar).toHaveAttribute('value', String(at));
    expect(paused.index).toBeNull(); // no index is complete yet, so search is lexical
    await page.getByTestId('lang-en').click();
    await expect(indexing.getByTestId('indexing-resume')).toHaveText('Resume');
    await shot(page, testInfo.project.outputDir, 'models-indexing-paused-en.png');
    await page.getByTestId('lang-zh').click();

    // Search keeps working while paused (by keywords).
    await search(page, '违约金过高');
    await expect(page.getByTestId('result').first().getByTestId('result-citation')).toHaveText('《中华人民共和国民法典》第五百八十五条');

    await page.getByTestId('nav-models').click();
    await models.getByTestId('indexing-resume').click();
    await expect(models.getByTestId('indexing')).toHaveAttribute('data-state', 'running');
    await expect(models.getByTestId('indexing')).toHaveCount(0, { timeout: 30_000 });
    await expect(models.getByTestId('index-state')).toHaveText('就绪');
    await expect(models.getByTestId('index-articles')).toHaveText('18');
    const done = await modelsStatus(lexbone);
    expect(done.index).toMatchObject({ state: 'ready', articles: 18 });
    expect(done.indexing).toBeNull();
  });
});

test('imports a JSONL file with a progress bar and a report, then finds an imported article by search', async ({ page, lexbone }, testInfo) => {
  const models = await openModels(page, lexbone.url);
  const panel = models.getByTestId('statute-import');
  await panel.getByTestId('import-file-input').setInputFiles(join(USER_STATUTES, '某市物业管理条例.jsonl'));
  await expect(panel.getByTestId('import-progress')).toBeVisible();
  await expect(panel.getByTestId('import-bar')).toBeVisible();
  const done = panel.getByTestId('import-done');
  await expect(done).toContainText('已导入「某市物业管理条例.jsonl」');
  await expect(done.getByTestId('report-laws-added')).toHaveText('1');
  await expect(done.getByTestId('report-articles-added')).toHaveText('4');
  await expect(panel).toHaveAttribute('data-state', 'done');
  // The new articles are indexed incrementally: the index ends with every article.
  const stats = await lexbone.call('stats');
  const total = stats.ok ? stats.value.articles.total : 0;
  expect(total).toBe(22);
  await expect(models.getByTestId('index-articles')).toHaveText('22', { timeout: 20_000 });
  await shot(page, testInfo.project.outputDir, 'models-import-done-zh.png');

  await search(page, '物业服务企业公示收费标准');
  await expect(page.getByTestId('result').first().getByTestId('result-citation')).toHaveText('《某市物业管理条例》第三条');
});

test('uploads a markdown folder, lists the skipped file, then finds an article of it', async ({ page, lexbone }, testInfo) => {
  const models = await openModels(page, lexbone.url);
  const panel = models.getByTestId('statute-import');
  await panel.getByTestId('import-folder-input').setInputFiles(join(USER_STATUTES, '地方法规'));
  await expect(panel.getByTestId('import-progress')).toBeVisible();
  const done = panel.getByTestId('import-done');
  await expect(done).toContainText('已导入「地方法规」');
  await expect(done.getByTestId('report-articles-added')).toHaveText('3');
  await done.getByTestId('report-skipped').locator('summary').click();
  await expect(done.getByTestId('report-skipped-file')).toHaveText(/地方法规\/广东\/说明\.txt/);
  await page.getByTestId('lang-en').click();
  await expect(done).toContainText('Imported "地方法规"');
  await shot(page, testInfo.project.outputDir, 'models-import-folder-en.png');
  await page.getByTestId('lang-zh').click();

  await search(page, '电梯困人三十分钟内抵达现场');
  await expect(page.getByTestId('result').first().getByTestId('result-citation')).toHaveText('《广东省电梯安全条例》第三条');
});

test('a folder too large for one request is uploaded in pieces with a progress bar, then imported as one source', async ({ page, lexbone }) => {
  // 1,500 articles of ~300 characters: about 1.4 MB, over the 1 MiB request limit.
  const folder = join(lexbone.dataDir, 'upload', '大型法规');
  await mkdir(folder, { recursive: true });
  const filler = '本条规定的事项，由县级以上人民政府有关主管部门依照职责分工负责监督管理。'.repeat(8);
  const body = Array.from({ length: 1500 }, (_, i) => `第${formatChineseNumber(i + 1)}条 第${i + 1}项事务的管理要求：${filler}`).join('\n\n');
  await writeFile(join(folder, '某省大型管理条例(2024-01-01).md'), `# 某省大型管理条例\n\n<!-- INFO END -->\n\n${body}\n`);
  await writeFile(join(folder, '某省小型管理办法(2024-02-01).md'), '# 某省小型管理办法\n\n<!-- INFO END -->\n\n第一条 养蜂场应当远离居民区五百米以上。\n');

  // The real server answers; each staging request is held back 400 ms so the upload bar can be seen.
  const staged: number[] = [];
  await page.route('**/api/v1/uploadStatutes', async (route) => {
    staged.push(route.request().postData()?.length ?? 0);
    await new Promise((r) => setTimeout(r, 400));
    await route.continue();
  });
  const models = await openModels(page, lexbone.url);
  const panel = models.getByTestId('statute-import');
  await panel.getByTestId('import-folder-input').setInputFiles(folder);
  await expect(panel.getByTestId('upload-bar')).toBeVisible();
  const done = panel.getByTestId('import-done');
  await expect(done).toContainText('已导入「大型法规」', { timeout: 30_000 });
  await expect(done.getByTestId('report-laws-added')).toHaveText('2');
  await expect(done.getByTestId('report-articles-added')).toHaveText('1,501');
  expect(staged.length).toBeGreaterThanOrEqual(2); // over 1 MiB, in pieces of 600 KB
  expect(Math.max(...staged)).toBeLessThanOrEqual(1024 * 1024);

  await search(page, '养蜂场远离居民区');
  await expect(page.getByTestId('result').first().getByTestId('result-citation')).toHaveText('《某省小型管理办法》第一条');
});

test('a malformed file is refused with its name and line, and the library is unchanged', async ({ page, lexbone }) => {
  const models = await openModels(page, lexbone.url);
  const counts = async () => {
    const r = await lexbone.call('stats');
    return r.ok ? { laws: r.value.laws, articles: r.value.articles, categories: r.value.categories } : null;
  };
  const before = await counts();
  const panel = models.getByTestId('statute-import');
  await panel.getByTestId('import-file-input').setInputFiles(join(USER_STATUTES, '格式错误.jsonl'));
  const error = panel.getByTestId('import-error');
  await expect(error).toHaveAttribute('data-code', 'MALFORMED_RECORD');
  await expect(error).toContainText('导入失败，法规库未作任何更改');
  await expect(error.getByTestId('import-error-message')).toContainText('格式错误.jsonl，第 3 行');
  expect(await counts()).toEqual(before);

  // A relative path is refused before anything runs, saying what to type instead.
  await panel.getByTestId('import-path').fill('laws/物业.jsonl');
  await panel.getByTestId('import-path-submit').click();
  await expect(panel.getByTestId('import-error')).toHaveAttribute('data-code', 'IMPORT_PATH_INVALID');
  await expect(panel.getByTestId('import-error-message')).toContainText('请填写完整路径');
});

test.describe('when the active version names a model that is not installed', () => {
  test.use({ missingModel: true });

  test('the Chinese UI shows every error in Chinese: a missing model, a malformed file, a bad import path', async ({ page, lexbone }) => {
    /** Three or more English words in a row: a sentence the backbone left untranslated. */
    const ENGLISH = /[A-Za-z]{2,}(?:[ ,;'-]+[A-Za-z]{2,}){2,}/;
    const noEnglish = async (where: Locator) => {
      const text = (await where.innerText()).replace(/\s+/g, ' ');
      expect(text, text).not.toMatch(ENGLISH);
      return text;
    };
    await page.goto(lexbone.url);
    await waitForReady(page);
    const banner = page.getByTestId('missing-models');
    await expect(banner).toHaveAttribute('data-code', 'MODEL_NOT_INSTALLED');
    await banner.locator('summary').click();
    await expect(banner.getByTestId('missing-models-message')).toContainText(`使用的检索模型“${MISSING_EMBEDDER}”未安装`);
    await noEnglish(banner);

    const models = await openModels(page, lexbone.url);
    const panel = models.getByTestId('statute-import');
    await panel.getByTestId('import-file-input').setInputFiles(join(USER_STATUTES, '格式错误.jsonl'));
    await expect(panel.getByTestId('import-error')).toHaveAttribute('data-code', 'MALFORMED_RECORD');
    expect(await noEnglish(panel.getByTestId('import-error'))).toContain('第 3 行');

    for (const [path, code] of [['laws/物业.jsonl', 'IMPORT_PATH_INVALID'], [join(lexbone.dataDir, '不存在的文件夹'), 'FILE_NOT_FOUND']] as const) {
      await panel.getByTestId('import-path').fill(path);
      await panel.getByTestId('import-path-submit').click();
      await expect(panel.getByTestId('import-error')).toHaveAttribute('data-code', code);
      await noEnglish(panel.getByTestId('import-error'));
    }
    // The same error in English once the UI language is English: the renderer picks, nothing is re-fetched.
    await page.getByTestId('lang-en').click();
    await expect(panel.getByTestId('import-error-message')).toContainText('does not exist.');
    await page.getByTestId('lang-zh').click();
    await expect(panel.getByTestId('import-error-message')).toContainText('不存在。');
  });

  test('the search page and the models page name the model and the folder; using the built-in models clears it', async ({ page, lexbone }, testInfo) => {
    const folder = join(lexbone.dataDir, 'models');
    await page.goto(lexbone.url);
    await waitForReady(page);
    const banner = page.getByTestId('missing-models');
    await expect(banner).toBeVisible();
    await expect(banner).toHaveAttribute('data-code', 'MODEL_NOT_INSTALLED');
    await expect(banner.getByRole('heading')).toHaveText(`检索模型缺失：${MISSING_EMBEDDER}`);
    await expect(banner).toContainText('当前启用的版本「Qwen3 试用」');
    await expect(banner.getByTestId('missing-models-folder')).toHaveText(folder);
    await expect(banner.getByTestId('missing-models-rollback')).toBeVisible();
    await expect(banner.getByTestId('missing-models-builtin')).toBeVisible();
    await shot(page, testInfo.project.outputDir, 'missing-model-search-zh.png');
    await page.getByTestId('lang-en').click();
    await expect(banner.getByRole('heading')).toHaveText(`Retrieval model missing: ${MISSING_EMBEDDER}`);
    await expect(banner.getByTestId('missing-models-builtin')).toHaveText('Use the built-in models');
    await shot(page, testInfo.project.outputDir, 'missing-model-search-en.png');
    await page.getByTestId('lang-zh').click();

    // Search still answers (by keywords), below the banner.
    await search(page, '违约金过高');
    await expect(page.getByTestId('result').first().getByTestId('result-citation')).toHaveText('《中华人民共和国民法典》第五百八十五条');

    await page.getByTestId('nav-models').click();
    const onModels = page.getByTestId('models-page').getByTestId('missing-models');
    await expect(onModels.getByTestId('missing-models-folder')).toHaveText(folder);
    await expect(page.getByTestId('provider-embedder')).toHaveAttribute('data-provider', '');
    await expect(page.getByTestId('index-none')).toBeVisible();
    await onModels.getByTestId('missing-models-builtin').click();
    await expect(page.getByTestId('missing-models-switched')).toContainText('内置模型');
    await expect(page.getByTestId('missing-models')).toHaveCount(0);
    await expect(page.getByTestId('versions-active').getByTestId('version-label')).toHaveText('内置模型');
    await expect.poll(async () => (await modelsStatus(lexbone)).embedder?.id ?? null, { timeout: 20_000 }).toMatch(/^builtin-embedder-/);
    expect((await modelsStatus(lexbone)).missingModels).toEqual([]);
  });

  test('rolling back from the banner returns to the version before, and the banner goes', async ({ page, lexbone }) => {
    await page.goto(lexbone.url);
    await waitForReady(page);
    await page.getByTestId('missing-models-rollback').click();
    await expect(page.getByTestId('missing-models-switched')).toContainText('内置模型（第二阶段）');
    await expect(page.getByTestId('missing-models')).toHaveCount(0);
    const versions = await lexbone.call('versions');
    expect(versions.ok && versions.value.find((v) => v.active)?.label).toBe('内置模型（第二阶段）');
    await expect.poll(async () => (await modelsStatus(lexbone)).missingModels.length).toBe(0);
  });
});
