/**
 * deep_research: starts a run (the contract's startResearch), follows it with researchRun until it
 * ends, reporting progress as the reranker works, and cancels it when the assistant cancels the call.
 */
import type { ResearchRunView, ResearchStarted } from '../contract/research-types';
import { toMcpError } from './mcp-errors';
import type { McpBackbone } from './mcp-server';
import { researchAnswer, type ToolAnswer } from './tool-results';

const POLL_MS = 100;

export async function followResearch(
  backbone: McpBackbone,
  args: unknown,
  signal: AbortSignal,
  onProgress: (progress: number, total: number, message: string) => void,
): Promise<ToolAnswer> {
  const started = await backbone.call('startResearch', args, signal);
  if (!started.ok) throw toMcpError(started.error);
  const runId = (started.value as ResearchStarted).runId;
  let last = -1;
  for (;;) {
    if (signal.aborted) {
      await backbone.poll('cancelResearch', { runId });
      throw signal.reason instanceof Error ? signal.reason : new Error('cancelled');
    }
    const r = await backbone.poll('researchRun', { runId }, signal);
    if (!r.ok) throw toMcpError(r.error);
    const run = r.value as ResearchRunView;
    const { phase, done, total } = run.progress;
    // Progress only grows: the first stage counts as 0, then each scored candidate.
    if (done > last) {
      last = done;
      onProgress(done, Math.max(total, 1), phase === 'reranking' ? `reranking ${done}/${total} 重排中` : phase);
    }
    if (run.state === 'failed' && run.error) throw toMcpError(run.error);
    if (run.state !== 'running') return researchAnswer(run);
    await new Promise((res) => setTimeout(res, POLL_MS));
  }
}
