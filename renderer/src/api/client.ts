/**
 * Turns a transport into the contract's `Api`: every method resolves to its value, or throws an
 * `ApiError` carrying the code and message from `{ ok: false }`. The app never sees which
 * transport it has.
 */
import type { Api, CallOptions } from '../../../electron/contract/api';
import type { Result } from '../../../electron/contract/errors';
import { API_METHODS, type ApiMethod } from '../../../electron/contract/methods';
import { ApiError } from './api-error';
import { detectTransport, type Transport } from './transport';

function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new ApiError(result.error.code, result.error.message, result.error.messageZh);
}

export function createApi(transport: Transport = detectTransport()): Api {
  const api: Partial<Record<ApiMethod, (req: unknown, opts?: CallOptions) => Promise<unknown>>> = {};
  for (const method of API_METHODS) {
    api[method] = async (req, opts) => unwrap(await transport(method, req ?? {}, opts));
  }
  return api as Api;
}
