/**
 * The ONNX messages bottomup reads and writes (`ModelProto`, `GraphProto`, `NodeProto`, `TensorProto`,
 * `AttributeProto`, `ValueInfoProto`), as plain objects, with their encoders and decoders. Field
 * numbers are those of `onnx/onnx.proto`. The decoder keeps what the importer needs to read a model or
 * to refuse it (external data, functions, sparse initializers, subgraph attributes) and skips the
 * rest (docs, metadata, names of producers).
 *
 * @internal
 * @module
 */
import { BYTES, type Field, readFields, readRepeated, readString, Writer } from './protobuf.js';

/** `TensorProto.DataType` values bottomup knows by name. @internal */
export const DATA_TYPES: Readonly<Record<number, string>> = {
  1: 'FLOAT',
  2: 'UINT8',
  3: 'INT8',
  4: 'UINT16',
  5: 'INT16',
  6: 'INT32',
  7: 'INT64',
  8: 'STRING',
  9: 'BOOL',
  10: 'FLOAT16',
  11: 'DOUBLE',
  12: 'UINT32',
  13: 'UINT64',
  16: 'BFLOAT16',
};
/** @internal */
export const FLOAT = 1;
/** @internal */
export const INT64 = 7;
/** @internal */
export const DOUBLE = 11;
/** @internal */
export const BOOL = 9;

/** A tensor: its dims, data type and values (numbers, for FLOAT, DOUBLE and INT64). @internal */
export interface Tensor {
  name: string;
  dims: number[];
  dataType: number;
  /** The values, row-major; `null` when the data type is not one bottomup reads. */
  values: number[] | null;
  /** True when the data lives in an external file (`data_location = EXTERNAL` or `external_data`). */
  external?: boolean;
  /** Write the values in the typed field (`float_data`, `double_data`, `int64_data`) instead of `raw_data`. */
  typed?: boolean;
}

/** An attribute: the value of the field its type names. @internal */
export interface Attribute {
  name: string;
  /** `AttributeProto.AttributeType`: 1 FLOAT, 2 INT, 3 STRING, 4 TENSOR, 6 FLOATS, 7 INTS, 8 STRINGS, … */
  type: number;
  f?: number;
  i?: number;
  s?: string;
  t?: Tensor;
  floats?: number[];
  ints?: number[];
  /** Set when the attribute holds a subgraph, sparse tensor, type or refers to a function's attribute. */
  unsupported?: string;
}

/** A node of the graph. @internal */
export interface Node {
  name: string;
  opType: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  attributes: Attribute[];
}

/** A graph input or output: its name, element type and shape (a dim is a number, or a name, or null). @internal */
export interface ValueInfo {
  name: string;
  elemType: number;
  /** `null` when the value has no tensor shape. */
  shape: (number | string | null)[] | null;
}

/** A graph. @internal */
export interface Graph {
  name: string;
  nodes: Node[];
  initializers: Tensor[];
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  /** Number of sparse initializers (refused). */
  sparseInitializers?: number;
}

/** A model: its IR version, opsets by domain (`''` is the default `ai.onnx`) and graph. @internal */
export interface Model {
  irVersion: number;
  opsets: { domain: string; version: number }[];
  producerName: string;
  producerVersion: string;
  graph: Graph;
  /** Number of model-local functions (refused). */
  functions?: number;
}

// ---- encoding ----

function tensorBytes(t: Tensor): Uint8Array {
  const w = new Writer();
  for (const d of t.dims) w.int(1, d);
  w.int(2, t.dataType);
  w.string(8, t.name);
  if (t.external === true) w.int(14, 1);
  const values = t.values ?? [];
  if (t.dataType === BOOL) return w.bytes(9, Uint8Array.from(values)).finish();
  const width = t.dataType === FLOAT ? 4 : 8;
  const raw = new Uint8Array(values.length * width);
  const view = new DataView(raw.buffer);
  values.forEach((v, k) => {
    if (t.dataType === FLOAT) view.setFloat32(k * 4, v, true);
    else if (t.dataType === DOUBLE) view.setFloat64(k * 8, v, true);
    else view.setBigInt64(k * 8, BigInt(v), true);
  });
  if (t.typed !== true) return w.bytes(9, raw).finish();
  // packed typed fields: floats and doubles as their little-endian bytes, int64 as varints
  if (t.dataType !== INT64) return w.bytes(t.dataType === FLOAT ? 4 : 10, raw).finish();
  const ints = new Writer();
  for (const v of values) ints.varint(v);
  return w.bytes(7, ints.finish()).finish();
}

