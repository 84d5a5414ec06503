/**
 * `toONNX`: a {@link Sequential} as an ONNX model.
 *
 * @module
 */
import type { LayerJSON, Sequential } from 'bottomup';
import { fmtValue } from '../errors.js';
import { checkOptions, describe } from '../validate/values.js';
import { DOUBLE, encodeModel, FLOAT, type Attribute, type Node, type Tensor } from './proto.js';
import { EXPM1_SMALL, EXPM1_LOW, GELU_C, GELU_K, LOG1P_SMALL, SELU_C, SELU_LAMBDA } from './constants.js';

/** Options of {@link toONNX}. */
export interface ToONNXOptions {
  /**
   * The element type of the model's input, weights and output: `'float32'` (ONNX `FLOAT`, what
   * every runtime runs; the default) or `'float64'` (`DOUBLE`, bottomup's own precision).
   */
  dtype?: 'float32' | 'float64';
  /**
   * The `ai.onnx` opset version, 13 to 21. Default: 17, or 20 for a float32 model with a `GELU`
   * (the opset that added the `Gelu` op).
   */
  opset?: number;
}

/** The layer kinds {@link toONNX} writes. */
const KINDS = [
  'Dense',
  'Sigmoid',
  'Tanh',
  'ReLU',
  'LeakyReLU',
  'Softmax',
  'Identity',
  'ELU',
  'SELU',
  'GELU',
  'Softplus',
  'SiLU',
  'Sequential',
];

/** Builds the graph: constants as initializers, one node per op, a fresh name for every value. */
class Graph {
  readonly nodes: Node[] = [];
  readonly initializers: Tensor[] = [];
  private readonly scalars = new Map<number, string>();
  private count = 0;

  constructor(
    private readonly dataType: number,
    private readonly round: (v: number) => number,
  ) {}

  tensor(name: string, dims: number[], values: readonly number[]): string {
    this.initializers.push({ name, dims, dataType: this.dataType, values: values.map(this.round) });
    return name;
  }

  /** A scalar constant (shape `[]`), one initializer per value. */
  scalar(value: number): string {
    let name = this.scalars.get(value);
    if (name === undefined) {
      name = `c${this.scalars.size}`;
      this.scalars.set(value, name);
      this.tensor(name, [], [value]);
    }
    return name;
  }

  op(opType: string, inputs: (string | number)[], attributes: Attribute[] = []): string {
    const k = this.count++;
    const output = `t${k}`;
    this.nodes.push({
      name: `${opType}_${k}`,
      opType,
      domain: '',
      inputs: inputs.map((x) => (typeof x === 'number' ? this.scalar(x) : x)),
      outputs: [output],
      attributes,
    });
    return output;
  }
}

const float = (name: string, f: number): Attribute => ({ name, type: 1, f });
const int = (name: string, i: number): Attribute => ({ name, type: 2, i });

/**
 * `e^x − 1` from Exp, Log and the arithmetic ops, accurate to a few ulps (Kahan's
 * `(u − 1)·x / log u` with `u = e^x`, and the Taylor series where `u` rounds to 1). Below −40,
 * `e^x − 1` is −1 in double, so `x` is clamped there (which keeps `u` from underflowing to 0).
 */
function expm1(g: Graph, x: string): string {
  const xc = g.op('Max', [x, EXPM1_LOW]);
  const small = g.op('Add', [xc, g.op('Mul', [g.op('Mul', [xc, xc]), g.op('Add', [0.5, g.op('Mul', [xc, 1 / 6])])])]);
  const u = g.op('Exp', [xc]);
  const kahan = g.op('Div', [g.op('Mul', [g.op('Sub', [u, 1]), xc]), g.op('Log', [u])]);
  return g.op('Where', [g.op('Less', [g.op('Abs', [xc]), EXPM1_SMALL]), small, kahan]);
}

/** `z > 0 ? positive : negative`, as bottomup's kernels write it. */
const ifPositive = (g: Graph, x: string, positive: string, negative: string): string =>
  g.op('Where', [g.op('Less', [0, x]), positive, negative]);

/**
 * Writes one activation layer; `native` says whether the float-only ops (LeakyRelu, Elu, Selu,
 * Softplus, Gelu) may be used, else they are written with ops that have double kernels.
 */
