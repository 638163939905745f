/** The header indicator's reading of the `models` status, and how often it asks. */
import { describe, expect, it } from 'vitest';
import type { ModelsStatus } from '../../../electron/contract/types';
import { indexView, nextPollMs, READY_POLL_MS } from '../../../renderer/src/hooks/use-index-progress';
import { parseRoute } from '../../../renderer/src/hooks/use-route';
import { menuEventHash, SHELL_PAGES } from '../../../electron/contract/shell-types';

const NONE: ModelsStatus = { installed: [], problems: [], embedder: null, reranker: null, index: null, indexing: null, missingModels: [], error: null };
const index = (state: 'building' | 'ready') => ({ key: 'k', modelId: 'builtin-embedder-stage3', state, articles: 120, quantization: 'int8' });

describe('the index build as the header sees it', () => {
  it('is building while an indexing pass runs, even while an older index serves', () => {
    const progress = { phase: 'indexing:embed', done: 30, total: 120, etaMs: null, state: 'running' as const, modelId: 'builtin-embedder-stage2' };
    expect(indexView({ ...NONE, indexing: progress })).toEqual({ state: 'building', progress, articles: null });
    expect(indexView({ ...NONE, index: index('ready'), indexing: progress })).toMatchObject({ state: 'building', articles: 120 });
    expect(indexView({ ...NONE, index: index('building') })).toMatchObject({ state: 'building', progress: null });
  });

  it('is ready once the index serves and nothing runs; idle with no models, models loading, or an error', () => {
    expect(indexView({ ...NONE, index: index('ready') })).toEqual({ state: 'ready', progress: null, articles: 120 });
    expect(indexView(NONE).state).toBe('idle');
    expect(indexView(null).state).toBe('idle');
    expect(indexView({ ...NONE, error: { code: 'MODEL_LOAD_FAILED', message: 'x' } }).state).toBe('idle');
  });

  it('asks every second while building, backs off to 10 s while idle, and every 15 s once ready', () => {
    const building = indexView({ ...NONE, indexing: { phase: 'indexing:embed', done: 1, total: 2, etaMs: null, state: 'running' as const, modelId: 'builtin-embedder-stage2' } });
    expect(nextPollMs(building, 0, 1000)).toBe(1000);
    expect([1, 2, 3, 4, 5, 9].map((n) => nextPollMs(indexView(NONE), n, 1000))).toEqual([2000, 4000, 8000, 10_000, 10_000, 10_000]);
    expect(nextPollMs(indexView({ ...NONE, index: index('ready') }), 0, 1000)).toBe(READY_POLL_MS);
  });
});

describe('menu events open routes the renderer knows', () => {
  it('each page the View menu names parses back to that page', () => {
    for (const page of SHELL_PAGES) expect(parseRoute(menuEventHash({ type: 'navigate', page })).page).toBe(page);
    const importRoute = parseRoute(menuEventHash({ type: 'import-statutes' }));
    expect(importRoute.page).toBe('models');
    expect(importRoute.query.get('action')).toBe('import');
  });
});
