/**
 * What a process's memory is made of, for `npm run bench` and the inference host's ping: peak and
 * current resident size, and the V8 parts of it (heap in use, external memory — Buffers and typed
 * arrays outside the heap, of which array buffers). What is resident beyond them is native: SQLite's
 * page caches, ONNX Runtime's sessions and arenas, the code of Node and its addons.
 */
export interface ProcessMemory {
  /** Peak resident set since the process started (getrusage). */
  maxRssMb: number;
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
}

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

export function processMemory(): ProcessMemory {
  const m = process.memoryUsage();
  return {
    // maxRSS is in kilobytes.
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), heapTotalMb: mb(m.heapTotal), externalMb: mb(m.external), arrayBuffersMb: mb(m.arrayBuffers),
  };
}

export { mb as toMb };
