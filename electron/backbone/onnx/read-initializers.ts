import { readFileSync } from 'node:fs';
import onnxProto from 'onnx-proto';
import { FLOAT, FLOAT16, INT8 } from './graph';

const { onnx: proto } = onnxProto;

/** IEEE half-precision bits → number. */
export function fromHalf(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

/**
 * Reads the named float/float16/int8 initializers of an ONNX file as Float32Arrays (a later training
 * stage starts from the previous stage's exported model).
 */
export function readInitializers(path: string, names: string[], optional: string[] = []): Record<string, { dims: number[]; data: Float32Array }> {
  const model = proto.ModelProto.decode(readFileSync(path));
  const out: Record<string, { dims: number[]; data: Float32Array }> = {};
  for (const t of model.graph?.initializer ?? []) {
    if (!t.name || !(names.includes(t.name) || optional.includes(t.name))) continue;
    const dims = (t.dims ?? []).map(Number);
    const raw = t.rawData ?? new Uint8Array(0);
    // Copy: decoded bytes are a view into the whole file buffer (Buffer.slice does not copy).
    const bytes = new Uint8Array(raw).buffer;
    if (t.dataType === FLOAT) out[t.name] = { dims, data: new Float32Array(bytes) };
    else if (t.dataType === FLOAT16) out[t.name] = { dims, data: Float32Array.from(new Uint16Array(bytes), fromHalf) };
    else if (t.dataType === INT8) out[t.name] = { dims, data: Float32Array.from(new Int8Array(bytes)) };
    else throw new Error(`${path}: initializer ${t.name} has unsupported type ${t.dataType}`);
  }
  for (const n of names) if (!out[n]) throw new Error(`${path}: no initializer named ${n}`);
  return out;
}