function activation(g: Graph, layer: LayerJSON, x: string, native: boolean, opset: number): string {
  const alpha = layer.config?.alpha as number | undefined;
  switch (layer.type) {
    case 'Sigmoid':
      return g.op('Sigmoid', [x]);
    case 'Tanh':
      return g.op('Tanh', [x]);
    case 'ReLU':
      return g.op('Relu', [x]);
    case 'Softmax':
      return g.op('Softmax', [x], [int('axis', 1)]);
    case 'Identity':
      return g.op('Identity', [x]);
    case 'LeakyReLU':
      return native
        ? g.op('LeakyRelu', [x], [float('alpha', alpha ?? 0.01)])
        : ifPositive(g, x, x, g.op('Mul', [x, alpha ?? 0.01]));
    case 'ELU':
      return native
        ? g.op('Elu', [x], [float('alpha', alpha ?? 1)])
        : ifPositive(g, x, x, g.op('Mul', [expm1(g, x), alpha ?? 1]));
    case 'SELU':
      return native
        ? g.op('Selu', [x])
        : ifPositive(g, x, g.op('Mul', [x, SELU_LAMBDA]), g.op('Mul', [expm1(g, x), SELU_C]));
    case 'Softplus': {
      if (native) return g.op('Softplus', [x]);
      // max(x, 0) + log1p(e^(−|x|)), log1p by Kahan's log(w)·t/(w − 1), w = 1 + t (t itself where w rounds to 1)
      const t = g.op('Exp', [g.op('Neg', [g.op('Abs', [x])])]);
      const w = g.op('Add', [t, 1]);
      const kahan = g.op('Mul', [g.op('Log', [w]), g.op('Div', [t, g.op('Sub', [w, 1])])]);
      return g.op('Add', [g.op('Max', [x, 0]), g.op('Where', [g.op('Less', [t, LOG1P_SMALL]), t, kahan])]);
    }
    case 'GELU': {
      if (native && opset >= 20) return g.op('Gelu', [x], [{ name: 'approximate', type: 3, s: 'tanh' }]);
      // 0.5·x·(1 + tanh(C·(x + K·x·x·x))), each product in the order of bottomup's kernel
      const cube = g.op('Mul', [g.op('Mul', [g.op('Mul', [x, GELU_K]), x]), x]);
      const th = g.op('Tanh', [g.op('Mul', [g.op('Add', [x, cube]), GELU_C])]);
      return g.op('Mul', [g.op('Mul', [x, 0.5]), g.op('Add', [th, 1])]);
    }
    default:
      // SiLU: x / (1 + e^(−x)). Not x·Sigmoid(x): ONNX Runtime's optimiser fuses that into a float-only op.
      return g.op('Div', [x, g.op('Add', [g.op('Exp', [g.op('Neg', [x])]), 1])]);
  }
}

/** The layers of `layers`, nested models flattened, each with its path (`layers[1].layers[0]`). */
function flatten(layers: readonly LayerJSON[], prefix: string): { layer: LayerJSON; at: string }[] {
  return layers.flatMap((layer, i) => {
    const at = `${prefix}[${i}]`;
    if (!KINDS.includes(layer.type)) {
      throw new TypeError(
        `toONNX: expected ${at} to be a layer kind ONNX export writes (${KINDS.join(', ')}), ` +
          `got ${fmtValue(layer.type)}`,
      );
    }
    return layer.type === 'Sequential' ? flatten(layer.layers ?? [], `${at}.layers`) : [{ layer, at }];
  });
}

