/**
 * The `lexbone` fixture: every test gets its own temporary data folder and its own web server
 * (electron/server/main.ts) serving the built renderer from out/renderer. Options inject
 * failures or other data:
 *
 *   test.use({ corruptDb: true })          garbage bytes in the database file before start
 *   test.use({ corpus: '/path/to/laws' })  import another corpus (file or folder) on first run
 *   test.use({ corpus: null })             start with no corpus
 *   test.use({ prepareDb: { run: (dbPath) => … } })  write to the database before the server starts
 *   test.use({ evaluationReport: { path: EVAL_FIXTURE } })  the evaluation page shows this report file
 *   test.use({ evaluationReport: { path: null } })  no evaluation report installed
 *   test.use({ researchBatch: { size: 2, delayMs: 400 } })  deep research reranks 2 candidates at a
 *                                          time and pauses 400 ms after each batch (test-only
 *                                          LEXBONE_RESEARCH_BATCH_SIZE / _DELAY_MS), so progress and
 *                                          cancel can be watched over the small fixture corpus
 *   test.use({ indexing: { batchSize: 2, delayMs: 500 } })  slow the background indexing down (test-only
 *                                          knobs LEXBONE_INDEX_BATCH_SIZE / LEXBONE_INDEX_BATCH_DELAY_MS)
 *   test.use({ abSearchDelayMs: 300 })     an A/B preparation waits 300 ms after each search (test-only
 *                                          LEXBONE_AB_SEARCH_DELAY_MS), so it can be watched and cancelled
 *   test.use({ missingModel: true })       the active backbone version names the embedder
 *                                          qwen3-embedding-0.6b, which is not installed (the version
 *                                          before it uses the built-in models)
 *
 * The server's user data folder (LEXBONE_HOME: where users' own models go) is the test's data folder.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Page } from '@playwright/test';
import type { ApiResponses } from '../../electron/contract/api';
import type { Result } from '../../electron/contract/errors';
import { httpRoute, type ApiMethod } from '../../electron/contract/methods';
import { startServer } from './server-process';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The small legal corpus shared by the integration and e2e tests. */
export const FIXTURE_CORPUS = join(REPO_ROOT, 'tests', 'fixtures', 'corpus');
const STATIC_DIR = join(REPO_ROOT, 'out', 'renderer');

export interface LexboneOptions {
  /** Corpus file or folder the server imports on first run (empty database); null for none. */
  corpus: string | null;
  /** Fill the database file with garbage before the server starts. */
  corruptDb: boolean;
  /**
   * `run` is called before the server starts, e.g. to create backbone versions (a database created
   * there has no laws yet, so the server still imports `corpus` on first run). Null: nothing.
   * An object, because Playwright would take a bare function for a fixture.
   */
  prepareDb: { run: (dbPath: string) => void | Promise<void> } | null;
  /** The report the `evaluation` method serves: a file, or `path: null` for none. Null: the server's default (resources/). */
  evaluationReport: { path: string | null } | null;
  /** Deep-research batches: candidates per reranker call and a pause after each. Null: the defaults. */
  researchBatch: { size: number; delayMs: number } | null;
  /** Articles per indexing batch and a wait after each batch, so indexing progress can be watched; null: full speed. */
  indexing: { batchSize: number; delayMs: number } | null;
  /** Activate a backbone version whose embedder (qwen3-embedding-0.6b) is not installed. */
  missingModel: boolean;
  /** A wait after each A/B preparation search (ms); null: full speed. */
  abSearchDelayMs: number | null;
}

export interface Lexbone {
  /** Base URL of this test's server, without a trailing slash. */
  url: string;
  dataDir: string;
  dbPath: string;
  /** POST a request to an API method over HTTP and return the wire Result. */
  call<M extends ApiMethod>(method: M, body?: unknown): Promise<Result<ApiResponses[M]>>;
}

/**
 * A file that starts like SQLite (so it is not simply "some other file") but whose header and
 * pages are junk. Deterministic, so a failure can be reproduced.
 */
export function corruptDatabaseBytes(size = 16 * 1024): Buffer {
  const bytes = Buffer.alloc(size);
  let seed = 0x2545f491;
  for (let i = 0; i < size; i++) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    bytes[i] = seed & 0xff;
  }
  bytes.write('SQLite format 3\0', 0, 'latin1');
  return bytes;
}

/** The model a `missingModel` version names: a real model family, never installed in tests. */
export const MISSING_EMBEDDER = 'qwen3-embedding-0.6b';

/**
 * Two versions: the built-in models, then one naming a missing embedder, which is active. The
 * library is imported here, when needed: its module graph includes the shipped glossary (a JSON
 * import), which Playwright's loader refuses without an import attribute, so specs that never
 * touch the database directly load without it.
 */
