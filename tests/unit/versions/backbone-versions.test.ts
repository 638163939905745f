import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/backbone/store/open-database';
import { BackboneVersions } from '../../../electron/backbone/versions/backbone-versions';
import { useTempDirs } from '../../helpers/temp';

const tempDir = useTempDirs();
const open = () => new BackboneVersions(openDatabase(join(tempDir(), 'lib.db')));
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return 'no error';
};

describe('backbone versions', () => {
  it('none is active until one is activated; a version keeps its models, presets and evidence', () => {
    const v = open();
    expect(v.active()).toBeNull();
    const a = v.create({ label: 'built-in', embedderId: 'builtin-embedder-stage2', rerankerId: 'builtin-reranker-stage2', presets: { standard: { k: 80, n: 10 } }, evidence: { 'R@60': 0.81 } });
    expect(a.active).toBe(false);
    expect(v.active()).toBeNull();
    v.activate(a.id);
    const active = v.active()!;
    expect(active).toMatchObject({ id: a.id, embedderId: 'builtin-embedder-stage2', rerankerId: 'builtin-reranker-stage2', evidence: { 'R@60': 0.81 }, active: true });
    // Unnamed presets keep the defaults.
    expect(active.presets).toEqual({ quick: { k: 20, n: 10 }, standard: { k: 80, n: 10 }, research: { k: 300, n: 50 } });
  });

  it('rollback steps back through the activation history, one version per call', () => {
    const v = open();
    const [a, b, c] = ['a', 'b', 'c'].map((label) => v.create({ label, embedderId: label, rerankerId: null }));
    expect(codeOf(() => v.rollback())).toBe('NO_EARLIER_VERSION');
    v.activate(a!.id);
    expect(codeOf(() => v.rollback())).toBe('NO_EARLIER_VERSION');
    v.activate(b!.id);
    v.activate(b!.id); // activating the active version again changes nothing
    v.activate(c!.id);
    expect(v.rollback().label).toBe('b');
    expect(v.rollback().label).toBe('a');
    expect(v.active()!.label).toBe('a');
    expect(codeOf(() => v.rollback())).toBe('NO_EARLIER_VERSION');
    // Activating again after rollbacks starts a new history from there.
    v.activate(c!.id);
    expect(v.rollback().label).toBe('a');
    expect(v.list().map((x) => [x.label, x.active])).toEqual([['c', false], ['b', false], ['a', true]]);
  });

  it('an unknown version or bad presets are refused and change nothing', () => {
    const v = open();
    const a = v.create({ label: 'a', embedderId: null, rerankerId: null });
    v.activate(a.id);
    expect(codeOf(() => v.activate(99))).toBe('VERSION_NOT_FOUND');
    expect(codeOf(() => v.create({ label: 'bad', embedderId: null, rerankerId: null, presets: { quick: { k: 10, n: 20 } } }))).toBe('INVALID_REQUEST');
    expect(v.list().map((x) => x.label)).toEqual(['a']);
    expect(v.active()!.id).toBe(a.id);
  });

  it('the active version survives reopening the database', () => {
    const path = join(tempDir(), 'lib.db');
    const first = openDatabase(path);
    const v = new BackboneVersions(first);
    v.activate(v.create({ label: 'kept', embedderId: 'e', rerankerId: 'r' }).id);
    first.close();
    const again = openDatabase(path);
    expect(new BackboneVersions(again).active()!.label).toBe('kept');
    again.close();
  });
});
