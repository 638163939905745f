/**
 * Sandboxed preload: exposes `window.lexbone`, one function per API method, and
 * `window.lexboneShell`, the desktop shell's three messages (menu events in, reveal a folder and
 * the UI language out), and nothing else. API functions forward the request over IPC and resolve
 * to the wire `Result`; the renderer's api client unwraps it. Menu events are validated here
 * before the page sees them. Bundled into a single CommonJS file that requires only 'electron'.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { Result } from '../contract/errors';
import { API_METHODS, ipcChannel, type ApiMethod } from '../contract/methods';
import { parseMenuEvent, parseRevealTarget, parseShellLang, SHELL_CHANNELS, type ShellBridge } from '../contract/shell-types';
import type { LexboneBridge } from '../contract/api';

function invoke(method: ApiMethod) {
  return (req: unknown): Promise<Result<unknown>> => ipcRenderer.invoke(ipcChannel(method), req ?? {});
}

const bridge = Object.fromEntries(API_METHODS.map((m) => [m, invoke(m)])) as LexboneBridge;

const shellBridge: ShellBridge = {
  onMenu(listener) {
    const onEvent = (_event: Electron.IpcRendererEvent, raw: unknown): void => {
      const event = parseMenuEvent(raw);
      if (event) listener(event);
    };
    ipcRenderer.on(SHELL_CHANNELS.menu, onEvent);
    return () => {
      ipcRenderer.off(SHELL_CHANNELS.menu, onEvent);
    };
  },
  async reveal(target) {
    const valid = parseRevealTarget(target);
    return valid ? (await ipcRenderer.invoke(SHELL_CHANNELS.reveal, valid)) === true : false;
  },
  setLanguage(lang) {
    const valid = parseShellLang(lang);
    if (valid) ipcRenderer.send(SHELL_CHANNELS.language, valid);
  },
};

contextBridge.exposeInMainWorld('lexbone', bridge);
contextBridge.exposeInMainWorld('lexboneShell', shellBridge);
