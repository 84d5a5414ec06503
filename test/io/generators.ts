/**
 * Generated models for the round-trip and predictor property tests: every layer kind, every
 * initialiser, weights that stress number printing (signed zeros, subnormals, extremes).
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
import { Dense } from '../../src/layers/dense.js';
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
}

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

export const modelSpecArb: fc.Arbitrary<{ sizes: number[]; layers: DenseSpec[] }> = fc
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
          }),
        ),
      )
      .map((layers) => ({ sizes, layers })),
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

export function buildModel(layers: readonly DenseSpec[]): Sequential {
  const out: Layer[] = [];
  for (const spec of layers) {
    const dense = new Dense(spec.inputSize, spec.outputSize, { init: spec.init, useBias: spec.useBias, seed: 1 });
    dense.weight.value.data.set(spec.W);
    if (dense.bias !== null) dense.bias.value.data.set(spec.b);
    out.push(dense);
    if (spec.activation !== null) out.push(activationLayer(spec.activation));
  }
  return new Sequential(out);
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
