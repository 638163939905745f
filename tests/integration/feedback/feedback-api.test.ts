/**
 * Relevance feedback through the real app service over the fixture library and a real research.db:
 * marks and their precedence, a pin from a result list, "nothing here" and a search nobody used as
 * failure cases, curation by citation, filters, edits and deletes, keyed applications kept apart,
 * and an export that another machine imports to the same items (or refuses whole, naming the bad lines).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppService, type AppService } from '../../../electron/backbone/app-service';
import { Library } from '../../../electron/backbone/library';
import { dispatch } from '../../../electron/contract/dispatch';
import { ROOT } from '../../helpers/run-cli';
import { FIXTURE_CORPUS, useTempDirs } from '../../helpers/temp';

const tempDir = useTempDirs();
const WORKER = join(ROOT, 'electron', 'server', 'import-worker-tsx.mjs');

function startService(dir: string): AppService {
  const service = createAppService({ dbPath: join(dir, 'lexbone.db'), corpusPath: null, importWorkerPath: WORKER, evaluationPath: null });
  service.start();
  return service;
}

function seed(dir: string): number {
  const lib = new Library(join(dir, 'lexbone.db'));
  try {
    lib.import(FIXTURE_CORPUS);
    return lib.activateVersion(lib.createVersion({ label: 'keywords', embedderId: null, rerankerId: null }).id).id;
  } finally {
    lib.close();
  }
}

const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

describe('feedback API', () => {
  it('records marks with the served version, keeps explicit marks over opens, and turns a pin from a list into a relevant mark', async () => {
    const dir = tempDir();
    const version = seed(dir);
    const s = startService(dir);
    await s.idle();
    const h = s.handlers;
    const hits = (await h.search({ query: '违约金过高', limit: 10, offset: 0, includeSuperseded: false, preset: 'standard' })).hits;
    expect(hits.length).toBeGreaterThan(2);
    const [a, b, c] = hits;

    const relevant = await h.markResult({ query: '违约金过高', articleId: a!.articleId, mark: 'relevant', source: 'search', preset: 'standard', rank: 1 });
    expect(relevant).toMatchObject({ app: '', mark: 'relevant', source: 'search', versionId: version, preset: 'standard', rank: 1, article: { citation: a!.citation, label: a!.label } });
    // Opening it afterwards keeps the mark; opening an unmarked one records the open.
    expect(await h.markResult({ query: '违约金过高', articleId: a!.articleId, mark: 'opened', source: 'search', rank: 1 })).toMatchObject({ id: relevant.id, mark: 'relevant' });
    const opened = await h.markResult({ query: '违约金过高', articleId: b!.articleId, mark: 'opened', source: 'search', rank: 2 });
    expect(opened.mark).toBe('opened');
    // An explicit mark replaces the open (one row per query and article).
    expect(await h.markResult({ query: '违约金过高', articleId: b!.articleId, mark: 'not_relevant', source: 'search', rank: 2 })).toMatchObject({ id: opened.id, mark: 'not_relevant' });

    const folder = await h.createFolder({ name: '合同纠纷' });
    await h.pinArticle({ folderId: folder.id, articleId: c!.articleId, from: { query: '违约金过高', preset: 'standard', rank: 3 } });
    // Pinning without a list behind it gives no feedback.
    await h.pinArticle({ folderId: folder.id, articleId: b!.articleId });

    const page = await h.feedback({ limit: 100, offset: 0 });
    expect(page.total).toBe(3);
    expect(page.counts).toEqual({ relevant: 2, not_relevant: 1, nothing_here: 0, opened: 0 });
    expect(page.items.find((i) => i.source === 'pin')).toMatchObject({ mark: 'relevant', rank: 3, article: { citation: c!.citation } });
    await s.close();
  });

  it('lists failure cases, takes a citation for one, filters, edits and deletes', async () => {
    const dir = tempDir();
    seed(dir);
    const s = startService(dir);
    await s.idle();
    const h = s.handlers;
    const shown = (await h.search({ query: '违约金', limit: 10, offset: 0, includeSuperseded: false })).hits.map((x) => x.articleId);
    expect(shown.length).toBeGreaterThan(2);
    await h.markNothingHere({ query: '定金罚则', shown, source: 'search', preset: 'standard' });
    // A search nobody used: in the history with what it showed, and nothing marked, pinned or opened.
    await h.addHistory({ text: '试用期', preset: null, resultCount: 2, shown: shown.slice(0, 2) });
    // A search that was used is not a failure.
    await h.addHistory({ text: '违约金', preset: null, resultCount: 2, shown: shown.slice(0, 2) });
    await h.markResult({ query: '违约金', articleId: shown[0]!, mark: 'opened', source: 'search' });

    let cases = await h.failureCases({ limit: 50 });
    expect(cases.map((c) => [c.query, c.reason])).toEqual([['试用期', 'no_relevant_result'], ['定金罚则', 'nothing_here']]);
    expect(cases[1]!.shown).toHaveLength(shown.length);
    expect(cases[0]!.shown).toHaveLength(2);

    const added = await h.addFailureArticle({ query: '定金罚则', citation: '民法典第584条' });
    expect(added).toMatchObject({ mark: 'relevant', source: 'curation', article: { label: '第五百八十四条' } });
    cases = await h.failureCases({ limit: 50 });
    expect(cases.find((c) => c.query === '定金罚则')!.added.map((i) => i.id)).toEqual([added.id]);
    // A citation that names nothing is refused in the user's terms and adds nothing.
    const bad = await dispatch(h, 'addFailureArticle', { query: '定金罚则', citation: '民法典第9999条' });
    expect(bad.ok).toBe(false);
    expect((await h.feedback({ limit: 100, offset: 0 })).total).toBe(3);

    expect((await h.feedback({ mark: 'nothing_here', limit: 100, offset: 0 })).items.map((i) => i.query)).toEqual(['定金罚则']);
    expect((await h.feedback({ law: '民法典', mark: 'relevant', limit: 100, offset: 0 })).items.map((i) => i.id)).toEqual([added.id]);
    expect((await h.feedback({ law: '刑法', mark: 'relevant', limit: 100, offset: 0 })).total).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    expect((await h.feedback({ from: today, to: today, limit: 100, offset: 0 })).total).toBe(3);
    expect((await h.feedback({ to: '2000-01-01', limit: 100, offset: 0 })).total).toBe(0);

    expect(await h.updateFeedback({ id: added.id, mark: 'not_relevant' })).toMatchObject({ id: added.id, mark: 'not_relevant' });
    const nothing = (await h.feedback({ mark: 'nothing_here', limit: 1, offset: 0 })).items[0]!;
    expect((await dispatch(h, 'updateFeedback', { id: nothing.id, mark: 'relevant' })).ok).toBe(false);
    await h.deleteFeedback({ id: added.id });
    expect((await h.feedback({ limit: 100, offset: 0 })).items.map((i) => i.id)).not.toContain(added.id);
    const gone = await dispatch(h, 'deleteFeedback', { id: added.id });
    expect(gone).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await s.close();
  });

  it('keeps keyed applications apart; an export imports to the same items elsewhere; a bad file imports nothing', async () => {
    const dir = tempDir();
    seed(dir);
    const s = startService(dir);
    await s.idle();
    const h = s.handlers;
    const id = (await h.search({ query: '违约金', limit: 3, offset: 0, includeSuperseded: false })).hits[0]!.articleId;
    await h.markResult({ query: '违约金', articleId: id, mark: 'relevant', source: 'search', rank: 1 });
    const rag = await h.markResult({ query: '违约责任', articleId: id, mark: 'not_relevant', source: 'search', rank: 4 }, { caller: 'firm-rag' });
    expect(rag.app).toBe('firm-rag');
    // The application sees its own item only; the local user sees both.
    expect((await h.feedback({ limit: 100, offset: 0 }, { caller: 'firm-rag' })).items.map((i) => i.query)).toEqual(['违约责任']);
    expect((await h.feedback({ limit: 100, offset: 0 }, { caller: 'other-app' })).total).toBe(0);
    expect((await h.feedback({ limit: 100, offset: 0 })).total).toBe(2);
    expect(await dispatch(h, 'deleteFeedback', { id: rag.id }, { caller: 'other-app' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await h.markNothingHere({ query: '定金罚则', shown: [id], source: 'search' });

    const exported = await h.exportFeedback({});
    expect(exported.filename).toMatch(/^lexbone-feedback-\d{4}-\d{2}-\d{2}\.jsonl$/);
    const text = decode(exported.base64);
    expect(text.trim().split('\n')).toHaveLength(3);
    expect(decode((await h.exportFeedback({}, { caller: 'firm-rag' })).base64).trim().split('\n')).toHaveLength(1);
    await s.close();

    const other = tempDir();
    seed(other);
    const t = startService(other);
    await t.idle();
    const broken = text.replace('"mark":"relevant"', '"mark":"maybe"') + '{not json\n';
    const refused = await t.handlers.importFeedback({ text: broken });
    expect(refused).toMatchObject({ added: 0, updated: 0 });
    expect(refused.errors.map((e) => e.line)).toEqual([1, 4]);
    expect((await t.handlers.feedback({ limit: 100, offset: 0 })).total).toBe(0);

    expect(await t.handlers.importFeedback({ text })).toMatchObject({ lines: 3, added: 3, updated: 0, errors: [] });
    // Importing the same file again changes marks in place, adds nothing.
    expect(await t.handlers.importFeedback({ text })).toMatchObject({ lines: 3, added: 0, updated: 3 });
    const strip = (items: { query: string; mark: string; app: string; article: unknown; shown: unknown; rank: number | null; createdAt: string }[]) =>
      items.map(({ query, mark, app, article, shown, rank, createdAt }) => ({ query, mark, app, article, shown, rank, createdAt })).sort((x, y) => x.query.localeCompare(y.query));
    const imported = (await t.handlers.feedback({ limit: 100, offset: 0 })).items;
    expect(strip(imported)).toEqual(strip(text.trim().split('\n').map((l) => ({ ...JSON.parse(l), shown: JSON.parse(l).shown ?? [], rank: JSON.parse(l).rank ?? null }))));
    await t.close();
  });
});
