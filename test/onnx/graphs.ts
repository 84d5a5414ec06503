/**
 * Hand-built ONNX graphs for the importer's tests, in the shapes real exporters write, and ONNX
 * Runtime as the oracle for what they compute.
 */
import * as ort from 'onnxruntime-node';
import { Matrix } from '../../src/index.js';
import {
  type Attribute,
  BOOL,
  DOUBLE,
  encodeModel,
  FLOAT,
  INT64,
  type Node,
  type Tensor,
  type ValueInfo,
} from '../../src/onnx/proto.js';

export { BOOL, DOUBLE, FLOAT, INT64 };

/** A seeded uniform generator in [-1, 1) (xorshift), for weights. */
export function uniform(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return (s / 2 ** 32) * 2 - 1;
  };
}

/** A tensor; float32 values are rounded as the file would hold them. */
export function tensor(name: string, dims: number[], values: number[], dataType = FLOAT, typed = false): Tensor {
  return { name, dims, dataType, values: dataType === FLOAT ? values.map(Math.fround) : values, typed };
}

/** A random FLOAT tensor. */
export function random(name: string, dims: number[], seed: number): Tensor {
  const next = uniform(seed);
  return tensor(
    name,
    dims,
    Array.from({ length: dims.reduce((p, d) => p * d, 1) }, () => next()),
  );
}

type AttrValue = number | string | number[] | { int: number } | { ints: number[] } | { tensor: Tensor };
/** Attributes from plain values: a number is a FLOAT, `{ int }` an INT, a string a STRING, arrays FLOATS. */
function attributes(attrs: Record<string, AttrValue>): Attribute[] {
  return Object.entries(attrs).map(([name, v]): Attribute => {
    if (typeof v === 'number') return { name, type: 1, f: v };
    if (typeof v === 'string') return { name, type: 3, s: v };
    if (Array.isArray(v)) return { name, type: 6, floats: v };
    if ('int' in v) return { name, type: 2, i: v.int };
    if ('tensor' in v) return { name, type: 4, t: v.tensor };
    return { name, type: 7, ints: v.ints };
  });
}

/** A node: `[opType, inputs, outputs, attributes?, domain?, name?]`. */
export type NodeSpec = [string, string[], string[], Record<string, AttrValue>?, string?, string?];

export interface GraphSpec {
  opset?: number;
  ml?: boolean;
  input: ValueInfo | ValueInfo[];
  outputs: ValueInfo[];
  nodes: NodeSpec[];
  initializers?: Tensor[];
  producer?: string;
}

/** The model's bytes. */
export function onnx(spec: GraphSpec): Uint8Array {
  const nodes = spec.nodes.map(
    ([opType, inputs, outputs, attrs = {}, domain = '', name], k): Node => ({
      name: name ?? `${opType}_${k}`,
      opType,
      domain,
      inputs,
      outputs,
      attributes: attributes(attrs),
    }),
  );
  return encodeModel({
    irVersion: 8,
    opsets: [
      { domain: '', version: spec.opset ?? 17 },
      ...(spec.ml === true ? [{ domain: 'ai.onnx.ml', version: 1 }] : []),
    ],
    producerName: spec.producer ?? 'test',
    producerVersion: '',
    graph: {
      name: 'g',
      nodes,
      initializers: spec.initializers ?? [],
      inputs: Array.isArray(spec.input) ? spec.input : [spec.input],
      outputs: spec.outputs,
    },
  });
}

/** A FLOAT (or DOUBLE) value info. */
export const value = (name: string, shape: (number | string)[], elemType = FLOAT): ValueInfo => ({
  name,
  elemType,
  shape,
});

/**
 * ONNX Runtime's output `output` for the examples `X` `(n_x, m)` fed as `(m, ...inputShape)`,
 * returned as bottomup's `(n_y, m)`.
 */
export async function runORT(
  bytes: Uint8Array,
  X: Matrix,
  options: { input?: string; output?: string; shape?: number[]; dtype?: 'float32' | 'float64' } = {},
): Promise<Matrix> {
  const session = await ort.InferenceSession.create(bytes);
  const dtype = options.dtype ?? 'float32';
  const rows = X.transpose();
  const data = dtype === 'float32' ? Float32Array.from(rows.data) : Float64Array.from(rows.data);
  const feeds = { [options.input ?? 'input']: new ort.Tensor(dtype, data, [X.cols, ...(options.shape ?? [X.rows])]) };
  const out = (await session.run(feeds))[options.output ?? 'output'];
  const m = out.dims[0];
  const n = out.dims.slice(1).reduce((p, d) => p * d, 1);
  return new Matrix(m, n, Float64Array.from(out.data as Float32Array)).transpose();
}

/** The examples as float32 holds them (what ONNX Runtime computes on). */
export const rounded = (X: Matrix): Matrix => new Matrix(X.rows, X.cols, X.data.map(Math.fround));

/** `‖a − b‖∞ / ‖b‖∞`. */
export function relativeDiff(a: Matrix, b: Matrix): number {
  let scale = 0;
  let diff = 0;
  if (a.rows !== b.rows || a.cols !== b.cols) return Number.POSITIVE_INFINITY;
  b.data.forEach((v, k) => {
    scale = Math.max(scale, Math.abs(v));
    diff = Math.max(diff, Math.abs(a.data[k] - v));
  });
  return diff / scale;
}
