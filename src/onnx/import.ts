/**
 * `fromONNX`: an ONNX model of a dense network as a {@link Sequential}.
 *
 * @module
 */
import {
  Dense,
  ELU,
  GELU,
  Identity,
  type Layer,
  LeakyReLU,
  ReLU,
  SELU,
  Sequential,
  SiLU,
  Sigmoid,
  Softmax,
  Softplus,
  Tanh,
} from 'bottomup';
import { describe } from '../validate/values.js';
import { SELU_ALPHA, SELU_LAMBDA } from './constants.js';
import { type GraphIndex, match, PATTERNS } from './patterns.js';
import { type Attribute, DATA_TYPES, DOUBLE, decodeModel, FLOAT, type Node, type Tensor } from './proto.js';

/** The ops read as one step of the chain, with the attributes each may carry. */
const OPS: Readonly<Record<string, readonly string[]>> = {
  Gemm: ['alpha', 'beta', 'transA', 'transB'],
  MatMul: [],
  Add: [],
  Sub: [],
  Mul: [],
  Div: [],
  Relu: [],
  Sigmoid: [],
  Tanh: [],
  Softmax: ['axis'],
  LeakyRelu: ['alpha'],
  Elu: ['alpha'],
  Selu: ['alpha', 'gamma'],
  Softplus: [],
  Gelu: ['approximate'],
  Identity: [],
  Dropout: ['ratio', 'seed'],
  Cast: ['to', 'saturate'],
  Flatten: ['axis'],
  Reshape: ['allowzero'],
  Scaler: ['offset', 'scale'],
};
/** The ops that compute labels from probabilities: the model stops before them. */
const HEADS = ['ArgMax', 'ArrayFeatureExtractor', 'ZipMap'];
/** The domains of the standard ops (`''` is `ai.onnx`) and of scikit-learn's (`ai.onnx.ml`). */
const DOMAINS = ['', 'ai.onnx', 'ai.onnx.ml'];

const dimsOf = (t: Tensor): string => `[${t.dims.join(', ')}]`;
const prod = (dims: readonly number[]): number => dims.reduce((p, d) => p * d, 1);

/**
 * The affine map waiting to become a `Dense`: `W` `(out, in)` row-major, or a diagonal `d` (`null`
 * for ones), and `b` (`null`: no bias).
 */
interface Affine {
  readonly in: number;
  out: number;
  W: Float64Array | null;
  d: Float64Array | null;
  b: Float64Array | null;
}

