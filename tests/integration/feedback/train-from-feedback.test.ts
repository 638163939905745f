/**
 * Training from feedback over the fixture library with small test models: the served reranker
 * trained further on feedback questions, a new backbone version written (not active) with its
 * evidence, the model folder found by the registry; and the real CLI (`train --feedback`) killed
 * at several points, each time leaving the versions, the active one and the feedback file as they were.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toJsonl } from '../../../electron/backbone/feedback/feedback-jsonl';
import { listModels } from '../../../electron/backbone/inference/registry';
import { Library } from '../../../electron/backbone/library';
import { readFeatureModel } from '../../../electron/backbone/train/feature-model-writer';
import { trainVersionFromFeedback } from '../../../electron/backbone/train/feedback-version';
import type { FeedbackItem, FeedbackVersionEvidence } from '../../../electron/contract/feedback-types';
import { fixtureLibraryWithTestModels, TEST_FEATURES } from '../../helpers/builtin-models';
import { ROOT } from '../../helpers/run-cli';
import { useTempDirs } from '../../helpers/temp';

const tempDir = useTempDirs();

interface Row { title: string; versionDate: string | null; label: string; text: string; id: number }

/** STARD-format questions cut from article texts, and feedback on other cuts of the same articles. */
function seed(dir: string): { dbPath: string; modelsDir: string; stard: string; feedback: FeedbackItem[]; active: number } {
  const { dbPath, modelsDir } = fixtureLibraryWithTestModels(dir);
  const lib = new Library(dbPath);
  try {
    const rows = lib.db.prepare(`SELECT l.title, l.version_date AS versionDate, a.label, a.text, a.id FROM articles a JOIN laws l ON l.id = a.law_id
      WHERE l.status = 'current' AND length(a.text) > 40 ORDER BY a.id`).all() as Row[];
    const stard = rows.map((r, i) => ({ query_id: `fx-${i}`, 问题: r.text.slice(2, 22), match_name: [`${r.title}${r.label}`] }));
    writeFileSync(join(dir, 'stard.json'), JSON.stringify(stard));
    const feedback: FeedbackItem[] = [];
    let id = 1;
    for (const r of rows) {
      const query = r.text.slice(20, 36);
      const article = { lawTitle: r.title, lawVersion: r.versionDate ?? '', label: r.label, citation: `《${r.title}》${r.label}` };
      feedback.push({ id: id++, app: '', query, mark: 'relevant', source: 'search', article, shown: [], versionId: null, preset: 'standard', rank: 3, createdAt: '2026-12-01T00:00:00.000Z', updatedAt: '2026-12-01T00:00:00.000Z' });
      const wrong = rows[(rows.indexOf(r) + 1) % rows.length]!;
      feedback.push({ ...feedback.at(-1)!, id: id++, mark: 'not_relevant', rank: 1, article: { lawTitle: wrong.title, lawVersion: wrong.versionDate ?? '', label: wrong.label, citation: `《${wrong.title}》${wrong.label}` } });
    }
    const active = lib.activateVersion(lib.createVersion({ label: 'served', embedderId: 'test-static', rerankerId: 'test-features', presets: { standard: { k: 20, n: 10 } } }).id).id;
    return { dbPath, modelsDir, stard: join(dir, 'stard.json'), feedback, active };
  } finally {
    lib.close();
  }
}

