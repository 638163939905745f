/**
 * The desktop shell's screens in the renderer: the first-run screen's two steps (importing the
 * statutes, then the semantic index), the header's index indicator while the built-in embedder
 * indexes the library in the background, the database error's help, and the renderer's side of
 * the desktop menu and folder messages (window.lexboneShell, which the Electron preload exposes,
 * stood in for by a page script recording what it is asked).
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { ModelsStatus, Progress } from '../../electron/contract/types';
import { expect, test, waitForReady } from './fixtures';

const NO_MODELS: ModelsStatus = { installed: [], problems: [], embedder: null, reranker: null, index: null, indexing: null, missingModels: [], error: null };

/** Answers `status` with the given import progress while `importing()` says so, then lets the server answer. */
async function routeImport(page: Page, progress: () => Progress | null): Promise<void> {
  await page.route('**/api/v1/status', async (route) => {
    const p = progress();
    if (!p) return route.continue();
    await route.fulfill({ json: { ok: true, value: { state: 'importing', progress: p, error: null, lastImport: null } } });
  });
}

/** Answers `models` with `answer()` while it gives one, then lets the server answer. */
async function routeModels(page: Page, answer: () => ModelsStatus | null): Promise<void> {
  await page.route('**/api/v1/models', async (route) => {
    const value = answer();
    if (!value) return route.continue();
    await route.fulfill({ json: { ok: true, value } });
  });
}

const indexing = (done: number, total: number, etaMs: number | null = null): ModelsStatus => ({
  ...NO_MODELS,
  indexing: { phase: 'indexing:embed', done, total, etaMs, state: 'running' as const, modelId: 'builtin-embedder-stage2' },
});

test('the first run shows two steps: the import with its progress, and the index that follows it', async ({ page, lexbone }, testInfo) => {
  let importing = true;
  await routeImport(page, () => (importing ? { phase: 'store', done: 3_120, total: 8_400, etaMs: 5_000 } : null));
  await routeModels(page, () => (importing ? NO_MODELS : null));

  await page.goto(lexbone.url);
  const screen = page.getByTestId('progress');
  await expect(screen).toBeVisible();
  await expect(screen.getByRole('heading', { level: 2 })).toHaveText('首次启动：正在准备法规库');

  const importStep = screen.getByTestId('first-run-step-import');
  await expect(importStep).toHaveAttribute('data-state', 'active');
  await expect(importStep.getByTestId('progress-phase')).toHaveText('写入数据库');
  await expect(importStep.getByTestId('progress-counts')).toHaveText('3,120 / 8,400');
  await expect(importStep.getByTestId('progress-eta')).toHaveText('预计剩余 约 5 秒');
  await expect(importStep.getByRole('progressbar')).toHaveAttribute('value', '3120');

  const indexStep = screen.getByTestId('first-run-step-index');
  await expect(indexStep).toHaveAttribute('data-state', 'waiting');
  await expect(indexStep).toContainText('建立语义检索索引');
  await expect(indexStep).toContainText('导入完成后自动开始');
  // No page tabs and no search box until the import is done.
  await expect(page.getByTestId('nav-search')).toHaveCount(0);
  await expect(page.getByTestId('search-input')).toHaveCount(0);
  await page.screenshot({ path: join(testInfo.project.outputDir, 'first-run-zh.png') });

  await page.getByTestId('lang-en').click();
  await expect(screen.getByRole('heading', { level: 2 })).toHaveText('First start: preparing the statute library');
  await expect(importStep.getByTestId('progress-phase')).toHaveText('Writing the database');
  await expect(importStep.getByTestId('progress-eta')).toHaveText('About 5 s left');
  await expect(indexStep).toContainText('Build the semantic search index');
  await page.screenshot({ path: join(testInfo.project.outputDir, 'first-run-en.png') });
  await page.getByTestId('lang-zh').click();

  // The import ends: search is open at once.
  importing = false;
  await waitForReady(page);
  await expect(screen).toHaveCount(0);
});

test('search works while the index builds in the background; the header follows the build until it is ready', async ({ page, lexbone }, testInfo) => {
  // The fixture corpus is small, so the real build may be over before the page looks: the
  // `models` answers are first held at two points of a build, then the server answers.
  const steps = [indexing(30, 120, 20_000), indexing(90, 120, 5_000)];
  let step = 0;
  await routeModels(page, () => steps[step] ?? null);

  await page.goto(lexbone.url);
  await waitForReady(page);
  const indicator = page.getByTestId('index-indicator');
  await expect(indicator).toHaveAttribute('data-state', 'building');
  await expect(indicator.getByTestId('index-indicator-percent')).toHaveText('25%');
  await expect(indicator).toContainText('正在建立语义索引');
  await expect(indicator.getByRole('progressbar')).toHaveAttribute('value', '30');
  await expect(indicator).toHaveAttribute('href', '#/models');

  // Meanwhile the search answers.
  const input = page.getByTestId('search-input');
  await input.fill('抚养费');
  await input.press('Enter');
  await expect(page.getByTestId('result').first()).toBeVisible();
  await page.screenshot({ path: join(testInfo.project.outputDir, 'index-indicator-zh.png'), clip: { x: 0, y: 0, width: 1100, height: 260 } });

  step = 1;
  await expect(indicator.getByTestId('index-indicator-percent')).toHaveText('75%');

  // Now the server answers: its build of the fixture corpus ends, and the header says so, then clears.
  step = 2;
  await expect(indicator).toHaveAttribute('data-state', 'ready', { timeout: 45_000 });
  await expect(indicator).toContainText('语义索引已就绪');
  const models = await lexbone.call('models');
  expect(models.ok && models.value.index?.state).toBe('ready');
  expect(models.ok && models.value.indexing).toBeNull();
  await expect(indicator).toHaveCount(0, { timeout: 15_000 });
});

