/**
 * toONNX against the real engine: random models of every layer kind, in both dtypes, run by ONNX
 * Runtime (onnxruntime-node, CPU) and compared with `model.predict`; and what was exported, read
 * back by fromONNX, bit for bit.
 */
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import {
  Dense,
  ELU,
  GELU,
  Identity,
  type Layer,
  LeakyReLU,
  Matrix,
  ReLU,
  SELU,
  Sequential,
  SiLU,
  Sigmoid,
  Softmax,
  Softplus,
  Tanh,
  loadModel,
} from '../../src/index.js';
import { fromONNX, toONNX } from '../../src/onnx.js';
import { GELU_C, GELU_K, SELU_ALPHA, SELU_C, SELU_LAMBDA } from '../../src/onnx/constants.js';
import { decodeModel } from '../../src/onnx/proto.js';

/** Every activation kind, with a non-default alpha where it takes one. */
const ACTIVATIONS: Record<string, () => Layer> = {
  Sigmoid: () => new Sigmoid(),
  Tanh: () => new Tanh(),
  ReLU: () => new ReLU(),
  LeakyReLU: () => new LeakyReLU({ alpha: 0.2 }),
  Softmax: () => new Softmax(),
  Identity: () => new Identity(),
  ELU: () => new ELU({ alpha: 0.7 }),
  SELU: () => new SELU(),
  GELU: () => new GELU(),
  Softplus: () => new Softplus(),
  SiLU: () => new SiLU(),
};

/** A random model with `kind` after each of its three Dense layers (the middle one without bias). */
function randomModel(kind: string, seed: number): Sequential {
  const act = ACTIVATIONS[kind];
  return new Sequential([
    new Dense(5, 8, { seed, init: 'he' }),
    act(),
    new Dense(8, 6, { seed: seed + 1, useBias: false }),
    act(),
    new Dense(6, 3, { seed: seed + 2 }),
    act(),
  ]);
}

/** Random biases too (Dense initialises them to 0). */
function randomizeBiases(model: Sequential, seed: number): void {
  for (const p of model.parameters()) {
    if (p.name.startsWith('b')) p.value.data.set(Matrix.randn(p.value.rows, 1, { random: seed, scale: 0.5 }).data);
  }
}

/** ONNX Runtime's output for `X` `(n_x, m)`, as bottomup's `(n_y, m)`. */
async function runORT(bytes: Uint8Array, X: Matrix, dtype: 'float32' | 'float64'): Promise<Matrix> {
  const session = await ort.InferenceSession.create(bytes);
  const rows = X.transpose();
  const data = dtype === 'float32' ? Float32Array.from(rows.data) : Float64Array.from(rows.data);
  const out = await session.run({ input: new ort.Tensor(dtype, data, [X.cols, X.rows]) });
  const y = out.output;
  const [m, n] = y.dims;
  expect(y.type).toBe(dtype);
  return new Matrix(m, n, Float64Array.from(y.data as Float32Array | Float64Array)).transpose();
}

/** `‖actual − expected‖∞ / ‖expected‖∞`: the largest difference relative to the largest output. */
function relativeDiff(actual: Matrix, expected: Matrix): number {
  expect(actual.shape).toEqual(expected.shape);
  let scale = 0;
  let diff = 0;
  expected.data.forEach((v, k) => {
    scale = Math.max(scale, Math.abs(v));
    diff = Math.max(diff, Math.abs(actual.data[k] - v));
  });
  expect(scale).toBeGreaterThan(0);
  return diff / scale;
}

const worst = { float32: { diff: 0, kind: '' }, float64: { diff: 0, kind: '' } };
afterAll(() => {
  console.log(
    `[onnxruntime] worst relative difference: float64 ${worst.float64.diff.toExponential(2)} (${worst.float64.kind}), ` +
      `float32 ${worst.float32.diff.toExponential(2)} (${worst.float32.kind})`,
  );
});

