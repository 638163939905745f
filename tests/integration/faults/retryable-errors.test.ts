import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiHandlers } from '../../../electron/contract/api';
import { createError } from '../../../electron/contract/errors';
import { said } from '../../../electron/contract/said';
import { createHttpServer } from '../../../electron/server/http-server';
import type { ApiMiddleware } from '../../../electron/server/middleware';

/**
 * A passing condition (the inference host restarting) reaches an HTTP caller as 503 with
 * Retry-After and `retryable: true`; a middleware's own Retry-After wins; a caller's mistake is
 * not marked retryable.
 */
let base: string;
const server = createHttpServer({
  handlers: {
    search: () => {
      throw createError('INFERENCE_UNAVAILABLE', said('it is restarting after a crash', '它正在崩溃后重启'));
    },
    article: () => {
      throw createError('CITATION_NOT_UNDERSTOOD', 'x');
    },
  } as unknown as ApiHandlers,
  middleware: [
    (async (ctx, next) => {
      if (ctx.req.headers['x-test-later']) ctx.setHeader('retry-after', '7');
      return next();
    }) satisfies ApiMiddleware,
  ],
});
beforeAll(() => new Promise<void>((r) => server.listen(0, '127.0.0.1', r)).then(() => (base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
afterAll(() => new Promise((r) => server.close(r)));

const post = (method: string, body: unknown) => fetch(`${base}/api/v1/${method}`, { method: 'POST', body: JSON.stringify(body) });

describe('retryable errors over HTTP', () => {
  it('INFERENCE_UNAVAILABLE is a 503 with Retry-After and retryable: true', async () => {
    const res = await post('search', { query: '违约金' });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await res.json()).toEqual({
      ok: false,
      error: {
        code: 'INFERENCE_UNAVAILABLE', retryable: true,
        message: expect.stringMatching(/restarting after a crash.*try again in a moment/),
        messageZh: expect.stringMatching(/正在崩溃后重启.*请稍后再试/),
      },
    });
  });

  it("a middleware's Retry-After is kept", async () => {
    const res = await fetch(`${base}/api/v1/search`, { method: 'POST', body: JSON.stringify({ query: 'x' }), headers: { 'x-test-later': '1' } });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('7');
  });

  it('a request the caller must fix is not retryable and has no Retry-After', async () => {
    const res = await post('article', { citation: 'xx' });
    expect(res.status).toBe(400);
    expect(res.headers.get('retry-after')).toBeNull();
    expect((await res.json()).error).not.toHaveProperty('retryable');
  });
});
