/**
 * Keeps the window state in `window-state.json` in the user data folder: read once at start
 * (a missing or damaged file means the defaults), written atomically (a temporary file renamed
 * over the old one, so a crash never leaves half a file) and debounced (a drag or a resize moves
 * the window hundreds of times; only where it comes to rest is written). `flush` writes at once,
 * for the window's close. No Electron here, so the tests drive it directly.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../backbone/store/write-file-atomic';
import { parseWindowState, serializeWindowState, type WindowState } from './window-state';

const WINDOW_STATE_FILE = 'window-state.json';
const SAVE_DELAY_MS = 500;

export function windowStatePath(userDataDir: string): string {
  return join(userDataDir, WINDOW_STATE_FILE);
}

/** The saved state, or null when there is none or it cannot be used. */
export function readWindowState(file: string): WindowState | null {
  try {
    return parseWindowState(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return null;
  }
}

export interface WindowStateStore {
  /** Records the latest state; it is written `delayMs` after the last call. */
  schedule(state: WindowState): void;
  /** Writes a pending state now (also the latest one given, if `state` is passed). */
  flush(state?: WindowState): void;
  /** Drops a pending write. */
  cancel(): void;
}

export interface StoreOptions {
  delayMs?: number;
  /** Where a failed write is reported; the app keeps running without a saved state. */
  onError?: (e: unknown) => void;
  write?: (file: string, text: string) => void;
}

export function createWindowStateStore(file: string, options: StoreOptions = {}): WindowStateStore {
  const delayMs = options.delayMs ?? SAVE_DELAY_MS;
  const write = options.write ?? writeFileAtomic;
  const onError = options.onError ?? ((e) => console.warn('[lexbone] could not save the window state:', e));
  let pending: WindowState | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let written: string | null = null;

  const save = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!pending) return;
    const text = serializeWindowState(pending);
    pending = null;
    if (text === written) return; // unchanged: no disk write
    try {
      write(file, text);
      written = text;
    } catch (e) {
      onError(e);
    }
  };

  return {
    schedule(state) {
      pending = state;
      if (timer) clearTimeout(timer);
      timer = setTimeout(save, delayMs);
    },
    flush(state) {
      if (state) pending = state;
      save();
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = null;
    },
  };
}