async function activateMissingModelVersion(dbPath: string): Promise<void> {
  const { Library } = await import('../../electron/backbone/library');
  const library = new Library(dbPath);
  try {
    library.activateVersion(library.createVersion({ label: '内置模型（第二阶段）', embedderId: 'builtin-embedder-stage2', rerankerId: 'builtin-reranker-stage2' }).id);
    library.activateVersion(library.createVersion({ label: 'Qwen3 试用', embedderId: MISSING_EMBEDDER, rerankerId: 'builtin-reranker-stage2' }).id);
  } finally {
    library.close();
  }
}

export const test = base.extend<LexboneOptions & { lexbone: Lexbone }>({
  corpus: [FIXTURE_CORPUS, { option: true }],
  corruptDb: [false, { option: true }],
  prepareDb: [null, { option: true }],
  evaluationReport: [null, { option: true }],
  researchBatch: [null, { option: true }],
  indexing: [null, { option: true }],
  missingModel: [false, { option: true }],
  abSearchDelayMs: [null, { option: true }],

  lexbone: async ({ corpus, corruptDb, prepareDb, evaluationReport, researchBatch, indexing, missingModel, abSearchDelayMs, request }, use, testInfo) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'lexbone-e2e-'));
    const dbPath = join(dataDir, 'lexbone.db');
    if (corruptDb) await writeFile(dbPath, corruptDatabaseBytes());
    const env: Record<string, string> = { LEXBONE_HOME: dataDir };
    if (abSearchDelayMs) env.LEXBONE_AB_SEARCH_DELAY_MS = String(abSearchDelayMs);
    if (indexing) {
      env.LEXBONE_INDEX_BATCH_SIZE = String(indexing.batchSize);
      env.LEXBONE_INDEX_BATCH_DELAY_MS = String(indexing.delayMs);
    }
    try {
      if (missingModel) await activateMissingModelVersion(dbPath);
      await prepareDb?.run(dbPath);
    } catch (e) {
      await rm(dataDir, { recursive: true, force: true });
      throw e;
    }

    const extraArgs = evaluationReport ? (evaluationReport.path ? ['--evaluation', evaluationReport.path] : ['--no-evaluation']) : [];
    if (researchBatch) {
      env.LEXBONE_RESEARCH_BATCH_SIZE = String(researchBatch.size);
      env.LEXBONE_RESEARCH_BATCH_DELAY_MS = String(researchBatch.delayMs);
    }
    const server = await startServer({ repoRoot: REPO_ROOT, dbPath, corpus, staticDir: STATIC_DIR, startTimeoutMs: 30_000, extraArgs, env }).catch(
      async (e: unknown) => {
        await rm(dataDir, { recursive: true, force: true });
        throw e;
      },
    );
    const call: Lexbone['call'] = async (method, body = {}) => {
      const response = await request.post(`${server.url}${httpRoute(method)}`, { data: body });
      return response.json();
    };
    try {
      await use({ url: server.url, dataDir, dbPath, call });
    } finally {
      await server.stop();
      const { stdout, stderr } = server.output();
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('server-stdout', { body: stdout, contentType: 'text/plain' });
        await testInfo.attach('server-stderr', { body: stderr, contentType: 'text/plain' });
      }
      await rm(dataDir, { recursive: true, force: true });
    }
  },
});

export { expect };

/**
 * Waits until the first-run import is over and the page tabs (and, on the search page, the search
 * box) are shown. Fails at once, with the
 * message on screen, if the app lands on the error screen instead.
 */
export async function waitForReady(page: Page, timeout = 45_000): Promise<void> {
  const app = page.getByTestId('app');
  await expect(app).toHaveAttribute('data-state', /^(ready|error|unreachable)$/, { timeout });
  if ((await app.getAttribute('data-state')) !== 'ready') {
    const shown = await page.getByTestId('error').innerText().catch(() => '(no error element)');
    throw new Error(`The app did not become ready; it shows:\n${shown}`);
  }
  // The page the URL's hash names is shown; on the search page, the box.
  await expect(page.getByTestId('nav-search')).toBeVisible();
  if ((await app.getAttribute('data-page')) === 'search') await expect(page.getByTestId('search-input')).toBeVisible();
}

/**
 * Types `query` into the search box and presses Enter; returns once the output belongs to that
 * query and loading is over (results, no results, or an error).
 */
export async function searchFor(page: Page, query: string): Promise<void> {
  const input = page.getByTestId('search-input');
  await input.fill(query);
  await input.press('Enter');
  const output = page.getByTestId('search-output');
  await expect(output).toHaveAttribute('data-query', query.trim());
  await expect(output).toHaveAttribute('data-busy', 'false');
}

/** Waits until the server has loaded both models and its index is ready; returns their ids. */
export async function servedModels(lexbone: Lexbone): Promise<{ embedder: string | null; reranker: string | null }> {
  // The server loads its models in the background after the import.
  for (let i = 0; i < 120; i++) {
    const m = await lexbone.call('models');
    if (m.ok && m.value.embedder && m.value.reranker && m.value.index?.state === 'ready') return { embedder: m.value.embedder.id, reranker: m.value.reranker.id };
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the models did not load');
}
