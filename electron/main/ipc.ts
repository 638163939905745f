/**
 * One `ipcMain.handle` per API method. Requests from any frame other than the app's own renderer
 * are refused; the rest go through the contract's `dispatch`, which validates and maps errors.
 */
import { ipcMain } from 'electron';
import type { ApiHandlers } from '../contract/api';
import { dispatch } from '../contract/dispatch';
import { createError, toApiError, type Result } from '../contract/errors';
import { API_METHODS, ipcChannel } from '../contract/methods';
import type { UrlGuard } from './security';

export function registerApiHandlers(handlers: ApiHandlers, isOwnRenderer: UrlGuard): () => void {
  for (const method of API_METHODS) {
    ipcMain.handle(ipcChannel(method), async (event, req: unknown): Promise<Result<unknown>> => {
      const url = event.senderFrame?.url;
      if (!isOwnRenderer(url)) {
        console.warn(`[lexbone] refused ${method} from ${url ?? 'a destroyed frame'}`);
        return { ok: false, error: toApiError(createError('FORBIDDEN', `The page ${url ?? '(closed)'}`)) };
      }
      return dispatch(handlers, method, req);
    });
  }
  return () => {
    for (const method of API_METHODS) ipcMain.removeHandler(ipcChannel(method));
  };
}
