/**
 * Generated models for the round-trip and predictor property tests: every layer kind, every
 * initialiser, weights that stress number printing (signed zeros, subnormals, extremes), and runs of
 * layers wrapped in nested `Sequential`s (to any depth, a nested model inside a nested model).
 */
import fc from 'fast-check';
import {
  ELU,
  GELU,
  Identity,
  LeakyReLU,
  ReLU,
  SELU,
  SiLU,
  Sigmoid,
  Softmax,
  Softplus,
  Tanh,
} from '../../src/activations/index.js';
import { BatchNorm } from '../../src/layers/batch-norm.js';
import { Dense } from '../../src/layers/dense.js';
import { Dropout } from '../../src/layers/dropout.js';
import { INITIALIZERS, type Initializer } from '../../src/layers/init.js';
import type { Layer } from '../../src/layers/layer.js';
import { Matrix } from '../../src/matrix/index.js';
import { Sequential } from '../../src/model/sequential.js';

export type ActivationSpec = { type: string; alpha?: number } | null;

export interface DenseSpec {
  inputSize: number;
  outputSize: number;
  useBias: boolean;
  init: Initializer;
  W: number[];
  b: number[];
  activation: ActivationSpec;
  /** Dense's `regularizer`, or none. */
  regularizer: { l1?: number; l2?: number } | null;
  /** A layer after the activation: Dropout, BatchNorm (or nothing). */
  extra: ExtraSpec;
}

/** The layers with modes, placed after a Dense layer's activation. */
export type ExtraSpec =
  | { type: 'Dropout'; rate: number; seed?: number }
  | {
      type: 'BatchNorm';
      momentum: number;
      epsilon: number;
      gamma: number[];
      beta: number[];
      runningMean: number[];
      runningVar: number[];
    }
  | null;

const values = (size: number, arb: fc.Arbitrary<number> = weightArb) =>
  fc.array(arb, { minLength: size, maxLength: size });

/** A Dropout, a BatchNorm of `size` features (any saved statistics), or nothing. */
export const extraArb = (size: number): fc.Arbitrary<ExtraSpec> =>
  fc.oneof(
    { weight: 1, arbitrary: dropoutArb },
    { weight: 3, arbitrary: fc.constant(null) },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant('BatchNorm' as const),
        momentum: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1, 0.1)),
        epsilon: fc.constantFrom(1e-5, 1e-3, 1, 5e-324, 1e300),
        gamma: values(size),
        beta: values(size),
        runningMean: values(size),
        runningVar: values(size, fc.oneof(fc.double({ min: 0, max: 10, noNaN: true }), weightArb)),
      }),
    },
  );

const dropoutArb: fc.Arbitrary<ExtraSpec> = fc.record(
  {
    type: fc.constant('Dropout' as const),
    rate: fc.oneof(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.constantFrom(0, 0.5)),
    seed: fc.nat(),
  },
  { requiredKeys: ['type', 'rate'] },
);

/** Values that stress number printing and parsing: signed zeros, subnormals, extremes, non-terminating fractions. */
export const SPECIAL_WEIGHTS = [
  0,
  -0,
  5e-324,
  -5e-324,
  2.2250738585072014e-308,
  -2.225073858507201e-308,
  1e-300,
  -1e-300,
  1e300,
  -1e300,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  0.1,
  1 / 3,
  -2 / 3,
  Math.PI,
  123456789.123456789,
  Number.EPSILON,
];

export const weightArb = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -3, max: 3, noNaN: true }) },
  { weight: 2, arbitrary: fc.constantFrom(...SPECIAL_WEIGHTS) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
);

export const PLAIN_ACTIVATIONS = ['Sigmoid', 'Tanh', 'ReLU', 'Softmax', 'Identity', 'SELU', 'GELU', 'Softplus', 'SiLU'];

export const activationArb: fc.Arbitrary<ActivationSpec> = fc.oneof(
  fc.constantFrom(...PLAIN_ACTIVATIONS).map((type) => ({ type })),
  fc.record({
    type: fc.constantFrom('LeakyReLU', 'ELU'),
    // An alpha of −0 cannot survive JSON (see the known issue below), so the generator maps it to 0.
    alpha: fc
      .oneof(fc.double({ min: -2, max: 2, noNaN: true }), fc.constantFrom(0, 1e-300, -1e-300, 1e300, 0.1))
      .map((a) => (a === 0 ? 0 : a)),
  }),
  fc.constant(null),
);