/**
 * Writes a model as ONNX: a flat graph from one input to one output, every weight stored in the
 * model (as `raw_data`), ready for ONNX Runtime or any other ONNX engine.
 *
 * @remarks
 * ONNX puts one **row** per example: the graph's input is `input`, shape `(N, n_x)`, and its output
 * `output`, shape `(N, n_y)` — the transposes of bottomup's `X` `(n_x, m)` and `ŷ` `(n_y, m)`. The
 * weights are not transposed: a `Dense` becomes `Gemm(input, W, b, transB=1)` with `W` stored as is,
 * `(n[l], n[l-1])`, and `b` as a vector (a `Dense` without bias, `Gemm` without `C`). Nested models
 * are written as the chain of their layers.
 *
 * With `dtype: 'float32'` (the default) the activations are ONNX's own ops: `Sigmoid`, `Tanh`,
 * `Relu`, `LeakyRelu`, `Softmax` (axis 1), `Identity`, `Elu`, `Selu`, `Softplus`, and `Gelu` with
 * `approximate = 'tanh'` from opset 20. With `dtype: 'float64'` the model keeps bottomup's precision,
 * and uses only ops that ONNX Runtime runs in double: `LeakyReLU`, `ELU`, `SELU`, `Softplus` and
 * `GELU` are written out with `Where`, `Less`, `Max`, `Exp`, `Log` and arithmetic (as is `GELU` before
 * opset 20 in float32). `SiLU` is `Div(x, 1 + Exp(−x))` in both: ONNX Runtime rewrites
 * `Mul(x, Sigmoid(x))` into a float-only op, which a double model could not load. Predictions agree
 * with `model.predict` to about 1e-15 relative in float64, and to the float32 rounding of the
 * weights and inputs in float32. {@link fromONNX} reads every model written here back.
 *
 * @param model - the model (its input size must be known: a `Dense` somewhere fixes it).
 * @param options - `dtype`, `opset`.
 * @returns the bytes of the `.onnx` file (a serialised `ModelProto`, IR version 8, or 9 for opsets 19–20, 10 for 21).
 * @throws TypeError for a layer kind ONNX export does not write (a custom layer), naming its path,
 *   for a model whose input size no layer fixes, or for bad options.
 * @throws RangeError for an opset outside 13–21, or a weight that is `NaN` or infinite.
 *
 * @example
 * ```ts
 * import { Dense, Sequential, Sigmoid, Tanh } from 'bottomup';
 * import { fromONNX, toONNX } from 'bottomup/onnx';
 * const model = new Sequential([
 *   new Dense(2, 4, { seed: 1 }), new Tanh(), new Dense(4, 1, { seed: 2 }), new Sigmoid(),
 * ]);
 * const bytes = toONNX(model); // write to model.onnx, run with onnxruntime
 * fromONNX(toONNX(model, { dtype: 'float64' })).toJSON().layers.map((l) => l.type);
 * //=> ['Dense', 'Tanh', 'Dense', 'Sigmoid']
 * ```
 */
export function toONNX(model: Sequential, options: ToONNXOptions = {}): Uint8Array {
  checkOptions('toONNX', options, ['dtype', 'opset']);
  if (model === null || typeof model !== 'object' || typeof (model as Partial<Sequential>).toJSON !== 'function') {
    throw new TypeError(`toONNX: expected a Sequential model, got ${describe(model)}`);
  }
  const dtype = options.dtype ?? 'float32';
  if (dtype !== 'float32' && dtype !== 'float64')
    throw new TypeError(`toONNX: expected dtype 'float32' or 'float64', got ${describe(dtype)}`);
  const json = model.toJSON();
  const layers = flatten(json.layers, 'layers');
  const hasGelu = layers.some(({ layer }) => layer.type === 'GELU');
  const opset = options.opset ?? (dtype === 'float32' && hasGelu ? 20 : 17);
  if (typeof opset !== 'number' || !Number.isInteger(opset) || opset < 13 || opset > 21)
    throw new RangeError(`toONNX: expected opset to be an integer from 13 to 21, got ${describe(opset)}`);
  const inputSize = model.inputSize;
  if (inputSize === undefined) {
    throw new TypeError(
      'toONNX: expected a model whose input size a layer fixes (a Dense), got one of activations only',
    );
  }
  const dataType = dtype === 'float32' ? FLOAT : DOUBLE;
  const g = new Graph(dataType, dtype === 'float32' ? Math.fround : (v) => v);
  let x = 'input';
  let size = inputSize;
  let dense = 0;
  for (const { layer } of layers) {
    if (layer.type !== 'Dense') {
      x = activation(g, layer, x, dtype === 'float32', opset);
      continue;
    }
    const config = layer.config as { inputSize: number; outputSize: number };
    const weights = layer.weights as { W: number[]; b?: number[] };
    dense++;
    const W = g.tensor(`W${dense}`, [config.outputSize, config.inputSize], weights.W);
    const inputs = weights.b === undefined ? [x, W] : [x, W, g.tensor(`b${dense}`, [config.outputSize], weights.b)];
    x = g.op('Gemm', inputs, [int('transB', 1)]);
    size = config.outputSize;
  }
  // The last op writes the graph's output.
  const last = g.nodes[g.nodes.length - 1];
  last.outputs = ['output'];
  return encodeModel({
    irVersion: opset >= 21 ? 10 : opset >= 19 ? 9 : 8,
    opsets: [{ domain: '', version: opset }],
    producerName: 'bottomup',
    producerVersion: '',
    graph: {
      name: 'bottomup',
      nodes: g.nodes,
      initializers: g.initializers,
      inputs: [{ name: 'input', elemType: dataType, shape: ['N', inputSize] }],
      outputs: [{ name: 'output', elemType: dataType, shape: ['N', size] }],
    },
  });
}