/**
 * Reads an ONNX model of a dense network back as a {@link Sequential}: the model files PyTorch
 * (`torch.onnx.export`), Keras (through `tf2onnx`) and scikit-learn (through `skl2onnx`) write for
 * multilayer perceptrons, and every model {@link toONNX} writes.
 *
 * @remarks
 * The graph must be one chain from one input to one output. Read as layers:
 * - `Gemm` (any `transB`, `alpha` and `beta`, which are folded into `W` and `b`; `C` absent, a scalar
 *   or a vector per output), `MatMul` by a constant `(in, out)` kernel, and the `Add`, `Sub`, `Mul`,
 *   `Div` by constants around them (a bias, or an input scaler, folded into the `Dense` next to it;
 *   so is `ai.onnx.ml.Scaler`) become one `Dense` each; one with no bias at all becomes a `Dense`
 *   without bias;
 * - `Relu`, `Sigmoid`, `Tanh`, `Softmax` (over the features), `LeakyRelu`, `Elu`, `Selu` (its own
 *   constants), `Softplus`, `Gelu` with `approximate = 'tanh'`, SiLU as `Mul(x, Sigmoid(x))` or
 *   `Div(x, 1 + Exp(−x))`, and the double-precision forms `toONNX` writes, become activations;
 * - `Identity`, `Dropout` (inference), `Cast` to float or double, `Flatten` (axis 1) and `Reshape` to
 *   `(N, features)` pass through: an image input `(N, C, H, W)` is fed as `C·H·W` features per
 *   example, flattened in row-major order;
 * - the label heads of classifiers (`ArgMax`, `ai.onnx.ml.ArrayFeatureExtractor`, `ai.onnx.ml.ZipMap`,
 *   and scikit-learn's binary `Concat(1 − p, p)`) end the model: it returns the probabilities (for a
 *   binary scikit-learn classifier, `p` of the positive class, one row).
 *
 * Weights are read from `raw_data` or the typed fields, as FLOAT, DOUBLE or INT64, into Float64:
 * a float64 model written by {@link toONNX} comes back bit for bit.
 *
 * **Layout:** ONNX puts one row per example, bottomup one column: feed the model `X` `(n_x, m)`,
 * the transpose of the ONNX input `(N, n_x)` (`Matrix.from(rows).transpose()`), and read its output
 * `(n_y, m)` as the transpose of the ONNX output.
 *
 * Anything else is refused with a TypeError naming the node and its op: other ops, unsupported
 * attribute values (`transA = 1`, `Softmax` over the examples, `Gelu` with the erf form, a `Selu`
 * with other constants, a bias that varies along the examples), a second input or output, a
 * branching graph, external data, model-local functions, sparse initializers, other data types.
 *
 * @param bytes - the contents of a `.onnx` file.
 * @returns the model.
 * @throws TypeError for a model that is not a chain of supported ops, naming the node and op.
 * @throws RangeError for bytes that are not a well-formed ONNX model.
 *
 * @example
 * ```ts
 * import { Dense, Matrix, ReLU, Sequential } from 'bottomup';
 * import { fromONNX, toONNX } from 'bottomup/onnx';
 * const model = new Sequential([new Dense(3, 2, { seed: 1 }), new ReLU()]);
 * const copy = fromONNX(toONNX(model, { dtype: 'float64' }));
 * const X = Matrix.from([[1], [2], [3]]); // one column per example
 * copy.predict(X).equals(model.predict(X)); //=> true
 * ```
 */
