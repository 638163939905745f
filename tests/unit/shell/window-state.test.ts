import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  captureWindowState,
  DEFAULT_SIZE,
  displayFor,
  MIN_SIZE,
  parseWindowState,
  restoreWindowState,
  serializeWindowState,
  type DisplayArea,
  type WindowState,
} from '../../../electron/main/window-state';
import { createWindowStateStore, readWindowState, windowStatePath } from '../../../electron/main/window-state-store';

// A 1920×1080 laptop panel (task bar at the bottom) and a 2560×1440 monitor to its right.
const laptop: DisplayArea = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
const monitor: DisplayArea = { id: 2, workArea: { x: 1920, y: 0, width: 2560, height: 1400 } };

const state = (x: number, y: number, width: number, height: number, extra: Partial<WindowState> = {}): WindowState => ({
  bounds: { x, y, width, height },
  maximized: false,
  fullScreen: false,
  ...extra,
});

describe('restoring the window', () => {
  it('opens at the default size, centred on the primary display, the first time', () => {
    expect(restoreWindowState(null, [laptop], laptop)).toEqual(
      state((1920 - DEFAULT_SIZE.width) / 2, (1040 - DEFAULT_SIZE.height) / 2, DEFAULT_SIZE.width, DEFAULT_SIZE.height),
    );
  });

  it('keeps a window where it was when its display is still there', () => {
    const saved = state(2300, 120, 1400, 900, { maximized: true });
    expect(restoreWindowState(saved, [laptop, monitor], laptop)).toEqual(saved);
  });

  it('moves a window from an unplugged monitor onto the primary display, keeping its size', () => {
    const saved = state(2300, 120, 1400, 900, { maximized: true });
    const restored = restoreWindowState(saved, [laptop], laptop);
    expect(restored.bounds).toEqual({ x: (1920 - 1400) / 2, y: (1040 - 900) / 2, width: 1400, height: 900 });
    expect(restored.maximized).toBe(true);
  });

  it('shrinks a window that was larger than the display it opens on now', () => {
    const saved = state(1920, 0, 2560, 1400);
    const restored = restoreWindowState(saved, [laptop], laptop);
    expect(restored.bounds).toEqual({ x: 0, y: 0, width: 1920, height: 1040 });
  });

  it('pulls back a window hanging off the edge of its display, but never below the minimum size', () => {
    // Most of it is off the laptop's right edge: it is moved inside, not re-centred.
    expect(restoreWindowState(state(1700, 900, 1000, 700), [laptop], laptop).bounds).toEqual({ x: 920, y: 340, width: 1000, height: 700 });
    expect(restoreWindowState(state(10, 10, 200, 100), [laptop], laptop).bounds).toEqual({ x: 10, y: 10, width: MIN_SIZE.width, height: MIN_SIZE.height });
  });

  it('does not count a sliver left on a display as being on it', () => {
    // 40 px of the window remain on the laptop: too little to grab, so it goes to the primary centre.
    expect(displayFor({ x: 1880, y: 100, width: 1000, height: 700 }, [laptop])).toBeNull();
    expect(displayFor({ x: 1880, y: 100, width: 1000, height: 700 }, [laptop, monitor])).toBe(monitor);
  });

  it('restores full screen as it was', () => {
    expect(restoreWindowState(state(100, 100, 1100, 780, { fullScreen: true }), [laptop], laptop).fullScreen).toBe(true);
  });

  it('fits a display smaller than the minimum size', () => {
    const tiny: DisplayArea = { id: 3, workArea: { x: 0, y: 0, width: 500, height: 400 } };
    expect(restoreWindowState(state(0, 0, 1100, 780), [tiny], tiny).bounds).toEqual({ x: 0, y: 0, width: 500, height: 400 });
  });
});

describe('the state file format', () => {
  it('round-trips and rounds fractional (scaled-display) bounds', () => {
    const text = serializeWindowState(state(10.4, 20.6, 1100.2, 780, { maximized: true }));
    expect(parseWindowState(JSON.parse(text))).toEqual(state(10, 21, 1100, 780, { maximized: true }));
  });

  it('rejects anything but a valid state of this version', () => {
    const good = JSON.parse(serializeWindowState(state(0, 0, 800, 600)));
    expect(parseWindowState(good)).not.toBeNull();
    for (const bad of [null, 42, 'x', [], { ...good, version: 2 }, { ...good, bounds: { x: 0, y: 0, width: -5, height: 600 } },
      { ...good, bounds: { x: 'a', y: 0, width: 800, height: 600 } }, { ...good, bounds: { x: 0, y: 0, width: 1e9, height: 600 } }]) {
      expect(parseWindowState(bad)).toBeNull();
    }
  });

  it('captures the normal bounds of a maximized window', () => {
    const window = { getNormalBounds: () => ({ x: 5, y: 6, width: 900, height: 700 }), isMaximized: () => true, isFullScreen: () => false };
    expect(captureWindowState(window)).toEqual(state(5, 6, 900, 700, { maximized: true }));
  });
});

describe('the state store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lexbone-window-'));
  });
  afterEach(() => {
    vi.useRealTimers();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes once, after the window comes to rest, and reads it back', () => {
    vi.useFakeTimers();
    const file = windowStatePath(dir);
    const writes: string[] = [];
    const store = createWindowStateStore(file, {
      delayMs: 500,
      write: (path, text) => {
        writes.push(text);
        writeFileSync(path, text);
      },
    });
    for (let x = 0; x < 50; x++) store.schedule(state(x, 0, 1000, 700)); // a drag
    vi.advanceTimersByTime(499);
    expect(writes).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(writes).toHaveLength(1);
    expect(readWindowState(file)).toEqual(state(49, 0, 1000, 700));

    // The same state again is not rewritten; flush writes a new one at once.
    store.schedule(state(49, 0, 1000, 700));
    vi.advanceTimersByTime(600);
    expect(writes).toHaveLength(1);
    store.flush(state(60, 0, 1000, 700, { fullScreen: true }));
    expect(writes).toHaveLength(2);
    expect(readWindowState(file)).toEqual(state(60, 0, 1000, 700, { fullScreen: true }));
  });

  it('writes atomically: no temporary file is left, and a damaged file reads as "no state"', () => {
    const file = windowStatePath(dir);
    const store = createWindowStateStore(file);
    store.flush(state(1, 2, 800, 600));
    expect(readdirSync(dir)).toEqual(['window-state.json']);
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(1);

    writeFileSync(file, '{"version":1,"bounds":{"x":1,');
    expect(readWindowState(file)).toBeNull();
    expect(readWindowState(join(dir, 'missing.json'))).toBeNull();
  });

  it('reports a failed write and keeps going', () => {
    const errors: unknown[] = [];
    const store = createWindowStateStore(join(dir, 'no-such-folder', 'window-state.json'), { onError: (e) => errors.push(e) });
    store.flush(state(1, 2, 800, 600));
    expect(errors).toHaveLength(1);
    store.flush(state(3, 4, 800, 600));
    expect(errors).toHaveLength(2);
  });
});
