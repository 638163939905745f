import { describe, expect, it } from 'vitest';
import { ERROR_CODES as CODES, httpStatusOf, isRetryable, retryAfterOf } from '../../electron/contract/errors';


describe('HTTP status of the typed error codes', () => {
  it('only INTERNAL (and a damaged A/B session file) are 500; LAW_VERSION_NOT_FOUND was a 500 before', () => {
    expect(CODES.filter((c) => httpStatusOf(c) === 500)).toEqual(['INTERNAL', 'AB_SESSION_DAMAGED']);
    expect(httpStatusOf('LAW_VERSION_NOT_FOUND')).toBe(404);
    expect(httpStatusOf('COMPARE_VERSIONS_INVALID')).toBe(400);
    for (const c of CODES) expect([400, 401, 403, 404, 405, 409, 413, 429, 500, 503, 504], c).toContain(httpStatusOf(c));
  });

  it('a retryable code is a 429 or 503 with a Retry-After; no other code has one', () => {
    for (const c of CODES) {
      if (isRetryable(c)) {
        expect([429, 503], c).toContain(httpStatusOf(c));
        expect(retryAfterOf(c), c).toBeGreaterThan(0);
      } else expect(retryAfterOf(c), c).toBeNull();
    }
    expect(isRetryable('INFERENCE_UNAVAILABLE')).toBe(true);
  });
});