export function fromONNX(bytes: Uint8Array | ArrayBuffer): Sequential {
  if (!(bytes instanceof Uint8Array) && !(bytes instanceof ArrayBuffer)) {
    throw new TypeError(`fromONNX: expected the bytes of an .onnx file (a Uint8Array), got ${describe(bytes)}`);
  }
  const model = decodeModel(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
  const graph = model.graph;
  if ((model.functions ?? 0) > 0) {
    throw new TypeError(`fromONNX: expected a model without model-local functions, got ${model.functions} function(s)`);
  }
  if ((graph.sparseInitializers ?? 0) > 0)
    throw new TypeError('fromONNX: expected dense initializers, got sparse ones');
  const opset = model.opsets.find((o) => o.domain === '' || o.domain === 'ai.onnx')?.version;
  if (opset === undefined) throw new TypeError('fromONNX: expected the model to import the ai.onnx opset, got none');

  const label = (node: Node): string =>
    `node ${node.name === '' ? String(graph.nodes.indexOf(node)) : `'${node.name}'`} (${node.opType})`;
  const refuse = (node: Node, expected: string, got: string): never => {
    throw new TypeError(`fromONNX: ${label(node)}: expected ${expected}, got ${got}`);
  };

  // ---- constants: initializers and Constant nodes ----
  const constants = new Map<string, Tensor>();
  const checkTensor = (t: Tensor, what: string): Tensor => {
    if (t.external === true) {
      throw new TypeError(
        `fromONNX: expected ${what} stored in the model, got external data (load it in with onnx first)`,
      );
    }
    return t;
  };
  for (const t of graph.initializers) constants.set(t.name, checkTensor(t, `tensor '${t.name}'`));
  const attr = (node: Node, name: string): Attribute | undefined => node.attributes.find((a) => a.name === name);
  for (const node of graph.nodes) {
    if (node.opType !== 'Constant' || node.outputs.length !== 1) continue;
    const a = node.attributes[0];
    if (node.attributes.length !== 1) continue;
    let t: Tensor | undefined;
    if (a.name === 'value' && a.t !== undefined) t = { ...checkTensor(a.t, label(node)), name: node.outputs[0] };
    else if (a.name === 'value_float' && a.f !== undefined) t = { name: '', dims: [], dataType: FLOAT, values: [a.f] };
    else if (a.name === 'value_floats' && a.floats !== undefined)
      t = { name: '', dims: [a.floats.length], dataType: FLOAT, values: a.floats };
    else if (a.name === 'value_int' && a.i !== undefined) t = { name: '', dims: [], dataType: 7, values: [a.i] };
    else if (a.name === 'value_ints' && a.ints !== undefined)
      t = { name: '', dims: [a.ints.length], dataType: 7, values: a.ints };
    if (t !== undefined) constants.set(node.outputs[0], { ...t, name: node.outputs[0] });
  }

  // ---- the one input ----
  const inputs = graph.inputs.filter((v) => !constants.has(v.name));
  if (inputs.length !== 1) {
    throw new TypeError(
      `fromONNX: expected one graph input (the examples), got ${inputs.length}` +
        (inputs.length > 1 ? `: ${inputs.map((v) => `'${v.name}'`).join(', ')}` : ''),
    );
  }
  const input = inputs[0];
  if (input.elemType !== FLOAT && input.elemType !== DOUBLE) {
    throw new TypeError(
      `fromONNX: expected input '${input.name}' of FLOAT or DOUBLE, got ` +
        `${DATA_TYPES[input.elemType] ?? input.elemType}`,
    );
  }
  const inShape = input.shape;
  if (inShape === null || inShape.length === 0 || inShape.slice(1).some((d) => typeof d !== 'number' || d <= 0)) {
    throw new TypeError(
      `fromONNX: expected input '${input.name}' of shape (N, features…) with known feature sizes, got ` +
        (inShape === null ? 'no shape' : `[${inShape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`),
    );
  }

  // ---- the graph's index ----
  const producers = new Map<string, Node>();
  const readers = new Map<string, Node[]>();
  for (const node of graph.nodes) {
    for (const o of node.outputs) producers.set(o, node);
    for (const i of node.inputs) {
      if (i === '') continue;
      const list = readers.get(i);
      if (list === undefined) readers.set(i, [node]);
      else if (!list.includes(node)) list.push(node);
    }
  }
  const scalarOf = (name: string): number | undefined => {
    const t = constants.get(name);
    return t?.values != null && t.values.length === 1 ? t.values[0] : undefined;
  };
  const index: GraphIndex = { producer: (name) => producers.get(name), scalar: scalarOf };
  /** The values of a constant input of `node`, checked. */
  const constant = (node: Node, name: string, role: string): Tensor => {
    const t = constants.get(name);
    if (t === undefined)
      return refuse(node, `${role} to be a constant (an initializer)`, `'${name}', computed in the graph`);
    if (t.values === null) {
      return refuse(
        node,
        `${role} '${name}' of FLOAT, DOUBLE or INT64`,
        `${DATA_TYPES[t.dataType] ?? `data type ${t.dataType}`}`,
      );
    }
    const bad = t.values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) return refuse(node, `${role} '${name}' of finite numbers`, `${t.values[bad]} at ${bad}`);
    return t;
  };

  // ---- the walk along the chain ----
  let x = input.name;
  /** The shape of `x` after the examples axis. */
  let shape = inShape.slice(1) as number[];
  const batch = inShape[0];
  const layers: Layer[] = [];
  const used = new Set<Node>();
  const heads = new Set<Node>();
  const headValues = new Set<string>();
  let pending: Affine | null = null;

  const features = (): number => prod(shape);
  const flush = (): void => {
    if (pending === null) return;
    const p = pending;
    const dense = new Dense(p.in, p.out, { init: 'zeros', useBias: p.b !== null });
    const W = dense.weight.value.data;
    if (p.W !== null) W.set(p.W);
    else for (let i = 0; i < p.out; i++) W[i * p.in + i] = p.d === null ? 1 : p.d[i];
    if (p.b !== null && dense.bias !== null) dense.bias.value.data.set(p.b);
    layers.push(dense);
    pending = null;
  };
  const affine = (): Affine => {
    if (pending === null) {
      const n = features();
      pending = { in: n, out: n, W: null, d: null, b: null };
    }
    return pending;
  };
  /** `c` broadcast against `x` `(N, …shape)` to one value per feature, or refused. */
  const perFeature = (node: Node, c: Tensor, role: string): Float64Array => {
    const full = [batch, ...shape];
    const values = c.values as number[];
    const r = full.length;
    const k = c.dims.length;
    const fits = k <= r && c.dims.every((d, j) => d === 1 || (r - k + j > 0 && d === full[r - k + j]));
    if (!fits) {
      const varies = k === r && c.dims[0] !== 1;
      return refuse(
        node,
        `${role} of one value per feature (broadcasting to [${shape.join(', ')}] after the examples axis)`,
        `'${c.name}' of dims ${dimsOf(c)}${varies ? ', which varies along the examples' : ''}`,
      );
    }
    const n = features();
    const out = new Float64Array(n);
    // the index into c of feature f: its coordinates in shape, aligned right, 0 where c's dim is 1
    for (let f = 0; f < n; f++) {
      let rest = f;
      let at = 0;
      let stride = 1;
      for (let j = shape.length - 1; j >= 0; j--) {
        const coord = rest % shape[j];
        rest = Math.floor(rest / shape[j]);
        const cj = k - (shape.length - j);
        if (cj >= 0) {
          if (c.dims[cj] !== 1) at += coord * stride;
          stride *= c.dims[cj];
        }
      }
      out[f] = values[at];
    }
    return out;
  };
  const addBias = (c: Float64Array, sign: 1 | -1): void => {
    const p = affine();
    if (p.b === null) p.b = sign === 1 ? c : c.map((v) => -v);
    else {
      const b = p.b;
      for (let i = 0; i < b.length; i++) b[i] = sign === 1 ? b[i] + c[i] : b[i] - c[i];
    }
  };
  const scale = (s: Float64Array, divide: boolean): void => {
    const p = affine();
    const f = (v: number, k: number): number => (divide ? v / s[k] : v * s[k]);
    if (p.W !== null) {
      const W = p.W;
      for (let i = 0; i < p.out; i++) for (let j = 0; j < p.in; j++) W[i * p.in + j] = f(W[i * p.in + j], i);
    } else p.d = (p.d ?? new Float64Array(p.out).fill(1)).map(f);
    if (p.b !== null) p.b = p.b.map(f);
  };
  /** Composes `x ↦ Wg·x + bg` (`Wg` `(n, features)`) after the pending map. */
  const linear = (Wg: Float64Array, n: number, bg: Float64Array | null): void => {
    // consecutive linear layers stay two Dense layers; only biases and scalers fold into one
    if (pending?.W != null) flush();
    const F = features();
    shape = [n];
    if (pending === null) {
      pending = { in: F, out: n, W: Wg, d: null, b: bg };
      return;
    }
    const p: Affine = pending;
    const W = new Float64Array(n * p.in);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p.in; j++) {
        if (p.W === null) W[i * p.in + j] = p.d === null ? Wg[i * F + j] : Wg[i * F + j] * p.d[j];
        else {
          let s = 0;
          for (let k = 0; k < F; k++) s += Wg[i * F + k] * p.W[k * p.in + j];
          W[i * p.in + j] = s;
        }
      }
    }
    let b = bg;
    if (p.b !== null) {
      b = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = 0; k < F; k++) s += Wg[i * F + k] * (p.b as Float64Array)[k];
        b[i] = bg === null ? s : s + bg[i];
      }
    }
    pending = { in: p.in, out: n, W, d: null, b };
  };
  const activate = (layer: Layer): void => {
    flush();
    layers.push(layer);
  };
  const needRows = (node: Node, what: string, hint = ' (flatten it first)'): void => {
    if (shape.length !== 1) refuse(node, `${what} (N, features)`, `[${[batch ?? '?', ...shape].join(', ')}]${hint}`);
  };
  const getFloat = (node: Node, name: string, fallback: number): number => attr(node, name)?.f ?? fallback;
  const getInt = (node: Node, name: string, fallback: number): number => attr(node, name)?.i ?? fallback;

  /** One node that reads `x` and is not part of a pattern. */
  const step = (node: Node): void => {
    const op = node.opType;
    const domain = node.domain;
    const standard = domain === '' || domain === 'ai.onnx';
    const known = Object.hasOwn(OPS, op) && (op === 'Scaler' ? domain === 'ai.onnx.ml' : standard);
    if (!known) {
      refuse(
        node,
        `one of the ops fromONNX reads (${Object.keys(OPS).join(', ')}, and the label heads ${HEADS.join(', ')})`,
        DOMAINS.includes(domain) ? op : `${op} of domain '${domain}'`,
      );
    }
    for (const a of node.attributes) {
      if (a.unsupported !== undefined)
        refuse(node, 'attributes of plain values', `'${a.name}' holding ${a.unsupported}`);
      if (!OPS[op].includes(a.name)) {
        refuse(node, OPS[op].length === 0 ? 'no attributes' : `attributes among ${OPS[op].join(', ')}`, `'${a.name}'`);
      }
    }
    for (const extra of node.outputs.slice(1)) {
      if (extra !== '' && (readers.has(extra) || graph.outputs.some((o) => o.name === extra)))
        refuse(node, 'only its first output used', `'${extra}' read too`);
    }
    const xAt = node.inputs.indexOf(x);
    const other = node.inputs.length === 2 ? node.inputs[1 - xAt] : '';
    switch (op) {
      case 'Gemm': {
        if (xAt !== 0) refuse(node, `the examples '${x}' as A (the first input)`, `them as input ${xAt}`);
        if (getInt(node, 'transA', 0) !== 0)
          refuse(node, 'transA = 0 (one row per example)', `transA = ${getInt(node, 'transA', 0)}`);
        needRows(node, 'A of shape');
        const F = features();
        const B = constant(node, node.inputs[1], 'B');
        const transB = getInt(node, 'transB', 0) !== 0;
        const n = B.dims.length === 2 ? B.dims[transB ? 0 : 1] : -1;
        if (B.dims.length !== 2 || B.dims[transB ? 1 : 0] !== F) {
          refuse(
            node,
            `B of dims ${transB ? `[n, ${F}]` : `[${F}, n]`} (transB = ${transB ? 1 : 0})`,
            `'${B.name}' of dims ${dimsOf(B)}`,
          );
        }
        const alpha = getFloat(node, 'alpha', 1);
        const beta = getFloat(node, 'beta', 1);
        const Bv = B.values as number[];
        const W = new Float64Array(n * F);
        for (let i = 0; i < n; i++)
          for (let j = 0; j < F; j++) W[i * F + j] = alpha * Bv[transB ? i * F + j : j * n + i];
        let b: Float64Array | null = null;
        if (node.inputs.length > 2 && node.inputs[2] !== '') {
          const C = constant(node, node.inputs[2], 'C');
          const saved = shape;
          shape = [n];
          b = perFeature(node, C, 'C').map((v) => beta * v);
          shape = saved;
        }
        linear(W, n, b);
        break;
      }
      case 'MatMul': {
        if (xAt !== 0) refuse(node, `the examples '${x}' as A (the first input)`, `them as input ${xAt}`);
        needRows(node, 'A of shape');
        const F = features();
        const B = constant(node, other, 'B');
        if (B.dims.length !== 2 || B.dims[0] !== F)
          refuse(node, `B of dims [${F}, n]`, `'${B.name}' of dims ${dimsOf(B)}`);
        const n = B.dims[1];
        const Bv = B.values as number[];
        const W = new Float64Array(n * F);
        for (let i = 0; i < n; i++) for (let j = 0; j < F; j++) W[i * F + j] = Bv[j * n + i];
        linear(W, n, null);
        break;
      }
      case 'Add':
      case 'Sub':
      case 'Mul':
      case 'Div': {
        if (node.inputs.length !== 2 || node.inputs[0] === node.inputs[1])
          refuse(node, `'${x}' and a constant`, `inputs ${node.inputs.map((i) => `'${i}'`).join(', ')}`);
        const c = perFeature(node, constant(node, other, 'the other input'), 'the constant');
        if (op === 'Add') addBias(c, 1);
        else if (op === 'Mul') scale(c, false);
        else if (op === 'Div') {
          if (xAt !== 0) refuse(node, `'${x}' divided by a constant`, 'a constant divided by it');
          scale(c, true);
        } else if (xAt === 0) addBias(c, -1);
        else {
          scale(new Float64Array(c.length).fill(-1), false);
          addBias(c, 1);
        }
        break;
      }
      case 'Scaler': {
        const F = features();
        const take = (name: string, fallback: number): Float64Array => {
          const v = attr(node, name)?.floats ?? [fallback];
          if (v.length !== 1 && v.length !== F) refuse(node, `${name} of 1 or ${F} values`, `${v.length}`);
          return Float64Array.from({ length: F }, (_, k) => v[v.length === 1 ? 0 : k]);
        };
        addBias(take('offset', 0), -1);
        scale(take('scale', 1), false);
        break;
      }
      case 'Relu':
        activate(new ReLU());
        break;
      case 'Sigmoid':
        activate(new Sigmoid());
        break;
      case 'Tanh':
        activate(new Tanh());
        break;
      case 'Softplus':
        activate(new Softplus());
        break;
      case 'LeakyRelu':
        activate(new LeakyReLU({ alpha: getFloat(node, 'alpha', 0.01) }));
        break;
      case 'Elu':
        activate(new ELU({ alpha: getFloat(node, 'alpha', 1) }));
        break;
      case 'Selu': {
        for (const [name, value] of [
          ['alpha', SELU_ALPHA],
          ['gamma', SELU_LAMBDA],
        ] as const) {
          const v = getFloat(node, name, value);
          if (Math.abs(v - value) > 1e-6 * value)
            refuse(node, `${name} = ${Math.fround(value)} (SELU's)`, `${name} = ${v}`);
        }
        activate(new SELU());
        break;
      }
      case 'Gelu': {
        const approximate = attr(node, 'approximate')?.s ?? 'none';
        if (approximate !== 'tanh') {
          refuse(
            node,
            "approximate = 'tanh' (bottomup's GELU is the tanh approximation)",
            `approximate = '${approximate}'`,
          );
        }
        activate(new GELU());
        break;
      }
      case 'Softmax': {
        const axis = getInt(node, 'axis', opset >= 13 ? -1 : 1);
        // before opset 13, Softmax flattens from `axis` on: axis 1 is over all of an example's features
        if (!(axis === 1 && opset < 13)) {
          needRows(node, 'an input of shape', '');
          if (axis !== 1 && axis !== -1) refuse(node, 'axis = 1 or -1 (over the features)', `axis = ${axis}`);
        }
        shape = [features()];
        activate(new Softmax());
        break;
      }
      case 'Cast': {
        const to = getInt(node, 'to', 0);
        if (to !== FLOAT && to !== DOUBLE) refuse(node, 'to = FLOAT or DOUBLE', `to = ${DATA_TYPES[to] ?? to}`);
        break;
      }
      case 'Dropout': {
        const mode = node.inputs[2];
        if (mode !== undefined && mode !== '' && constants.get(mode)?.values?.[0] !== 0) {
          refuse(node, 'training_mode absent or false (inference)', `'${mode}'`);
        }
        break;
      }
      case 'Flatten': {
        const rank = shape.length + 1;
        const axis = getInt(node, 'axis', 1);
        if ((axis < 0 ? axis + rank : axis) !== 1)
          refuse(node, 'axis = 1 (each example stays one row)', `axis = ${axis} of a rank-${rank} input`);
        shape = [features()];
        break;
      }
      case 'Reshape': {
        if (xAt !== 0) refuse(node, `the examples '${x}' as data (the first input)`, `them as input ${xAt}`);
        const target = constant(node, node.inputs[1], 'shape').values as number[];
        const allowzero = getInt(node, 'allowzero', 0) !== 0;
        const F = features();
        // 0 copies the input's dim (unless allowzero), one -1 is inferred; the examples axis must stay first
        const rest = target.slice(1).map((d, j) => (d === 0 && !allowzero ? (shape[j] ?? 0) : d));
        const known = prod(rest.filter((d) => d !== -1));
        const newRest = rest.map((d) => (d === -1 && known > 0 ? F / known : d));
        const first = target[0];
        const keepsBatch =
          target.length >= 1 &&
          target.filter((d) => d === -1).length <= 1 &&
          (first === -1 || (first === 0 && !allowzero) || (typeof batch === 'number' && first === batch)) &&
          newRest.every((d) => Number.isInteger(d) && d > 0) &&
          prod(newRest) === F;
        if (!keepsBatch) {
          refuse(
            node,
            `a shape that keeps the examples axis, (N, …) with ${F} values per example`,
            `shape [${target.join(', ')}] for [${[batch ?? '?', ...shape].join(', ')}]`,
          );
        }
        shape = newRest;
        break;
      }
      default:
        break; // Identity
    }
  };

  for (;;) {
    const reading = (readers.get(x) ?? []).filter((n) => !used.has(n));
    for (const n of reading) if (HEADS.includes(n.opType)) heads.add(n);
    const chain = reading.filter((n) => !HEADS.includes(n.opType));
    if (chain.length === 0) break;
    let next: string | undefined;
    let stop = false;
    for (const p of PATTERNS) {
      const rootOp = (p.template as readonly string[])[0];
      for (const root of graph.nodes) {
        if (root.opType !== rootOp || used.has(root) || root.outputs.length !== 1) continue;
        const m = match(p.template, root.outputs[0], x, index);
        if (m === null || !chain.every((n) => m.nodes.has(n))) continue;
        const inside = [...m.nodes].every(
          (n) => n === root || n.outputs.every((o) => (readers.get(o) ?? []).every((r) => m.nodes.has(r))),
        );
        if (!inside) continue;
        for (const n of m.nodes) used.add(n);
        if (p.kind === 'head') {
          stop = true;
          headValues.add(root.outputs[0]);
        } else {
          const alpha = m.captures.get('alpha');
          activate(
            p.kind === 'LeakyReLU'
              ? new LeakyReLU({ alpha })
              : p.kind === 'ELU'
                ? new ELU({ alpha })
                : p.kind === 'SELU'
                  ? new SELU()
                  : p.kind === 'Softplus'
                    ? new Softplus()
                    : p.kind === 'GELU'
                      ? new GELU()
                      : new SiLU(),
          );
          next = root.outputs[0];
        }
        break;
      }
      if (stop || next !== undefined) break;
    }
    if (stop) break;
    if (next === undefined) {
      if (chain.length > 1) {
        refuse(
          chain[1],
          `'${x}' read by one node (a chain of layers)`,
          `it read by ${chain.map((n) => label(n)).join(', ')}`,
        );
      }
      const node = chain[0];
      step(node);
      used.add(node);
      next = node.outputs[0];
    }
    x = next;
  }
  flush();

  // ---- everything else must be a constant or compute labels from the probabilities ----
  const labels = new Set(headValues);
  for (const node of graph.nodes) {
    if (used.has(node) || (node.opType === 'Constant' && constants.has(node.outputs[0]))) continue;
    if (heads.has(node) || node.inputs.some((i) => labels.has(i))) {
      for (const o of node.outputs) labels.add(o);
      continue;
    }
    const fed = node.inputs.filter((i) => i !== '' && !constants.has(i));
    refuse(
      node,
      'every node on the chain from the input to the output',
      fed.length === 0
        ? 'one that reads only constants'
        : `one off it (reading ${fed.map((i) => `'${i}'`).join(', ')})`,
    );
  }
  const outputs = graph.outputs.filter((o) => !labels.has(o.name));
  if (outputs.length > 1 || (outputs.length === 1 && outputs[0].name !== x)) {
    throw new TypeError(
      `fromONNX: expected one graph output, the last layer's '${x}', got ` +
        outputs.map((o) => `'${o.name}'`).join(', '),
    );
  }
  if (outputs.length === 0 && heads.size === 0 && headValues.size === 0)
    throw new TypeError(`fromONNX: expected the graph output to be '${x}', got no output`);
  return new Sequential(layers.length === 0 ? [new Identity()] : layers);
}
