/**
 * The check in front of every API call over IPC: the sending frame must be the app's own renderer
 * (not an iframe, a navigated-away page or a destroyed frame); then the contract's dispatch
 * validates the request. Pure (no Electron) so the tests drive it; ipc.ts binds it to ipcMain.
 */
import type { ApiHandlers } from '../contract/api';
import { dispatch } from '../contract/dispatch';
import { createError, toApiError, type Result } from '../contract/errors';
import type { ApiMethod } from '../contract/methods';
import type { UrlGuard } from './renderer-guard';
import { said } from '../contract/said';

export function guardedDispatch(
  handlers: ApiHandlers,
  isOwnRenderer: UrlGuard,
  method: ApiMethod,
  senderUrl: string | undefined | null,
  req: unknown,
  warn: (message: string) => void = (m) => console.warn(`[lexbone] ${m}`),
): Promise<Result<unknown>> {
  if (!isOwnRenderer(senderUrl)) {
    warn(`refused ${method} from ${senderUrl ?? 'a destroyed frame'}`);
    return Promise.resolve({ ok: false, error: toApiError(createError('FORBIDDEN', said(`The page ${senderUrl ?? '(closed)'}`, `页面 ${senderUrl ?? '（已关闭）'}`))) });
  }
  return dispatch(handlers, method, req);
}
