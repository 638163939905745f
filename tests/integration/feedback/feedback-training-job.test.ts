/**
 * Training from feedback through the app service, in the real background worker: an item deleted
 * before training is not trained on, the new version is written but not activated, and a cancelled
 * training leaves the versions, the active one and the feedback as they were.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppService, type AppService } from '../../../electron/backbone/app-service';
import { Library } from '../../../electron/backbone/library';
import type { FeedbackTrainingView, FeedbackVersionEvidence } from '../../../electron/contract/feedback-types';
import { fixtureLibraryWithTestModels } from '../../helpers/builtin-models';
import { ROOT } from '../../helpers/run-cli';
import { useTempDirs } from '../../helpers/temp';

const tempDir = useTempDirs();
const WORKER = join(ROOT, 'electron', 'server', 'import-worker-tsx.mjs');

function start(dir: string): { service: AppService; active: number; dbPath: string } {
  const { dbPath, modelsDir } = fixtureLibraryWithTestModels(dir);
  const lib = new Library(dbPath);
  const active = lib.activateVersion(lib.createVersion({ label: 'served', embedderId: 'test-static', rerankerId: 'test-features' }).id).id;
  lib.close();
  const service = createAppService({ dbPath, corpusPath: null, importWorkerPath: WORKER, modelDirs: [modelsDir], evaluationPath: null });
  service.start();
  return { service, active, dbPath };
}

async function finished(s: AppService): Promise<FeedbackTrainingView> {
  let v = await s.handlers.feedbackTraining({});
  await expect.poll(async () => (v = await s.handlers.feedbackTraining({})).state, { timeout: 60_000, interval: 50 }).not.toBe('running');
  return v;
}

/** Feedback on questions cut from article texts: each question's article marked relevant. */
async function giveFeedback(s: AppService, dbPath: string): Promise<{ query: string; id: number }[]> {
  const lib = new Library(dbPath);
  const rows = lib.db.prepare(`SELECT a.id, a.text FROM articles a JOIN laws l ON l.id = a.law_id WHERE l.status = 'current' AND length(a.text) > 40 ORDER BY a.id LIMIT 30`).all() as { id: number; text: string }[];
  lib.close();
  const given = [];
  for (const r of rows) {
    const query = r.text.slice(12, 28);
    const item = await s.handlers.markResult({ query, articleId: r.id, mark: 'relevant', source: 'search', rank: 2 });
    given.push({ query, id: item.id });
  }
  return given;
}

describe('training from feedback in the app', () => {
  it('trains on the feedback as it stands when started (a deleted item is not trained on) and writes a version it does not activate', async () => {
    const dir = tempDir();
    const { service: s, active, dbPath } = start(dir);
    await s.idle();
    const given = await giveFeedback(s, dbPath);
    await s.handlers.deleteFeedback({ id: given[0]!.id });

    const started = await s.handlers.trainFromFeedback({ embedder: false });
    expect(started).toMatchObject({ state: 'running', items: given.length - 1 });
    expect((await s.handlers.feedbackTraining({})).state).toBe('running');
    const done = await finished(s);
    expect(done).toMatchObject({ state: 'done', error: null });
    const versions = await s.handlers.versions({});
    const v = versions.find((x) => x.id === done.versionId)!;
    expect(v.active).toBe(false);
    expect(versions.find((x) => x.active)!.id).toBe(active);
    const e = v.evidence as unknown as FeedbackVersionEvidence;
    expect(e.feedback.items).toBe(given.length - 1);
    expect(e.feedback.questions).toBe(new Set(given.slice(1).map((g) => g.query)).size);
    // The new reranker is in the model folder: activating the version finds it.
    expect((await s.handlers.activateVersion({ id: v.id })).active).toBe(true);
    await s.close();
  });

  it('a cancelled training writes nothing: the versions, the active one and the feedback are as they were', async () => {
    const dir = tempDir();
    const { service: s, active, dbPath } = start(dir);
    await s.idle();
    await giveFeedback(s, dbPath);
    const before = { versions: await s.handlers.versions({}), feedback: await s.handlers.feedback({ limit: 1000, offset: 0 }) };
    await s.handlers.trainFromFeedback({ embedder: false });
    // A second start while one runs is refused.
    await expect(Promise.resolve().then(() => s.handlers.trainFromFeedback({ embedder: false }))).rejects.toMatchObject({ code: 'FEEDBACK_TRAINING_RUNNING' });
    expect((await s.handlers.cancelFeedbackTraining({})).state).toBe('running');
    expect(await finished(s)).toMatchObject({ state: 'cancelled', versionId: null, error: null });
    expect(await s.handlers.versions({})).toEqual(before.versions);
    expect((await s.handlers.versions({})).find((x) => x.active)!.id).toBe(active);
    expect(await s.handlers.feedback({ limit: 1000, offset: 0 })).toEqual(before.feedback);
    await s.close();
  });
});