const TOLERANCE = { float64: 1e-12, float32: 1e-5 };
/** The model as float32 holds it: every weight and alpha rounded to float32 (and Identity layers dropped). */
const ROUNDED = (model: Sequential): Sequential => {
  const json = model.toJSON();
  json.layers = json.layers
    .filter((l) => l.type !== 'Identity')
    .map((l) => ({
      ...l,
      ...(l.config?.alpha === undefined ? {} : { config: { alpha: Math.fround(l.config.alpha as number) } }),
      ...(l.weights === undefined
        ? {}
        : { weights: Object.fromEntries(Object.entries(l.weights).map(([k, v]) => [k, v.map(Math.fround)])) }),
    }));
  return loadModel(json);
};
/** The model as fromONNX reads it from float64: Identity layers dropped (they are Identity nodes, passed through). */
const WITHOUT_IDENTITY = (model: Sequential): Sequential => {
  const json = model.toJSON();
  json.layers = json.layers.filter((l) => l.type !== 'Identity');
  return loadModel(json);
};

describe.each(['float64', 'float32'] as const)('toONNX dtype %s, run by ONNX Runtime', (dtype) => {
  for (const kind of Object.keys(ACTIVATIONS)) {
    it(`${kind}: 3 seeds of random models, 40 examples from N(0, 2²), agree with predict`, async () => {
      for (const seed of [1, 11, 21]) {
        const model = randomModel(kind, seed);
        randomizeBiases(model, seed + 5);
        const X = Matrix.randn(5, 40, { random: seed + 7, scale: 2 });
        const bytes = toONNX(model, { dtype });
        const diff = relativeDiff(await runORT(bytes, X, dtype), model.predict(X));
        expect(diff, `${kind} seed ${seed}`).toBeLessThanOrEqual(TOLERANCE[dtype]);
        if (diff >= worst[dtype].diff) worst[dtype] = { diff, kind };
      }
    });

    it(`${kind}: fromONNX reads the export back bit for bit`, () => {
      const model = randomModel(kind, 3);
      randomizeBiases(model, 4);
      const bytes = toONNX(model, { dtype });
      const back = fromONNX(bytes);
      const expected = dtype === 'float64' ? WITHOUT_IDENTITY(model) : ROUNDED(model);
      const strip = (m: Sequential) =>
        m.toJSON().layers.map((l) => ({ ...l, config: l.type === 'Dense' ? { ...l.config, init: '-' } : l.config }));
      expect(strip(back)).toEqual(strip(expected));
      // and once read, the same model writes the same bytes (less the Identity nodes)
      expect(toONNX(back, { dtype })).toEqual(kind === 'Identity' ? toONNX(WITHOUT_IDENTITY(model), { dtype }) : bytes);
      const X = Matrix.randn(5, 9, { random: 8 });
      expect(back.predict(X).data).toEqual(expected.predict(X).data);
    });
  }

  it('a nested Sequential is written as the chain of its layers', async () => {
    const inner = new Sequential([new Dense(4, 3, { seed: 2 }), new Tanh()]);
    const model = new Sequential([new Dense(2, 4, { seed: 1 }), new ReLU(), inner, new Dense(3, 1, { seed: 3 })]);
    const bytes = toONNX(model, { dtype });
    expect(decodeModel(bytes).graph.nodes.map((n) => n.opType)).toEqual(['Gemm', 'Relu', 'Gemm', 'Tanh', 'Gemm']);
    const X = Matrix.randn(2, 6, { random: 4 });
    expect(relativeDiff(await runORT(bytes, X, dtype), model.predict(X))).toBeLessThanOrEqual(TOLERANCE[dtype]);
    expect(fromONNX(bytes).layers.map(String)).toEqual([
      'Dense(2 → 4)',
      'ReLU()',
      'Dense(4 → 3)',
      'Tanh()',
      'Dense(3 → 1)',
    ]);
  });
});

