/** The window's one `models` poller: one request for all subscribers, at the soonest they want. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ModelsStatus } from '../../../electron/contract/types';
import { ModelsStatusStore } from '../../../renderer/src/hooks/models-status-store';

const NONE: ModelsStatus = { installed: [], problems: [], embedder: null, reranker: null, index: null, indexing: null, missingModels: [], error: null };

/** An API whose `models` answers after `latencyMs`, counting calls; `fail` makes the next ones reject. */
function countingApi(latencyMs = 10) {
  const api = {
    calls: 0,
    fail: false,
    models: () => {
      api.calls++;
      const n = api.calls;
      return new Promise<ModelsStatus>((resolve, reject) =>
        setTimeout(() => (api.fail ? reject(Object.assign(new Error('down'), { code: 'UNAVAILABLE' })) : resolve({ ...NONE, installed: [], problems: [{ dir: String(n), reason: 'x' }] } as unknown as ModelsStatus)), latencyMs),
      );
    },
  };
  return api;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('ModelsStatusStore', () => {
  it('asks once for several subscribers, at the soonest delay any of them wants, and tells them all', async () => {
    const api = countingApi();
    const store = new ModelsStatusStore(api);
    const seen = { header: 0, page: 0 };
    const stopHeader = store.subscribe(() => seen.header++, () => 15_000);
    const stopPage = store.subscribe(() => seen.page++, () => 2_000);
    await vi.advanceTimersByTimeAsync(10); // the first answer
    expect([api.calls, seen.header, seen.page]).toEqual([1, 1, 1]);
    await vi.advanceTimersByTimeAsync(10_000); // 2 s + 10 ms per round: four more answers, not one per subscriber
    expect(api.calls).toBe(5);
    expect([seen.header, seen.page]).toEqual([5, 5]);
    // The page goes (at 10.01 s): the header's 15 s after the last answer (8.05 s) is what is left.
    stopPage();
    const before = api.calls;
    await vi.advanceTimersByTimeAsync(13_000);
    expect(api.calls).toBe(before);
    await vi.advanceTimersByTimeAsync(100);
    expect(api.calls).toBe(before + 1);
    stopHeader();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(api.calls).toBe(before + 1); // nobody left: nothing asked
  });

  it('refresh asks at once and keeps only the latest answer; a failure keeps the last status', async () => {
    const api = countingApi(100);
    const store = new ModelsStatusStore(api);
    store.subscribe(() => {}, () => 60_000);
    await vi.advanceTimersByTimeAsync(50);
    store.refresh(); // while the first is in flight: its answer is dropped
    await vi.advanceTimersByTimeAsync(60);
    expect(store.current.status).toBeNull();
    await vi.advanceTimersByTimeAsync(50);
    expect(api.calls).toBe(2);
    expect((store.current.status as unknown as { problems: { dir: string }[] }).problems[0]!.dir).toBe('2');
    api.fail = true;
    store.refresh();
    await vi.advanceTimersByTimeAsync(100);
    expect(store.current.failure?.message).toBe('down');
    expect(store.current.status).not.toBeNull();
  });

  it('a subscriber that wants answers sooner reschedules the next request; one joining late asks at once', async () => {
    const api = countingApi();
    const store = new ModelsStatusStore(api);
    store.subscribe(() => {}, () => 15_000);
    await vi.advanceTimersByTimeAsync(10);
    store.subscribe(() => {}, (s) => (s.status ? 400 : 0));
    await vi.advanceTimersByTimeAsync(420);
    expect(api.calls).toBe(2);
    // A page opened 5 s after the last answer that wants one every 2 s: asked at once, not in 2 s.
    const late = new ModelsStatusStore(api);
    const stop = late.subscribe(() => {}, () => 60_000);
    await vi.advanceTimersByTimeAsync(5_010);
    const before = api.calls;
    late.subscribe(() => {}, () => 2_000);
    expect(api.calls).toBe(before + 1);
    stop();
  });
});
