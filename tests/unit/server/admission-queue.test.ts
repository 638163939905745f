import { describe, expect, it } from 'vitest';
import { AdmissionQueue } from '../../../electron/server/admission-queue';
import { isLexboneError } from '../../../electron/contract/errors';
import { thrown } from '../../helpers/thrown';

const tick = () => new Promise((r) => setImmediate(r));

describe('admission queue', () => {
  it('runs at most maxInflight, queues at most maxQueue first come first served, refuses the next at once', async () => {
    let t = 0;
    const q = new AdmissionQueue({ maxInflight: 2, maxQueue: 2, now: () => t });
    const a = await q.acquire();
    const b = await q.acquire();
    const order: string[] = [];
    const c = q.acquire().then((r) => (order.push('c'), r));
    const d = q.acquire().then((r) => (order.push('d'), r));
    await tick();
    expect([q.inflight, q.depth]).toEqual([2, 2]);
    const refused = await thrown(q.acquire());
    expect(isLexboneError(refused) && refused.code).toBe('OVERLOADED');
    expect((refused as { retryAfterS?: number }).retryAfterS).toBeGreaterThanOrEqual(1);
    t = 100;
    a();
    a(); // a second release of the same slot changes nothing
    await tick();
    expect(order).toEqual(['c']);
    expect([q.inflight, q.depth]).toEqual([2, 1]);
    b();
    (await c)();
    (await d)();
    expect([q.inflight, q.depth]).toEqual([0, 0]);
  });

  it('gives up a queued place when the request is aborted, and the next in line moves up', async () => {
    const q = new AdmissionQueue({ maxInflight: 1, maxQueue: 2 });
    const first = await q.acquire();
    const ctrl = new AbortController();
    const gone = q.acquire(ctrl.signal);
    const next = q.acquire();
    await tick();
    expect(q.depth).toBe(2);
    ctrl.abort(new Error('timed out'));
    expect(((await thrown(gone)) as Error).message).toBe('timed out');
    expect(q.depth).toBe(1);
    first();
    const r = await next;
    expect([q.inflight, q.depth]).toEqual([1, 0]);
    r();
  });

  it('computes Retry-After from the recent service rate: the work ahead over completions per second', async () => {
    let t = 0;
    const q = new AdmissionQueue({ maxInflight: 1, maxQueue: 4, now: () => t });
    // 10 requests served over 5 s: 2 per second.
    for (let i = 0; i < 10; i++) {
      const r = await q.acquire();
      t += 500;
      r();
    }
    expect(q.serviceRate()).toBeCloseTo(2, 5);
    const hold = await q.acquire();
    const waiting = [q.acquire(), q.acquire(), q.acquire(), q.acquire()];
    await tick();
    // 1 running + 4 queued at 2/s: 2.5 s → 3.
    expect(q.retryAfterSeconds()).toBe(3);
    t += 60_000; // nothing completed in the window: falls back to the mean hold time (500 ms per slot)
    expect(q.serviceRate()).toBe(0);
    expect(q.retryAfterSeconds()).toBe(3);
    hold();
    for (const w of waiting) (await w)();
  });
});
