/**
 * The two ways to reach the backbone. Both resolve to the contract's wire `Result`:
 * - IPC through `window.lexbone`, which the Electron preload exposes;
 * - HTTP POST of JSON to the route the contract derives from the method name (web mode).
 */
import type { Result } from '../../../electron/contract/errors';
import { httpRoute, type ApiMethod } from '../../../electron/contract/methods';
import type { CallOptions, LexboneBridge } from '../../../electron/contract/api';
import { abortedError, clientError } from './api-error';

/** Sends one call; a call whose `signal` aborts rejects with an ABORTED ApiError. */
export type Transport = (method: ApiMethod, req: unknown, opts?: CallOptions) => Promise<Result<unknown>>;


declare global {
  interface Window {
    lexbone?: LexboneBridge;
  }
}

/**
 * IPC cannot take a call back once sent: the main process finishes it, and an aborted call's late
 * answer is dropped here (the promise has already rejected with ABORTED).
 */
export function ipcTransport(bridge: LexboneBridge): Transport {
  // The transport's caller (client.ts) is typed per method; here one function serves them all.
  const call = (method: ApiMethod, req: unknown) => (bridge[method] as (r: unknown) => Promise<Result<unknown>>)(req);
  return (method, req, opts) => {
    const signal = opts?.signal;
    if (!signal) return call(method, req);
    if (signal.aborted) return Promise.reject(abortedError());
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(abortedError());
      signal.addEventListener('abort', onAbort, { once: true });
      call(method, req).then(
        (r) => {
          signal.removeEventListener('abort', onAbort);
          if (!signal.aborted) resolve(r);
        },
        (e: unknown) => {
          signal.removeEventListener('abort', onAbort);
          if (!signal.aborted) reject(e);
        },
      );
    });
  };
}

function isResult(value: unknown): value is Result<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

export function httpTransport(fetchImpl: typeof fetch = (...args) => fetch(...args)): Transport {
  return async (method, req, opts) => {
    const signal = opts?.signal;
    if (signal?.aborted) throw abortedError();
    let response: Response;
    try {
      response = await fetchImpl(httpRoute(method), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(req ?? {}),
        signal,
      });
    } catch (e) {
      if (signal?.aborted) throw abortedError();
      const detail = e instanceof Error ? e.message : String(e);
      throw clientError('NETWORK', detail);
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (signal?.aborted) throw abortedError();
    if (!isResult(body)) {
      throw clientError('BAD_RESPONSE', response.status);
    }
    return body;
  };
}

/** IPC inside the desktop app, HTTP in a browser. */
export function detectTransport(): Transport {
  return window.lexbone ? ipcTransport(window.lexbone) : httpTransport();
}
