import { existsSync, readFileSync, rmSync } from 'node:fs';
import { writeFileAtomic } from '../store/write-file-atomic';

/**
 * A training checkpoint: a JSON header (whatever identifies the run, plus scalars) and named typed
 * arrays, in one file written atomically (store/write-file-atomic.ts: flushed, then renamed into
 * place), so a killed run or a power cut leaves either the previous checkpoint or the new one.
 *   file = u32 header length | header JSON (utf8) | arrays back to back (offsets in the header)
 */
type Arrays = Record<string, Float32Array | Uint32Array | Int32Array>;
const KINDS = { Float32Array, Uint32Array, Int32Array } as const;
type Kind = keyof typeof KINDS;

export function writeCheckpoint(path: string, header: Record<string, unknown>, arrays: Arrays): void {
  const layout: { name: string; kind: Kind; offset: number; length: number }[] = [];
  let offset = 0;
  for (const [name, a] of Object.entries(arrays)) {
    layout.push({ name, kind: a.constructor.name as Kind, offset, length: a.length });
    offset += a.byteLength;
  }
  const head = Buffer.from(JSON.stringify({ ...header, layout }), 'utf8');
  const out = Buffer.alloc(4 + head.length + offset);
  out.writeUInt32LE(head.length, 0);
  head.copy(out, 4);
  const base = 4 + head.length;
  for (const l of layout) {
    const a = arrays[l.name]!;
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(out, base + l.offset);
  }
  writeFileAtomic(path, out);
}

/** The checkpoint at `path` if there is one whose header matches `expect` (else null: start afresh). */
export function readCheckpoint(path: string, expect: Record<string, unknown>): { header: Record<string, unknown>; arrays: Arrays } | null {
  if (!existsSync(path)) return null;
  try {
    const buf = readFileSync(path);
    const len = buf.readUInt32LE(0);
    const header = JSON.parse(buf.subarray(4, 4 + len).toString('utf8')) as Record<string, unknown> & { layout: { name: string; kind: Kind; offset: number; length: number }[] };
    for (const [k, v] of Object.entries(expect)) if (JSON.stringify(header[k]) !== JSON.stringify(v)) return null;
    const base = 4 + len;
    const arrays: Arrays = {};
    for (const l of header.layout) {
      const Ctor = KINDS[l.kind];
      const bytes = buf.subarray(base + l.offset, base + l.offset + l.length * Ctor.BYTES_PER_ELEMENT);
      arrays[l.name] = new Ctor(new Uint8Array(bytes).buffer);
    }
    return { header, arrays };
  } catch {
    return null; // unreadable: the run starts over rather than fail
  }
}

export function removeCheckpoint(path: string): void {
  rmSync(path, { force: true });
}