describe('training from feedback', () => {
  it('writes a new version (not active) from the served reranker, with its evidence, and a model folder the registry lists', async () => {
    const dir = tempDir();
    const s = seed(dir);
    const lib = new Library(s.dbPath);
    try {
      const phases = new Set<string>();
      const version = await trainVersionFromFeedback({
        lib, modelDirs: [s.modelsDir], outDir: join(dir, 'user-models'), feedback: s.feedback, embedderId: 'test-static', rerankerId: 'test-features',
        stardQueries: s.stard, lawyerQueries: s.stard, onProgress: (p) => phases.add(p),
      });
      expect(version.active).toBe(false);
      expect(lib.activeVersion()!.id).toBe(s.active);
      expect(version.embedderId).toBe('test-static');
      expect(version.rerankerId).toMatch(/^feedback-\d{8}-\d{6}$/);
      expect(version.presets.standard).toEqual({ k: 20, n: 10 });
      const e = version.evidence as unknown as FeedbackVersionEvidence;
      expect(e).toMatchObject({ source: 'feedback', fromVersion: s.active, servedReranker: 'test-features' });
      const questions = s.feedback.length / 2;
      expect(e.feedback).toMatchObject({ items: s.feedback.length, questions, unresolved: 0, positives: questions, negatives: questions });
      expect(e.feedback.trained + e.feedback.heldOut).toBe(questions);
      expect(e.feedback.heldOut).toBeGreaterThan(0);
      for (const set of ['stard', 'lawyer', 'feedback'] as const) {
        expect(e.measures[set].queries, set).toBeGreaterThan(0);
        expect(Object.keys(e.measures[set].served).sort()).toEqual(['R@10', 'R@60', 'RR@10', 'nDCG@10']);
      }
      expect(e.flagged).toBe(e.worstDrop > 0.01);
      expect(e.bestEpoch).toBeGreaterThanOrEqual(1);
      expect([...phases]).toEqual(expect.arrayContaining(['feedback candidates', 'training']));

      const listed = listModels([s.modelsDir, join(dir, 'user-models')]).models.find((m) => m.id === version.rerankerId)!;
      expect(listed).toMatchObject({ role: 'reranker', family: 'lexbone-features', stage: 'feedback' });
      expect(readFeatureModel(listed.dir).featureNames).toEqual(TEST_FEATURES);
    } finally {
      lib.close();
    }
  });

  it('with the embedder too: the version serves a new embedder trained from the feedback, measured on its own candidates', async () => {
    const dir = tempDir();
    const s = seed(dir);
    const lib = new Library(s.dbPath);
    try {
      const version = await trainVersionFromFeedback({
        lib, modelDirs: [s.modelsDir], outDir: join(dir, 'user-models'), feedback: s.feedback, embedderId: 'test-static', rerankerId: 'test-features',
        stardQueries: s.stard, lawyerQueries: s.stard, trainEmbedder: true,
      });
      const e = version.evidence as unknown as FeedbackVersionEvidence;
      expect(version.embedderId).toBe(`${version.rerankerId}-embedder`);
      expect(e.embedder).toBe(version.embedderId);
      expect(Object.keys(e.measures.stard.trained).sort()).toEqual(['R@10', 'R@60', 'RR@10', 'nDCG@10']);
      const listed = listModels([join(dir, 'user-models')]).models.find((m) => m.id === version.embedderId)!;
      expect(listed).toMatchObject({ role: 'embedder', family: 'lexbone-static', stage: 'feedback' });
      // Trained: its vectors differ from the served embedder's.
      const before = readFileSync(join(s.modelsDir, 'test-static', 'model.onnx'));
      expect(readFileSync(join(listed.dir, 'model.onnx')).equals(before)).toBe(false);
    } finally {
      lib.close();
    }
  });

  it('too little feedback is refused in the user\'s terms, and nothing is written', async () => {
    const dir = tempDir();
    const s = seed(dir);
    const lib = new Library(s.dbPath);
    try {
      const before = lib.versions().length;
      await expect(trainVersionFromFeedback({
        lib, modelDirs: [s.modelsDir], outDir: join(dir, 'user-models'), feedback: s.feedback.filter((f) => f.mark === 'not_relevant'),
        embedderId: 'test-static', rerankerId: 'test-features', stardQueries: s.stard, lawyerQueries: s.stard,
      })).rejects.toMatchObject({ code: 'FEEDBACK_TOO_LITTLE' });
      expect(lib.versions()).toHaveLength(before);
    } finally {
      lib.close();
    }
  });

  it('the CLI killed at any point leaves the versions, the active one and the feedback file untouched; run through, it adds one version', async () => {
    const dir = tempDir();
    const s = seed(dir);
    const file = join(dir, 'feedback.jsonl');
    writeFileSync(file, toJsonl(s.feedback));
    const bytes = readFileSync(file);
    const out = join(dir, 'user-models');
    const args = ['--import', 'tsx', join(ROOT, 'electron', 'cli', 'train.ts'), '--feedback', file, '--db', s.dbPath, '--models', s.modelsDir, '--out', out];
    const versionsNow = () => {
      const lib = new Library(s.dbPath);
      try {
        return { ids: lib.versions().map((v) => v.id), active: lib.activeVersion()!.id };
      } finally {
        lib.close();
      }
    };
    const before = versionsNow();
    // Killed once its first progress line is out, and later ones (the n-th line of stderr).
    for (const afterLines of [1, 3, 6]) {
      const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let lines = 0;
      let exited = false;
      const done = new Promise<void>((resolve) => child.on('exit', () => ((exited = true), resolve())));
      child.stderr.on('data', (d: Buffer) => {
        lines += d.toString().split(/[\r\n]/).filter(Boolean).length;
        if (lines >= afterLines && !exited) child.kill('SIGKILL');
      });
      await done;
      expect(versionsNow(), `killed after ${afterLines} lines`).toEqual(before);
      expect(readFileSync(file).equals(bytes)).toBe(true);
      // Nothing half-written: at most a whole model folder no version names (killed between its rename and the version row).
      for (const m of listModels([out]).models) expect(readFeatureModel(m.dir).featureNames).toEqual(TEST_FEATURES);
    }
    const run = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    run.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const code = await new Promise<number | null>((resolve) => run.on('exit', resolve));
    expect(code).toBe(0);
    const created = JSON.parse(stdout) as { id: number; active: boolean; rerankerId: string };
    const after = versionsNow();
    expect(after.active).toBe(before.active);
    expect(after.ids).toEqual([created.id, ...before.ids]);
    expect(readdirSync(out)).toContain(created.rerankerId);
    expect(readdirSync(out).filter((n) => n.includes('.tmp-'))).toEqual([]);
  }, 240_000);
});