function attributeBytes(a: Attribute): Uint8Array {
  const w = new Writer().string(1, a.name);
  if (a.f !== undefined) w.float(2, a.f);
  if (a.i !== undefined) w.int(3, a.i);
  if (a.s !== undefined) w.string(4, a.s);
  if (a.t !== undefined) w.bytes(5, tensorBytes(a.t));
  for (const f of a.floats ?? []) w.float(7, f);
  for (const i of a.ints ?? []) w.int(8, i);
  return w.int(20, a.type).finish();
}

function nodeBytes(n: Node): Uint8Array {
  const w = new Writer();
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  w.string(3, n.name).string(4, n.opType);
  for (const a of n.attributes) w.bytes(5, attributeBytes(a));
  if (n.domain !== '') w.string(7, n.domain);
  return w.finish();
}

function valueInfoBytes(v: ValueInfo): Uint8Array {
  const tensorType = new Writer().int(1, v.elemType);
  if (v.shape !== null) {
    const shape = new Writer();
    for (const d of v.shape) {
      const dim = new Writer();
      if (typeof d === 'number') dim.int(1, d);
      else if (typeof d === 'string') dim.string(2, d);
      shape.bytes(1, dim.finish());
    }
    tensorType.bytes(2, shape.finish());
  }
  const type = new Writer().bytes(1, tensorType.finish());
  return new Writer().string(1, v.name).bytes(2, type.finish()).finish();
}

/** A model's bytes (`ModelProto`). @internal */
export function encodeModel(model: Model): Uint8Array {
  const g = model.graph;
  const graph = new Writer();
  for (const n of g.nodes) graph.bytes(1, nodeBytes(n));
  graph.string(2, g.name);
  for (const t of g.initializers) graph.bytes(5, tensorBytes(t));
  for (const v of g.inputs) graph.bytes(11, valueInfoBytes(v));
  for (const v of g.outputs) graph.bytes(12, valueInfoBytes(v));
  const w = new Writer().int(1, model.irVersion).string(2, model.producerName).string(3, model.producerVersion);
  w.bytes(7, graph.finish());
  for (const o of model.opsets) {
    const opset = new Writer();
    if (o.domain !== '') opset.string(1, o.domain);
    w.bytes(8, opset.int(2, o.version).finish());
  }
  return w.finish();
}

// ---- decoding ----

const byField = (fields: readonly Field[], n: number): Field[] => fields.filter((f) => f.field === n);
const lastInt = (fields: readonly Field[], n: number, fallback: number): number => {
  const all = byField(fields, n);
  return all.length === 0 ? fallback : all[all.length - 1].int;
};
const lastBytes = (fields: readonly Field[], n: number): Uint8Array | undefined => {
  const all = byField(fields, n).filter((f) => f.wire === BYTES);
  return all.length === 0 ? undefined : all[all.length - 1].bytes;
};
const str = (fields: readonly Field[], n: number, what: string): string => {
  const b = lastBytes(fields, n);
  return b === undefined ? '' : readString(b, what);
};
const strings = (fields: readonly Field[], n: number, what: string): string[] =>
  byField(fields, n).map((f) => readString(f.bytes, what));

/** Decodes a `TensorProto`. @internal */
export function decodeTensor(bytes: Uint8Array, what: string): Tensor {
  const f = readFields(bytes, what);
  const name = str(f, 8, what);
  const at = name === '' ? what : `tensor '${name}'`;
  const dims = readRepeated(byField(f, 1), 'varint', `${at} dims`);
  const dataType = lastInt(f, 2, 0);
  const external = lastInt(f, 14, 0) === 1 || byField(f, 13).length > 0;
  const count = dims.reduce((p, d) => p * d, 1);
  const raw = lastBytes(f, 9);
  let values: number[] | null = null;
  if (dataType === BOOL) {
    // a flag (Dropout's training_mode): one byte each, or the int32_data field
    values = raw !== undefined && raw.length > 0 ? Array.from(raw) : readRepeated(byField(f, 5), 'varint', at);
  } else if (dataType === FLOAT || dataType === DOUBLE || dataType === INT64) {
    const width = dataType === FLOAT ? 4 : 8;
    if (raw !== undefined && raw.length > 0) {
      if (raw.length !== count * width) {
        throw new RangeError(
          `fromONNX: expected ${at} raw_data to hold ${count} values of ${width} bytes (dims [${dims.join(', ')}]), ` +
            `got ${raw.length} bytes`,
        );
      }
      const view = new DataView(raw.buffer, raw.byteOffset, raw.length);
      values = new Array<number>(count);
      for (let k = 0; k < count; k++) {
        values[k] =
          dataType === FLOAT
            ? view.getFloat32(k * 4, true)
            : dataType === DOUBLE
              ? view.getFloat64(k * 8, true)
              : Number(view.getBigInt64(k * 8, true));
      }
    } else {
      const field = dataType === FLOAT ? 4 : dataType === DOUBLE ? 10 : 7;
      const kind = dataType === FLOAT ? 'float' : dataType === DOUBLE ? 'double' : 'varint';
      values = readRepeated(byField(f, field), kind, `${at} data`);
      if (values.length !== count && !external) {
        throw new RangeError(
          `fromONNX: expected ${at} to hold ${count} values (dims [${dims.join(', ')}]), got ${values.length}`,
        );
      }
    }
  }
  return { name, dims, dataType, values, external };
}

