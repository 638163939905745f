/**
 * The main window's size, position and maximized / full-screen state: validated when read back,
 * and placed onto a display that exists now (a monitor unplugged since the last run, a laptop
 * taken off its dock, a smaller screen). Pure: no Electron, no files — window.ts feeds it the
 * displays and window-state-store.ts keeps it on disk.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What is saved: the window's normal (un-maximized) bounds and how it was shown. */
export interface WindowState {
  bounds: Rect;
  maximized: boolean;
  fullScreen: boolean;
}

/** A display as Electron's `screen` reports it; the work area leaves out task bars and docks. */
export interface DisplayArea {
  id: number;
  workArea: Rect;
}

export const DEFAULT_SIZE = { width: 1100, height: 780 } as const;
export const MIN_SIZE = { width: 560, height: 420 } as const;

/**
 * A window counts as on a display only if this much of it is there in each direction: enough to
 * grab the title bar and move it. Less (a sliver left on a monitor's edge) and it is moved.
 */
const MIN_VISIBLE = 100;

/** The state file's format version; a file of another version is ignored (defaults). */
const WINDOW_STATE_VERSION = 1;

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 1e6;

/** The saved file's contents as a state, or null if it is anything else (then the defaults apply). */
export function parseWindowState(raw: unknown): WindowState | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { version, bounds, maximized, fullScreen } = raw as Record<string, unknown>;
  if (version !== WINDOW_STATE_VERSION || typeof bounds !== 'object' || bounds === null) return null;
  const { x, y, width, height } = bounds as Record<string, unknown>;
  if (!isInt(x) || !isInt(y) || !isInt(width) || !isInt(height) || width <= 0 || height <= 0) return null;
  return { bounds: { x, y, width, height }, maximized: maximized === true, fullScreen: fullScreen === true };
}

/** What goes into the file. */
export function serializeWindowState(state: WindowState): string {
  return `${JSON.stringify({ version: WINDOW_STATE_VERSION, ...state, bounds: roundRect(state.bounds) }, null, 2)}\n`;
}

function roundRect(r: Rect): Rect {
  return { x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) };
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

/** The display showing most of `bounds`, if enough of it is visible there to reach it. */
export function displayFor(bounds: Rect, displays: readonly DisplayArea[]): DisplayArea | null {
  let best: DisplayArea | null = null;
  let bestArea = 0;
  for (const d of displays) {
    const o = overlap(bounds, d.workArea);
    const reachable = o.width >= Math.min(MIN_VISIBLE, bounds.width) && o.height >= Math.min(MIN_VISIBLE, bounds.height);
    if (reachable && o.width * o.height > bestArea) {
      best = d;
      bestArea = o.width * o.height;
    }
  }
  return best;
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(Math.max(v, lo), Math.max(lo, hi));

/** `bounds` shrunk to fit `area` (not below the minimum size) and moved wholly inside it. */
function fitInto(bounds: Rect, area: Rect): Rect {
  const width = clamp(bounds.width, Math.min(MIN_SIZE.width, area.width), area.width);
  const height = clamp(bounds.height, Math.min(MIN_SIZE.height, area.height), area.height);
  return {
    x: clamp(bounds.x, area.x, area.x + area.width - width),
    y: clamp(bounds.y, area.y, area.y + area.height - height),
    width,
    height,
  };
}

/** The default window: DEFAULT_SIZE (or the whole work area, if smaller), centred. */
function centredOn(area: Rect, size: { width: number; height: number } = DEFAULT_SIZE): Rect {
  const width = Math.min(size.width, area.width);
  const height = Math.min(size.height, area.height);
  return {
    x: area.x + Math.round((area.width - width) / 2),
    y: area.y + Math.round((area.height - height) / 2),
    width,
    height,
  };
}

/**
 * Where to open the window. A saved window whose display is still there keeps its place (fitted
 * into that display's work area, which may have shrunk); one whose display is gone opens centred
 * on the primary display with its saved size (fitted); no saved state: the default size, centred.
 * Maximized and full screen are restored as they were, on the display chosen.
 */
export function restoreWindowState(saved: WindowState | null, displays: readonly DisplayArea[], primary: DisplayArea): WindowState {
  if (!saved) return { bounds: centredOn(primary.workArea), maximized: false, fullScreen: false };
  const home = displayFor(saved.bounds, displays);
  const bounds = home ? fitInto(saved.bounds, home.workArea) : centredOn(primary.workArea, fitInto(saved.bounds, primary.workArea));
  return { bounds, maximized: saved.maximized, fullScreen: saved.fullScreen };
}

/** What a window reports, reduced to what is saved (normal bounds even while maximized). */
export interface WindowLike {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isFullScreen(): boolean;
}

export function captureWindowState(window: WindowLike): WindowState {
  return { bounds: roundRect(window.getNormalBounds()), maximized: window.isMaximized(), fullScreen: window.isFullScreen() };
}
