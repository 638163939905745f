/**
 * The research runs of one app: kept in memory, a few at most (starting one more drops the oldest,
 * cancelling it if it still runs), and forgotten a while after they end. No timers: expiry is
 * checked on every call, so nothing keeps the process alive.
 */
import { randomUUID } from 'node:crypto';
import { createError } from '../../contract/errors';
import type { ApiHandlers } from '../../contract/api';
import type { Library } from '../library';
import { ResearchRun, type ResearchRunOptions } from './research-run';

export const MAX_RUNS = 4;
export const RUN_TTL_MINUTES = 10;

export class ResearchRuns {
  private readonly runs = new Map<string, ResearchRun>();

  constructor(private readonly opts: ResearchRunOptions & { now?: () => number } = {}) {}

  start(library: Library, req: Parameters<ApiHandlers['startResearch']>[0]): ResearchRun {
    this.prune();
    library.searchService.resolveLawFilter(req.law); // an unknown law is bad input, not a failed run
    while (this.runs.size >= MAX_RUNS) {
      const oldest = this.runs.keys().next().value!;
      this.runs.get(oldest)!.cancel();
      this.runs.delete(oldest);
    }
    const run = new ResearchRun(randomUUID(), req, library, this.opts);
    this.runs.set(run.runId, run);
    return run;
  }

  get(runId: string): ResearchRun {
    this.prune();
    const run = this.runs.get(runId);
    if (!run) throw createError('RESEARCH_RUN_NOT_FOUND', runId, RUN_TTL_MINUTES);
    return run;
  }

  /** Cancels every run (the app is closing) and waits for them to stop. */
  async close(): Promise<void> {
    const runs = [...this.runs.values()];
    for (const r of runs) r.cancel();
    this.runs.clear();
    await Promise.all(runs.map((r) => r.done));
  }

  private prune(): void {
    const now = (this.opts.now ?? Date.now)();
    for (const [id, run] of this.runs) {
      if (run.endedAt !== null && now - run.endedAt > RUN_TTL_MINUTES * 60_000) this.runs.delete(id);
    }
  }
}

/** The three research methods over `runs`, searching the library `library()` gives (it throws when not ready). */
export function researchHandlers(
  runs: ResearchRuns,
  library: () => Library,
): Pick<ApiHandlers, 'startResearch' | 'researchRun' | 'cancelResearch'> {
  return {
    startResearch: (req) => ({ runId: runs.start(library(), req).runId }),
    researchRun: (req) => runs.get(req.runId).view(),
    cancelResearch: (req) => {
      const run = runs.get(req.runId);
      run.cancel();
      return run.view();
    },
  };
}
