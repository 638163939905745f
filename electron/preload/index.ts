/**
 * Sandboxed preload: exposes `window.lexbone`, one function per API method, and nothing else.
 * Each function forwards the request over IPC and resolves to the wire `Result`; the renderer's
 * api client unwraps it. Bundled into a single CommonJS file that requires only 'electron'.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { Result } from '../contract/errors';
import { API_METHODS, ipcChannel, type ApiMethod } from '../contract/methods';
import type { LexboneBridge } from './bridge';

function invoke(method: ApiMethod) {
  return (req: unknown): Promise<Result<unknown>> => ipcRenderer.invoke(ipcChannel(method), req ?? {});
}

const bridge = Object.fromEntries(API_METHODS.map((m) => [m, invoke(m)])) as LexboneBridge;

contextBridge.exposeInMainWorld('lexbone', bridge);
