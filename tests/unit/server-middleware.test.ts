import { describe, expect, it } from 'vitest';
import type { Result } from '../../electron/contract/errors';
import { runChain, type ApiMiddleware, type RequestContext } from '../../electron/server/middleware';

const ctx = (): RequestContext => ({
  method: 'search', body: { query: 'x' }, req: {} as RequestContext['req'], caller: null, startedAt: 0,
  signal: new AbortController().signal, setHeader: () => undefined,
});

describe('the middleware chain', () => {
  it('runs in order around the last step, and a middleware may change the body', async () => {
    const seen: string[] = [];
    const a: ApiMiddleware = async (c, next) => {
      seen.push('a>');
      c.body = { ...(c.body as object), preset: 'quick' };
      const r = await next();
      seen.push('<a');
      return r;
    };
    const b: ApiMiddleware = async (_c, next) => {
      seen.push('b>');
      return next();
    };
    const c = ctx();
    const r = await runChain([a, b], c, async () => {
      seen.push('last');
      return { ok: true, value: c.body };
    });
    expect(seen).toEqual(['a>', 'b>', 'last', '<a']);
    expect(r).toEqual({ ok: true, value: { query: 'x', preset: 'quick' } });
  });

  it('a middleware that refuses stops the chain', async () => {
    let reached = false;
    const refuse: ApiMiddleware = async () => ({ ok: false, error: { code: 'FORBIDDEN', message: 'no' } }) satisfies Result<never>;
    const r = await runChain([refuse], ctx(), async () => {
      reached = true;
      return { ok: true, value: 1 };
    });
    expect(reached).toBe(false);
    expect(r.ok).toBe(false);
  });
});
