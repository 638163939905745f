import { z } from 'zod';
import type { ApiHandlers, ApiResponses, HandlerCall } from './api';
import { createError, toApiError, type Result } from './errors';
import { API_METHODS, type ApiMethod } from './methods';
import { REQUEST_SCHEMAS } from './schemas';

export function isApiMethod(name: string): name is ApiMethod {
  return (API_METHODS as readonly string[]).includes(name);
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/**
 * Validates a raw request for `method` and calls the handler. Every transport (IPC, HTTP) goes
 * through here, so validation and error mapping are written once. `call` (e.g. an abort signal) is
 * handed to the handler as it is.
 */
export async function dispatch<M extends string>(
  handlers: ApiHandlers,
  method: M,
  body: unknown,
  call?: HandlerCall,
): Promise<Result<M extends ApiMethod ? ApiResponses[M] : unknown>> {
  try {
    if (!isApiMethod(method)) throw createError('UNKNOWN_METHOD', method);
    const parsed = REQUEST_SCHEMAS[method].safeParse(body ?? {});
    if (!parsed.success) throw createError('INVALID_REQUEST', describeIssues(parsed.error));
    const handler = handlers[method] as (req: unknown, call?: HandlerCall) => unknown;
    const value = await handler(parsed.data, call);
    return { ok: true, value } as Result<M extends ApiMethod ? ApiResponses[M] : unknown>;
  } catch (e) {
    return { ok: false, error: toApiError(e) };
  }
}
