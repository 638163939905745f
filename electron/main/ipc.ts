/**
 * One `ipcMain.handle` per API method. Requests from any frame other than the app's own renderer
 * are refused; the rest go through the contract's `dispatch`, which validates and maps errors.
 */
import { ipcMain } from 'electron';
import type { ApiHandlers } from '../contract/api';
import type { Result } from '../contract/errors';
import { API_METHODS, ipcChannel } from '../contract/methods';
import { guardedDispatch } from './ipc-guard';
import type { UrlGuard } from './security';

export function registerApiHandlers(handlers: ApiHandlers, isOwnRenderer: UrlGuard): () => void {
  for (const method of API_METHODS) {
    ipcMain.handle(ipcChannel(method), (event, req: unknown): Promise<Result<unknown>> => guardedDispatch(handlers, isOwnRenderer, method, event.senderFrame?.url, req));
  }
  return () => {
    for (const method of API_METHODS) ipcMain.removeHandler(ipcChannel(method));
  };
}
