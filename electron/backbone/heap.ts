import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * How far V8 lets a process's JavaScript heap grow past what survived its last full collection
 * before it collects again. V8's own policy lets the heap grow to up to 4× the live size when
 * collections are fast (small heaps usually are): with 35–40 MB live in the main process that is
 * ≈ 100 MB of garbage held between collections — under a run of research searches, the largest
 * single part of the process's peak (bench: main 308 MB with it, 234 MB at 1.5×). The processes
 * that serve searches (those that open a Library, and the inference host) collect at 1.5× instead:
 * a full collection every few hundred searches (a ~10 ms pause, most of the marking concurrent).
 * `LEXBONE_HEAP_GROWING_PERCENT` sets another factor (0: V8's own policy).
 *
 * V8 reads the flag at every full collection, so setting it after start-up takes effect (Node and
 * Electron both start V8 with --no-freeze-flags-after-init, which v8.setFlagsFromString needs).
 */
const HEAP_GROWING_PERCENT = Number(process.env.LEXBONE_HEAP_GROWING_PERCENT ?? 50);

/**
 * V8 flags the inference host is started with (a Node child process here, an Electron
 * utilityProcess in the app). Its young generation is capped at 2 MB a semi-space (V8 grows it to
 * 16 MB): the host receives batches of article texts (128 while indexing, 300 candidates' texts
 * for research reranking) whose short-lived strings otherwise grow the young generation to its
 * maximum for good (bench: host peak 323 → 289 MB). It runs little JavaScript per search, so the
 * more frequent scavenges cost next to nothing. A semi-space size cannot be changed once V8 runs,
 * so this is a start-up flag, not set from inside the process: the Node host (the HTTP service, the
 * CLI, bench) is forked with it; the desktop app's utilityProcess is not yet (whether Electron
 * hands V8 flags in `execArgv` to a utility process's V8 before it starts needs checking there).
 */
export const HOST_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=2'];

let limited = false;

export function limitHeapGrowth(): void {
  if (limited) return;
  limited = true;
  if (Number.isInteger(HEAP_GROWING_PERCENT) && HEAP_GROWING_PERCENT > 0) setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

let gc: (() => void) | null | undefined;

/**
 * A full collection now, for the few places that have just dropped a large amount of memory that
 * V8 would otherwise hold for a while: Buffers from SQLite are freed only when a collection finds
 * them dead, and until then the allocator cannot reuse their memory (a loop copying 64 MB of
 * 1 MB blobs out of SQLite allocates little JavaScript, so nothing collects them: they pile up,
 * and the memory they leave behind stays resident). Returns false where the collector cannot be
 * called (then nothing happens).
 */
export function collectGarbage(): boolean {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  gc?.();
  return !!gc;
}