test('with no build running the header shows no indicator', async ({ page, lexbone }) => {
  await routeModels(page, () => ({ ...NO_MODELS, index: { key: 'k', modelId: 'm', state: 'ready', articles: 120, quantization: 'int8' } }));
  await page.goto(lexbone.url);
  await waitForReady(page);
  await expect(page.getByTestId('search-input')).toBeVisible();
  await expect(page.getByTestId('index-indicator')).toHaveCount(0);
});

test.describe('in the desktop app', () => {
  /** A stand-in for the preload's window.lexboneShell that records what it is asked. */
  async function fakeShell(page: Page): Promise<void> {
    await page.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>;
      const record = { languages: [] as string[], reveals: [] as string[], listeners: [] as ((e: unknown) => void)[] };
      w.__shell = record;
      w.lexboneShell = {
        onMenu: (listener: (e: unknown) => void) => {
          record.listeners.push(listener);
          return () => record.listeners.splice(record.listeners.indexOf(listener), 1);
        },
        reveal: async (target: string) => {
          record.reveals.push(target);
          return true;
        },
        setLanguage: (lang: string) => record.languages.push(lang),
      };
    });
  }
  const shellRecord = (page: Page) => page.evaluate(() => {
    const r = (window as unknown as { __shell: { languages: string[]; reveals: string[]; listeners: unknown[] } }).__shell;
    return { languages: r.languages, reveals: r.reveals, listeners: r.listeners.length };
  });
  const menu = (page: Page, event: unknown) =>
    page.evaluate((e) => (window as unknown as { __shell: { listeners: ((e: unknown) => void)[] } }).__shell.listeners.forEach((l) => l(e)), event);

  test('menu clicks open the pages, and the menu follows the UI language', async ({ page, lexbone }) => {
    await fakeShell(page);
    await page.goto(lexbone.url);
    await waitForReady(page);
    expect((await shellRecord(page)).listeners).toBe(1);

    await menu(page, { type: 'navigate', page: 'folders' });
    await expect(page.getByTestId('app')).toHaveAttribute('data-page', 'folders');
    await expect(page).toHaveURL(/#\/folders$/);
    await menu(page, { type: 'navigate', page: 'search' });
    await expect(page.getByTestId('app')).toHaveAttribute('data-page', 'search');
    await menu(page, { type: 'import-statutes' });
    await expect(page).toHaveURL(/#\/models\?action=import&n=1$/);
    await expect(page.getByTestId('app')).toHaveAttribute('data-page', 'models');
    // The import is brought into view, its first button focused, ready for Enter.
    await expect(page.getByTestId('import-pick-file')).toBeFocused();
    await expect(page.getByTestId('statute-import')).toBeInViewport();
    // Asked again while still there (focus and scroll moved on): it is brought back again.
    await page.getByTestId('import-pick-file').blur();
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect(page.getByTestId('import-pick-file')).not.toBeFocused();
    await menu(page, { type: 'import-statutes' });
    await expect(page).toHaveURL(/#\/models\?action=import&n=2$/);
    await expect(page.getByTestId('import-pick-file')).toBeFocused();

    await page.getByTestId('lang-en').click();
    await expect.poll(async () => (await shellRecord(page)).languages).toEqual(['zh', 'en']);
  });

  test.describe('with a damaged database', () => {
    test.use({ corruptDb: true });

    test('the error screen offers to show the data folder', async ({ page, lexbone }) => {
      await fakeShell(page);
      await page.goto(lexbone.url);
      const help = page.getByTestId('db-help');
      await expect(help).toBeVisible({ timeout: 30_000 });
      await expect(help.getByTestId('db-path')).toHaveText(lexbone.dbPath);
      await expect(help.getByTestId('copy-db-path')).toHaveCount(0);
      await help.getByTestId('reveal-data-folder').click();
      await expect.poll(async () => (await shellRecord(page)).reveals).toEqual(['data-folder']);
    });
  });
});

test.describe('with a damaged database', () => {
  test.use({ corruptDb: true });

  test('the error screen says what to do, shows where the file is, and lets the path be copied', async ({ page, lexbone }, testInfo) => {
    await page.goto(lexbone.url);
    const error = page.getByTestId('error');
    await expect(error).toBeVisible({ timeout: 30_000 });
    const help = error.getByTestId('db-help');
    await expect(help.getByRole('listitem')).toHaveText([/退出 Lexbone/, /移到其他文件夹，或改名/, /重新启动 Lexbone/]);
    await expect(help.getByTestId('db-path')).toHaveText(lexbone.dbPath);
    await expect(help.getByTestId('db-folder')).toHaveText(lexbone.dataDir);
    await expect(help).toContainText('research.db');
    // Web mode: no folder to reveal, the path is copied instead.
    await expect(help.getByTestId('reveal-data-folder')).toHaveCount(0);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: lexbone.url });
    await help.getByTestId('copy-db-path').click();
    await expect(help.getByRole('status')).toHaveText('已复制');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(lexbone.dbPath);
    await page.screenshot({ path: join(testInfo.project.outputDir, 'db-error-zh.png'), fullPage: true });

    await page.getByTestId('lang-en').click();
    await expect(help.getByRole('listitem').first()).toHaveText('Quit Lexbone.');
    await expect(help.getByRole('status')).toHaveText('Copied');
    await page.screenshot({ path: join(testInfo.project.outputDir, 'db-error-en.png'), fullPage: true });
  });
});