describe('what toONNX writes', () => {
  const ops = (model: Sequential, options = {}) => decodeModel(toONNX(model, options)).graph.nodes.map((n) => n.opType);

  it('float32: ir 8, opset 17, Gemm(transB=1) with W as is, native activations', () => {
    const model = new Sequential([
      new Dense(3, 2, { seed: 1 }),
      new LeakyReLU(),
      new Dense(2, 2, { seed: 2 }),
      new Softmax(),
    ]);
    const m = decodeModel(toONNX(model));
    expect(m.irVersion).toBe(8);
    expect(m.opsets).toEqual([{ domain: '', version: 17 }]);
    expect(m.graph.inputs).toEqual([{ name: 'input', elemType: 1, shape: ['N', 3] }]);
    expect(m.graph.outputs).toEqual([{ name: 'output', elemType: 1, shape: ['N', 2] }]);
    expect(m.graph.nodes.map((n) => [n.opType, n.inputs, n.outputs, n.attributes])).toEqual([
      ['Gemm', ['input', 'W1', 'b1'], ['t0'], [{ name: 'transB', type: 2, i: 1 }]],
      ['LeakyRelu', ['t0'], ['t1'], [{ name: 'alpha', type: 1, f: Math.fround(0.01) }]],
      ['Gemm', ['t1', 'W2', 'b2'], ['t2'], [{ name: 'transB', type: 2, i: 1 }]],
      ['Softmax', ['t2'], ['output'], [{ name: 'axis', type: 2, i: 1 }]],
    ]);
    const W1 = m.graph.initializers[0];
    expect(W1.dims).toEqual([2, 3]);
    expect(W1.values).toEqual(Array.from((model.layers[0] as Dense).weight.value.data, Math.fround));
  });

  it('GELU: the Gelu op (opset 20, ir 9) in float32, written out in float64 and before opset 20', () => {
    const model = new Sequential([new Dense(3, 2, { seed: 1 }), new GELU()]);
    expect(ops(model)).toEqual(['Gemm', 'Gelu']);
    expect(decodeModel(toONNX(model)).opsets).toEqual([{ domain: '', version: 20 }]);
    expect(decodeModel(toONNX(model)).irVersion).toBe(9);
    const written = ['Gemm', 'Mul', 'Mul', 'Mul', 'Add', 'Mul', 'Tanh', 'Mul', 'Add', 'Mul'];
    expect(ops(model, { dtype: 'float64' })).toEqual(written);
    expect(ops(model, { opset: 18 })).toEqual(written);
    expect(decodeModel(toONNX(model, { dtype: 'float64' })).opsets).toEqual([{ domain: '', version: 17 }]);
  });

  it('float64 uses only ops ONNX Runtime has double kernels for, and SiLU never as Mul(x, Sigmoid(x))', () => {
    const DOUBLE_KERNELS = ['Gemm', 'MatMul', 'Add', 'Mul', 'Sub', 'Div', 'Sigmoid', 'Tanh', 'Relu', 'Softmax'];
    DOUBLE_KERNELS.push(
      'LogSoftmax',
      'Exp',
      'Log',
      'Abs',
      'Neg',
      'Where',
      'Less',
      'Max',
      'Identity',
      'Flatten',
      'Reshape',
    );
    const seen = new Set<string>();
    for (const kind of Object.keys(ACTIVATIONS))
      for (const op of ops(randomModel(kind, 1), { dtype: 'float64' })) seen.add(op);
    expect([...seen].filter((op) => !DOUBLE_KERNELS.includes(op))).toEqual([]);
    expect(seen.size).toBeGreaterThan(12);
    const silu = ops(new Sequential([new Dense(2, 2, { seed: 1 }), new SiLU()]), { dtype: 'float64' });
    expect(silu).toEqual(['Gemm', 'Neg', 'Exp', 'Add', 'Div']);
    expect(ops(new Sequential([new Dense(2, 2, { seed: 1 }), new SiLU()]))).toEqual([
      'Gemm',
      'Neg',
      'Exp',
      'Add',
      'Div',
    ]);
  });

  it('the written expm1 and log1p are accurate where e^x − 1 and log(1 + t) cancel (ELU, SELU, Softplus)', async () => {
    // inputs straight into the activation (an identity Dense), near 0 and far out, in double
    const xs = [-800, -60, -40, -20, -1, -1e-3, -1e-5, -9e-6, -1e-8, -1e-17, -0, 0, 1e-17, 1e-6, 3, 40, 700];
    for (const act of [new ELU({ alpha: 1.3 }), new SELU(), new Softplus(), new SiLU(), new GELU(), new LeakyReLU()]) {
      const dense = new Dense(1, 1, { init: 'zeros', useBias: false });
      dense.weight.value.data[0] = 1;
      const model = new Sequential([dense, act]);
      const X = Matrix.from([xs]);
      const got = await runORT(toONNX(model, { dtype: 'float64' }), X, 'float64');
      const want = model.predict(X);
      xs.forEach((x, k) => {
        const a = got.data[k];
        const b = want.data[k];
        const rel = b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b);
        // SiLU at −800: e^800 overflows in x / (1 + e^−x), giving −0 for bottomup's −0 too
        expect(rel, `${act.toString()} at ${x}: ONNX Runtime ${a}, predict ${b}`).toBeLessThanOrEqual(1e-15);
      });
    }
  });
});