function decodeAttribute(bytes: Uint8Array, what: string): Attribute {
  const f = readFields(bytes, what);
  const name = str(f, 1, what);
  const at = `${what} attribute '${name}'`;
  const a: Attribute = { name, type: lastInt(f, 20, 0) };
  const floats = readRepeated(byField(f, 2), 'float', at);
  if (floats.length > 0) a.f = floats[floats.length - 1];
  if (byField(f, 3).length > 0) a.i = lastInt(f, 3, 0);
  if (byField(f, 4).length > 0) a.s = str(f, 4, at);
  const t = lastBytes(f, 5);
  if (t !== undefined) a.t = decodeTensor(t, at);
  if (byField(f, 7).length > 0) a.floats = readRepeated(byField(f, 7), 'float', at);
  if (byField(f, 8).length > 0) a.ints = readRepeated(byField(f, 8), 'varint', at);
  if (byField(f, 21).length > 0) a.unsupported = 'a reference to a function attribute';
  else if (byField(f, 6).length + byField(f, 11).length > 0) a.unsupported = 'a subgraph';
  else if (byField(f, 10).length + byField(f, 22).length + byField(f, 23).length > 0)
    a.unsupported = 'a list of tensors';
  return a;
}

function decodeNode(bytes: Uint8Array, k: number): Node {
  const what = `node ${k}`;
  const f = readFields(bytes, what);
  const name = str(f, 3, what);
  const at = name === '' ? what : `node '${name}'`;
  return {
    name,
    opType: str(f, 4, at),
    domain: str(f, 7, at),
    inputs: strings(f, 1, at),
    outputs: strings(f, 2, at),
    attributes: byField(f, 5).map((a) => decodeAttribute(a.bytes, at)),
  };
}

function decodeValueInfo(bytes: Uint8Array, what: string): ValueInfo {
  const f = readFields(bytes, what);
  const name = str(f, 1, what);
  const at = `${what} '${name}'`;
  let elemType = 0;
  let shape: (number | string | null)[] | null = null;
  const type = lastBytes(f, 2);
  const tensorType = type === undefined ? undefined : lastBytes(readFields(type, at), 1);
  if (tensorType !== undefined) {
    const tf = readFields(tensorType, at);
    elemType = lastInt(tf, 1, 0);
    const s = lastBytes(tf, 2);
    if (s !== undefined) {
      shape = byField(readFields(s, at), 1).map((d) => {
        const df = readFields(d.bytes, at);
        if (byField(df, 1).length > 0) return lastInt(df, 1, 0);
        if (byField(df, 2).length > 0) return str(df, 2, at);
        return null;
      });
    }
  }
  return { name, elemType, shape };
}

function decodeGraph(bytes: Uint8Array): Graph {
  const f = readFields(bytes, 'the graph');
  return {
    name: str(f, 2, 'the graph'),
    nodes: byField(f, 1).map((n, k) => decodeNode(n.bytes, k)),
    initializers: byField(f, 5).map((t, k) => decodeTensor(t.bytes, `initializer ${k}`)),
    inputs: byField(f, 11).map((v) => decodeValueInfo(v.bytes, 'graph input')),
    outputs: byField(f, 12).map((v) => decodeValueInfo(v.bytes, 'graph output')),
    sparseInitializers: byField(f, 15).length,
  };
}

/**
 * Decodes a `ModelProto`.
 * @throws RangeError for bytes that are not a well-formed model.
 * @internal
 */
export function decodeModel(bytes: Uint8Array): Model {
  const f = readFields(bytes, 'the model');
  const graph = lastBytes(f, 7);
  if (graph === undefined) throw new RangeError('fromONNX: expected the model to have a graph, got none');
  return {
    irVersion: lastInt(f, 1, 0),
    producerName: str(f, 2, 'the model'),
    producerVersion: str(f, 3, 'the model'),
    opsets: byField(f, 8).map((o) => {
      const of = readFields(o.bytes, 'an opset');
      return { domain: str(of, 1, 'an opset'), version: lastInt(of, 2, 0) };
    }),
    graph: decodeGraph(graph),
    functions: byField(f, 25).length,
  };
}