/**
 * How to nest a flat list of layers: each `[a, b]` wraps a run of the current list (from `a` to
 * `b`, modulo its length) in a new `Sequential`, so later pairs can wrap earlier wrappers.
 */
export const nestingArb = fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 5 });

export const modelSpecArb: fc.Arbitrary<{ sizes: number[]; layers: DenseSpec[]; nesting: [number, number][] }> = fc
  .array(fc.integer({ min: 1, max: 8 }), { minLength: 2, maxLength: 4 })
  .chain((sizes) =>
    fc
      .tuple(
        ...sizes.slice(1).map((outputSize, l) =>
          fc.record({
            inputSize: fc.constant(sizes[l]),
            outputSize: fc.constant(outputSize),
            useBias: fc.boolean(),
            init: fc.constantFrom(...INITIALIZERS),
            W: fc.array(weightArb, { minLength: sizes[l] * outputSize, maxLength: sizes[l] * outputSize }),
            b: fc.array(weightArb, { minLength: outputSize, maxLength: outputSize }),
            activation: activationArb,
            regularizer: fc.option(
              fc.record(
                { l1: fc.double({ min: 0, max: 10, noNaN: true }), l2: fc.constantFrom(0, 0.01, 1e-300, 1e300) },
                { requiredKeys: [] },
              ),
              { freq: 3 },
            ),
            extra: extraArb(outputSize),
          }),
        ),
      )
      .chain((layers) => nestingArb.map((nesting) => ({ sizes, layers, nesting }))),
  );

export function activationLayer(spec: NonNullable<ActivationSpec>): Layer {
  switch (spec.type) {
    case 'Sigmoid':
      return new Sigmoid();
    case 'Tanh':
      return new Tanh();
    case 'ReLU':
      return new ReLU();
    case 'Softmax':
      return new Softmax();
    case 'Identity':
      return new Identity();
    case 'SELU':
      return new SELU();
    case 'GELU':
      return new GELU();
    case 'Softplus':
      return new Softplus();
    case 'SiLU':
      return new SiLU();
    case 'LeakyReLU':
      return new LeakyReLU({ alpha: spec.alpha });
    case 'ELU':
      return new ELU({ alpha: spec.alpha });
    default:
      throw new Error(`unknown activation ${spec.type}`);
  }
}

/** Wraps runs of `layers` in nested models as `nesting` says (see {@link nestingArb}). */
export function nest(layers: readonly Layer[], nesting: readonly [number, number][]): Layer[] {
  let list = layers.slice();
  for (const [a, b] of nesting) {
    const from = a % list.length;
    const to = from + 1 + (b % (list.length - from));
    list = [...list.slice(0, from), new Sequential(list.slice(from, to)), ...list.slice(to)];
  }
  return list;
}

export function buildModel(layers: readonly DenseSpec[], nesting: readonly [number, number][] = []): Sequential {
  const out: Layer[] = [];
  for (const spec of layers) {
    const dense = new Dense(spec.inputSize, spec.outputSize, {
      init: spec.init,
      useBias: spec.useBias,
      seed: 1,
      ...(spec.regularizer === null ? {} : { regularizer: spec.regularizer }),
    });
    dense.weight.value.data.set(spec.W);
    if (dense.bias !== null) dense.bias.value.data.set(spec.b);
    out.push(dense);
    if (spec.activation !== null) out.push(activationLayer(spec.activation));
    const extra = spec.extra;
    if (extra?.type === 'Dropout')
      out.push(new Dropout(extra.rate, extra.seed === undefined ? {} : { seed: extra.seed }));
    if (extra?.type === 'BatchNorm') {
      const bn = new BatchNorm(spec.outputSize, { momentum: extra.momentum, epsilon: extra.epsilon });
      bn.gamma.value.data.set(extra.gamma);
      bn.beta.value.data.set(extra.beta);
      bn.runningMean.data.set(extra.runningMean);
      bn.runningVar.data.set(extra.runningVar);
      out.push(bn);
    }
  }
  return new Sequential(nest(out, nesting));
}

export const inputArb = (rows: number) =>
  fc.integer({ min: 1, max: 5 }).chain((m) =>
    fc
      .array(
        fc.oneof(
          { weight: 5, arbitrary: fc.double({ min: -5, max: 5, noNaN: true }) },
          { weight: 1, arbitrary: fc.constantFrom(...SPECIAL_WEIGHTS) },
        ),
        {
          minLength: rows * m,
          maxLength: rows * m,
        },
      )
      .map((data) => new Matrix(rows, m, data)),
  );