describe('toONNX refuses what it cannot write', () => {
  it('a custom layer kind, naming its path', () => {
    const custom: Layer = {
      inputSize: undefined,
      outputSize: undefined,
      forward: (A: Matrix) => A,
      backward: (d: Matrix) => d,
      parameters: () => [],
      computeOutputSize: (n: number) => n,
      toString: () => 'Doubler()',
      toJSON: () => ({ type: 'Doubler' }),
    } as unknown as Layer;
    const model = new Sequential([new Dense(2, 2, { seed: 1 }), new Sequential([new Tanh(), custom])]);
    const before = JSON.stringify(model);
    expect(() => toONNX(model)).toThrow(
      new TypeError(
        'toONNX: expected layers[1].layers[1] to be a layer kind ONNX export writes (Dense, Sigmoid, Tanh, ReLU, ' +
          'LeakyReLU, Softmax, Identity, ELU, SELU, GELU, Softplus, SiLU, Sequential), got "Doubler"',
      ),
    );
    expect(JSON.stringify(model)).toBe(before);
  });

  it('bad options, a model of activations only, a non-model', () => {
    const model = new Sequential([new Dense(2, 2, { seed: 1 })]);
    expect(() => toONNX(model, { dtype: 'float16' as 'float32' })).toThrow(
      new TypeError(`toONNX: expected dtype 'float32' or 'float64', got "float16"`),
    );
    expect(() => toONNX(model, { opset: 12 })).toThrow(
      new RangeError('toONNX: expected opset to be an integer from 13 to 21, got 12'),
    );
    expect(() => toONNX(model, { opset: 17.5 })).toThrow(
      new RangeError('toONNX: expected opset to be an integer from 13 to 21, got 17.5'),
    );
    expect(() => toONNX(model, { ir: 8 } as never)).toThrow(
      new TypeError('toONNX: expected options among dtype, opset, got unknown option "ir"'),
    );
    expect(() => toONNX(new Sequential([new Tanh()]))).toThrow(
      new TypeError('toONNX: expected a model whose input size a layer fixes (a Dense), got one of activations only'),
    );
    expect(() => toONNX({} as Sequential)).toThrow(new TypeError('toONNX: expected a Sequential model, got an object'));
  });

  it('a NaN weight (Dense.toJSON refuses it)', () => {
    const dense = new Dense(2, 1, { seed: 1 });
    dense.weight.value.data[1] = Number.NaN;
    expect(() => toONNX(new Sequential([dense]))).toThrow(RangeError);
  });
});

describe("the written forms' constants", () => {
  it("are the activations' own (SELU's λ and λ·α exactly, GELU's to rounding)", () => {
    const selu = new SELU().forward(Matrix.from([[1, -50]])).data;
    expect(selu[0]).toBe(SELU_LAMBDA);
    expect(selu[1]).toBe(-SELU_C); // e^−50 − 1 is −1 in double
    expect(SELU_C).toBe(SELU_LAMBDA * SELU_ALPHA);
    const x = 0.75;
    const gelu = new GELU().forward(Matrix.from([[x]])).data[0];
    expect(Math.abs(gelu - 0.5 * x * (1 + Math.tanh(GELU_C * (x + GELU_K * x * x * x))))).toBeLessThan(2e-16);
    expect(GELU_C).toBe(Math.sqrt(2 / Math.PI));
  });
});
