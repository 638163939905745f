import onnxProto from 'onnx-proto';
import type { onnx } from 'onnx-proto';

// onnx-proto is CommonJS (module.exports = { onnx }): take the namespace from the default export.
const { onnx: proto } = onnxProto;

/**
 * A few helpers to write ONNX graphs from TypeScript (the built-in models' exporter). Tensors are
 * stored as little-endian raw data; dims may be symbolic ('batch') for inputs and outputs.
 */
export const FLOAT = proto.TensorProto.DataType.FLOAT;
export const INT64 = proto.TensorProto.DataType.INT64;
export const FLOAT16 = proto.TensorProto.DataType.FLOAT16;
export const INT8 = proto.TensorProto.DataType.INT8;
export const INT32 = proto.TensorProto.DataType.INT32;

/**
 * Symmetric per-row int8 quantisation of a [rows × cols] matrix: row r is stored as round(x / s_r)
 * with s_r = max|x_r| / 127, so every row keeps its own range (a rare token's long vector does not
 * flatten a frequent token's short one). Returns the int8 tensor and the float scales.
 */
export function int8RowTensors(name: string, scaleName: string, rows: number, cols: number, data: Float32Array): [onnx.ITensorProto, onnx.ITensorProto] {
  if (data.length !== rows * cols) throw new Error(`${name} must be ${rows}×${cols}`);
  const q = new Int8Array(rows * cols);
  const scales = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let c = 0; c < cols; c++) max = Math.max(max, Math.abs(data[r * cols + c]!));
    const s = max / 127;
    scales[r] = s;
    if (s === 0) continue;
    for (let c = 0; c < cols; c++) q[r * cols + c] = Math.max(-127, Math.min(127, Math.round(data[r * cols + c]! / s)));
  }
  return [
    { name, dims: [rows, cols], dataType: INT8, rawData: new Uint8Array(q.buffer) },
    floatTensor(scaleName, [rows], scales),
  ];
}

export function floatTensor(name: string, dims: number[], data: Float32Array): onnx.ITensorProto {
  return { name, dims, dataType: FLOAT, rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

export function int64Tensor(name: string, dims: number[], data: BigInt64Array): onnx.ITensorProto {
  return { name, dims, dataType: INT64, rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

export function valueInfo(name: string, elemType: number, dims: (number | string)[]): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

type Attr = number | number[] | string;

export function node(opType: string, inputs: string[], outputs: string[], attrs: Record<string, Attr> = {}): onnx.INodeProto {
  const attribute: onnx.IAttributeProto[] = Object.entries(attrs).map(([name, v]) => {
    if (typeof v === 'string') return { name, type: proto.AttributeProto.AttributeType.STRING, s: new TextEncoder().encode(v) };
    if (Array.isArray(v)) return { name, type: proto.AttributeProto.AttributeType.INTS, ints: v };
    if (Number.isInteger(v)) return { name, type: proto.AttributeProto.AttributeType.INT, i: v };
    return { name, type: proto.AttributeProto.AttributeType.FLOAT, f: v };
  });
  return { opType, input: inputs, output: outputs, attribute, name: `${opType}_${outputs[0]}` };
}

export interface GraphSpec {
  name: string;
  inputs: onnx.IValueInfoProto[];
  outputs: onnx.IValueInfoProto[];
  nodes: onnx.INodeProto[];
  initializers: onnx.ITensorProto[];
  opset?: number;
  docString?: string;
}

/** Serialises a graph into ONNX model bytes (IR version 8). */
export function encodeModel(spec: GraphSpec): Uint8Array {
  const model: onnx.IModelProto = {
    irVersion: 8,
    producerName: 'lexbone',
    opsetImport: [{ domain: '', version: spec.opset ?? 17 }],
    docString: spec.docString ?? '',
    graph: { name: spec.name, input: spec.inputs, output: spec.outputs, node: spec.nodes, initializer: spec.initializers },
  };
  return proto.ModelProto.encode(model).finish();
}
