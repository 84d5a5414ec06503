/**
 * The activations: forward values at chosen points (exact where the float result is exact, else to a
 * few ulps of a textbook formula), derivatives against hand-written closed forms and a fourth-order
 * finite difference, stability at ±1000 and at the ends of the double range, buffer reuse, errors
 * with exact messages, option validation, toJSON and toString.
 */
import { describe, expect, it } from 'vitest';
import {
  type Activation,
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
import { ShapeError } from '../../src/errors.js';
import type { Layer } from '../../src/layers/layer.js';
import { Matrix } from '../../src/matrix/matrix.js';
import { Random } from '../../src/random.js';

/** `|actual − expected| <= rel·|expected|` (exact equality when expected is 0). */
function expectClose(actual: number, expected: number, rel = 4e-15): void {
  expect(Number.isFinite(actual)).toBe(true);
  if (expected === 0) expect(actual).toBe(0);
  else expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected));
}

function expectAllClose(actual: ArrayLike<number>, expected: readonly number[], rel = 4e-15): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => expectClose(actual[i], e, rel));
}

/** forward on one row of values. */
const row = (act: Activation, xs: readonly number[]): number[] =>
  Array.from(act.forward(Matrix.from([xs.slice()])).data);
/** g′(x) for each x: backward with dA = 1 after a forward. */
const slope = (act: Activation, xs: readonly number[]): number[] => {
  act.forward(Matrix.from([xs.slice()]));
  return Array.from(act.backward(Matrix.fill(1, xs.length, 1)).data);
};

const sigma = (x: number): number => 1 / (1 + Math.exp(-x));
const LAMBDA = 1.0507009873554804934193349852946;
const ALPHA = 1.6732632423543772848170429916717;
const C = Math.sqrt(2 / Math.PI);
const geluRef = (x: number): number => 0.5 * x * (1 + Math.tanh(C * (x + 0.044715 * x ** 3)));
/** d/dz of the tanh-GELU, written with sech² = 1/cosh² (a different expression from the source's 1 − t²). */
const geluSlopeRef = (x: number): number => {
  const u = C * (x + 0.044715 * x ** 3);
  return 0.5 * (1 + Math.tanh(u)) + (0.5 * x * C * (1 + 3 * 0.044715 * x * x)) / Math.cosh(u) ** 2;
};

const ALL: readonly [string, () => Activation][] = [
  ['Sigmoid', () => new Sigmoid()],
  ['Tanh', () => new Tanh()],
  ['ReLU', () => new ReLU()],
  ['LeakyReLU', () => new LeakyReLU()],
  ['Softmax', () => new Softmax()],
  ['Identity', () => new Identity()],
  ['ELU', () => new ELU()],
  ['SELU', () => new SELU()],
  ['GELU', () => new GELU()],
  ['Softplus', () => new Softplus()],
  ['SiLU', () => new SiLU()],
];

describe('forward values', () => {
  it('Sigmoid: σ(0) = 0.5, σ(±2), saturates to exactly 1 and 0 at ±1000, keeps tiny tails', () => {
    const a = row(new Sigmoid(), [0, 2, -2, 1000, -1000, 40, -40]);
    expect(a[0]).toBe(0.5);
    expectClose(a[1], sigma(2));
    expectClose(a[2], Math.exp(-2) / (1 + Math.exp(-2)));
    expect(a[3]).toBe(1);
    expect(a[4]).toBe(0);
    expect(a[5]).toBe(1);
    // σ(−40) = e^−40/(1 + e^−40): no cancellation, so the tail is kept (1 − σ(40) would give 0).
    expectClose(a[6], 4.248354255291589e-18);
  });

  it('Tanh: odd, saturates to exactly ±1 at ±1000, keeps −0', () => {
    const a = row(new Tanh(), [0.5, -0.5, 1000, -1000, -0]);
    expectClose(a[0], 0.46211715726000974);
    expect(a[1]).toBe(-a[0]);
    expect(a.slice(2, 4)).toEqual([1, -1]);
    expect(Object.is(a[4], -0)).toBe(true);
  });

  it('ReLU: max(0, z), 0 at the kink', () => {
    expect(row(new ReLU(), [-2, 0, 3, -1000, 1000, 0.5])).toEqual([0, 0, 3, 0, 1000, 0.5]);
  });

  it('LeakyReLU: α·z below 0, default α = 0.01', () => {
    expect(row(new LeakyReLU(), [-2, 0, 3])).toEqual([-0.02, 0, 3]);
    expect(row(new LeakyReLU({ alpha: 0.1 }), [-2, 3, -1000])).toEqual([-0.2, 3, -100]);
    expect(row(new LeakyReLU({ alpha: -0.5 }), [-2])).toEqual([1]);
  });

  it('Identity: copies, into its own buffer', () => {
    const Z = Matrix.from([[-2, 3, 0.5]]);
    const A = new Identity().forward(Z);
    expect(A.toArray()).toEqual([[-2, 3, 0.5]]);
    expect(A).not.toBe(Z);
  });

  it('ELU: α·(e^z − 1) below 0 (via expm1), saturating at −α', () => {
    const a = row(new ELU(), [-1, 0, 2, -1000, -1e-10]);
    expectClose(a[0], Math.exp(-1) - 1);
    expect(a.slice(1, 4)).toEqual([0, 2, -1]);
    // expm1 keeps the small-|z| digits that e^z − 1 would cancel.
    expectClose(a[4], -9.9999999995e-11);
    expectClose(row(new ELU({ alpha: 0.5 }), [-1])[0], 0.5 * (Math.exp(-1) - 1));
  });

  it('SELU: λ·z above 0, λ·α·(e^z − 1) below, saturating at −λα', () => {
    const a = row(new SELU(), [1, -1, -1000, 0, 2]);
    expect(a[0]).toBe(LAMBDA);
    expectClose(a[1], LAMBDA * ALPHA * (Math.exp(-1) - 1));
    expectClose(a[2], -LAMBDA * ALPHA);
    expectClose(a[2], -1.7580993408473766);
    expect(a[3]).toBe(0);
    expect(a[4]).toBe(2 * LAMBDA);
  });

  it('GELU (tanh approximation): PyTorch approximate="tanh" values', () => {
    const a = row(new GELU(), [0, 1, -1, 3, 1000, -1000]);
    expect(a[0]).toBe(0);
    // torch.nn.functional.gelu(torch.tensor([1., -1., 3.], dtype=torch.float64), approximate='tanh')
    expectClose(a[1], 0.8411919906082768);
    expectClose(a[2], -0.15880800939172324);
    expectClose(a[3], 2.996362607918227);
    [1, -1, 3].forEach((x, i) => expectClose(a[i + 1], geluRef(x)));
    expect(a[4]).toBe(1000);
    expect(a[5]).toEqual(-0); // 0.5·(−1000)·(1 + tanh(−∞)) = −1000·0
  });

  it('Softplus: log(1 + e^z), exact at ±1000 and in the far tail', () => {
    const a = row(new Softplus(), [0, 2, -2, -30, 1000, -1000]);
    expect(a[0]).toBe(Math.LN2);
    expectClose(a[1], Math.log(1 + Math.exp(2)));
    expectClose(a[2], Math.log(1 + Math.exp(-2)));
    // log(1 + e^−30) = e^−30 − e^−60/2 + …; log(1 + x) in floats would lose most digits here.
    expectClose(a[3], Math.exp(-30) - Math.exp(-60) / 2);
    expect(a[4]).toBe(1000);
    expect(a[5]).toBe(0);
  });

  it('SiLU: z·σ(z)', () => {
    const a = row(new SiLU(), [0, 1, -1, 1000, -1000]);
    expect(a[0]).toBe(0);
    expectClose(a[1], sigma(1));
    expectClose(a[2], -sigma(-1));
    expect(a[3]).toBe(1000);
    expect(a[4]).toEqual(-0); // −1000·σ(−1000) = −1000·0
  });

  it('Softmax: per column, columns sum to 1, stable at ±1000', () => {
    const Z = Matrix.from([
      [1, 1000, 1000, -1000, 0],
      [2, -1000, 1000, -1000, 0],
      [3, 0, 0, -1000, 0],
    ]);
    const A = new Softmax().forward(Z);
    const e = [1, 2, 3].map((x) => Math.exp(x));
    const total = e[0] + e[1] + e[2];
    expectAllClose(
      [A.get(0, 0), A.get(1, 0), A.get(2, 0)],
      e.map((v) => v / total),
    );
    expect([A.get(0, 1), A.get(1, 1), A.get(2, 1)]).toEqual([1, 0, 0]);
    expect([A.get(0, 2), A.get(1, 2), A.get(2, 2)]).toEqual([0.5, 0.5, 0]);
    expect([A.get(0, 3), A.get(1, 3), A.get(2, 3)]).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect([A.get(0, 4), A.get(1, 4), A.get(2, 4)]).toEqual([1 / 3, 1 / 3, 1 / 3]);
    for (let j = 0; j < Z.cols; j++)
      expect(Math.abs(A.get(0, j) + A.get(1, j) + A.get(2, j) - 1)).toBeLessThanOrEqual(2.3e-16);
  });

  it('Softmax: shifting a column by 1000 changes nothing (the max is subtracted)', () => {
    const Z = Matrix.from([[0.3], [-1.2], [2.5], [0]]);
    const a = new Softmax().forward(Z).clone();
    const b = new Softmax().forward(Z.map((v) => v + 1000));
    expectAllClose(b.data, Array.from(a.data), 1e-13);
  });

  it('Softmax of a single row is 1 everywhere', () => {
    expect(new Softmax().forward(Matrix.from([[-5, 0, 1000]])).toArray()).toEqual([[1, 1, 1]]);
  });

  it('forward leaves its input unchanged', () => {
    for (const [, make] of ALL) {
      const Z = Matrix.from([
        [-1.5, 0.25],
        [2, -0],
      ]);
      const copy = Z.clone();
      make().forward(Z);
      expect(Z.equals(copy)).toBe(true);
    }
  });
});

describe('derivatives', () => {
  it('Sigmoid: σ′ = σ(1 − σ): 1/4 at 0, 0 at ±1000', () => {
    const d = slope(new Sigmoid(), [0, 2, -2, 1000, -1000]);
    expect(d[0]).toBe(0.25);
    expectClose(d[1], sigma(2) * (1 - sigma(2)));
    expectClose(d[2], sigma(-2) * (1 - sigma(-2)));
    expect(d.slice(3)).toEqual([0, 0]);
  });

  it('Tanh: 1 − tanh²', () => {
    const d = slope(new Tanh(), [0, 0.5, -0.5, 1000]);
    expect(d[0]).toBe(1);
    expectClose(d[1], 1 / Math.cosh(0.5) ** 2);
    expectClose(d[2], 1 / Math.cosh(0.5) ** 2);
    expect(d[3]).toBe(0);
  });

  it('ReLU: 1 above 0, 0 at and below (the kink takes 0, as in PyTorch)', () => {
    expect(slope(new ReLU(), [-2, 0, 3, -0])).toEqual([0, 0, 1, 0]);
  });

  it('LeakyReLU: 1 above 0, α at and below', () => {
    expect(slope(new LeakyReLU({ alpha: 0.1 }), [-2, 0, 3])).toEqual([0.1, 0.1, 1]);
    expect(slope(new LeakyReLU(), [-2])).toEqual([0.01]);
  });

  it('ELU: α·e^z at and below 0, 1 above', () => {
    const d = slope(new ELU({ alpha: 0.5 }), [-1, 0, 2, -1000]);
    expectClose(d[0], 0.5 * Math.exp(-1));
    expect(d.slice(1)).toEqual([0.5, 1, 0]);
  });

  it('SELU: λ above 0, λ·α·e^z at and below', () => {
    const d = slope(new SELU(), [1, -1, 0, -1000]);
    expect(d[0]).toBe(LAMBDA);
    expectClose(d[1], LAMBDA * ALPHA * Math.exp(-1));
    expectClose(d[2], LAMBDA * ALPHA);
    expect(d[3]).toBe(0);
  });

  it('GELU: the derivative of the tanh form', () => {
    const xs = [0, 1, -1, 3, -2.5, 0.1];
    const d = slope(new GELU(), xs);
    expect(d[0]).toBe(0.5);
    xs.forEach((x, i) => expectClose(d[i], geluSlopeRef(x), 1e-14));
    expect(slope(new GELU(), [1000, -1000])).toEqual([1, 0]);
  });

  it('Softplus: σ(z)', () => {
    const d = slope(new Softplus(), [0, 2, -2, 1000, -1000]);
    expect(d[0]).toBe(0.5);
    expectClose(d[1], sigma(2));
    expectClose(d[2], sigma(-2));
    expect(d.slice(3)).toEqual([1, 0]);
  });

  it('SiLU: σ(z)·(1 + z·(1 − σ(z)))', () => {
    const d = slope(new SiLU(), [0, 1, -1, 1000, -1000]);
    expect(d[0]).toBe(0.5);
    expectClose(d[1], sigma(1) + sigma(1) * (1 - sigma(1)));
    expectClose(d[2], sigma(-1) - sigma(-1) * (1 - sigma(-1)));
    expect(d.slice(3)).toEqual([1, -0]); // σ(−1000)·(1 − 1000) = 0·(−999)
  });

  it('Identity: passes dA through', () => {
    const act = new Identity();
    act.forward(Matrix.from([[1, 2]]));
    expect(act.backward(Matrix.from([[0.5, -3]])).toArray()).toEqual([[0.5, -3]]);
  });

  it('Softmax: dZ = (diag(a) − a·aᵀ)·dA per column', () => {
    const act = new Softmax();
    const A = act
      .forward(
        Matrix.from([
          [1, 0.2],
          [2, -1],
          [3, 0.7],
        ]),
      )
      .clone();
    const dA = Matrix.from([
      [1, -0.5],
      [0, 2],
      [0.25, 1],
    ]);
    const dZ = act.backward(dA);
    for (let j = 0; j < 2; j++) {
      for (let i = 0; i < 3; i++) {
        let expected = 0;
        for (let k = 0; k < 3; k++)
          expected += ((i === k ? A.get(i, j) : 0) - A.get(i, j) * A.get(k, j)) * dA.get(k, j);
        expect(Math.abs(dZ.get(i, j) - expected)).toBeLessThanOrEqual(1e-16);
      }
    }
    // A constant dA along a column has no effect (softmax is shift-invariant).
    act.forward(Matrix.from([[1], [2], [3]]));
    expect(Math.max(...act.backward(Matrix.fill(3, 1, 7)).data.map(Math.abs))).toBeLessThanOrEqual(1e-15);
  });

  it('every activation: backward equals a fourth-order finite difference of forward (off the kinks)', () => {
    const rng = new Random(11);
    const Z = new Matrix(3, 5);
    // Away from 0 by at least 0.1, so the stencil never straddles a kink.
    Z.data.forEach((_, i, d) => (d[i] = (rng.next() < 0.5 ? -1 : 1) * rng.uniform(0.1, 3)));
    const dA = Matrix.randn(3, 5, { random: 12 });
    const h = 1e-3;
    for (const [name, make] of ALL) {
      const act = make();
      act.forward(Z);
      const dZ = act.backward(dA).clone();
      // J(Z) = Σ dA ⊙ g(Z); ∂J/∂Z[i] by the stencil on a separate instance.
      const probe = make();
      const J = (M: Matrix): number => probe.forward(M).data.reduce((s, v, i) => s + v * dA.data[i], 0);
      for (let i = 0; i < Z.size; i++) {
        const at = (t: number): number => {
          const M = Z.clone();
          M.data[i] += t;
          return J(M);
        };
        const approx = (-at(2 * h) + 8 * at(h) - 8 * at(-h) + at(-2 * h)) / (12 * h);
        expect(Math.abs(dZ.data[i] - approx), `${name} element ${i}`).toBeLessThanOrEqual(
          1e-9 * Math.max(1, Math.abs(approx)),
        );
      }
    }
  });
});

describe('extreme inputs', () => {
  // Up to ±1e300 rather than ±MAX_VALUE: SELU's λ·z (λ > 1) of MAX_VALUE is correctly +Infinity.
  const extremes = [
    -Number.MAX_VALUE,
    -1e300,
    -1e200,
    -1e154,
    -1000,
    -745,
    -709,
    -40,
    -1e-300,
    -0,
    0,
    5e-324,
    1e-300,
    40,
    709,
    710,
    745,
    1000,
    1e154,
    1e200,
    1e300,
  ];

  it.each(ALL)('%s: forward and backward stay finite from −MAX_VALUE to 1e300', (_, make) => {
    const act = make();
    const A = act.forward(Matrix.from([extremes]));
    expect(A.data.every(Number.isFinite)).toBe(true);
    expect(act.backward(Matrix.fill(1, extremes.length, 1)).data.every(Number.isFinite)).toBe(true);
    // And per column, for softmax's column-wise max/sum.
    const col = make();
    expect(col.forward(Matrix.from(extremes.map((v) => [v]))).data.every(Number.isFinite)).toBe(true);
    expect(col.backward(Matrix.fill(extremes.length, 1, 1)).data.every(Number.isFinite)).toBe(true);
  });

  it('GELU: derivative is 1 and 0 where z² overflows (no 0·∞)', () => {
    expect(slope(new GELU(), [1e200, -1e200, Number.MAX_VALUE, -Number.MAX_VALUE])).toEqual([1, 0, 1, 0]);
  });

  it('saturated values are exact', () => {
    expect(row(new Sigmoid(), [Number.MAX_VALUE, -Number.MAX_VALUE])).toEqual([1, 0]);
    expect(row(new Tanh(), [Number.MAX_VALUE, -Number.MAX_VALUE])).toEqual([1, -1]);
    expect(row(new Softplus(), [Number.MAX_VALUE, -Number.MAX_VALUE])).toEqual([Number.MAX_VALUE, 0]);
    expect(row(new SiLU(), [Number.MAX_VALUE])).toEqual([Number.MAX_VALUE]);
    expect(new Softmax().forward(Matrix.from([[Number.MAX_VALUE], [-Number.MAX_VALUE]])).toArray()).toEqual([[1], [0]]);
  });
});

describe('buffers', () => {
  it.each(ALL)('%s: forward and backward reuse their buffers while the shape is unchanged', (_, make) => {
    const act = make();
    const A1 = act.forward(Matrix.randn(2, 3, { random: 1 }));
    const dZ1 = act.backward(Matrix.randn(2, 3, { random: 2 }));
    const A2 = act.forward(Matrix.randn(2, 3, { random: 3 }));
    const dZ2 = act.backward(Matrix.randn(2, 3, { random: 4 }));
    expect(A2).toBe(A1);
    expect(dZ2).toBe(dZ1);
    expect(dZ1).not.toBe(A1);
  });

  it('alternating batch sizes reuse both buffers (a full mini-batch, then the short last one)', () => {
    const act = new Tanh();
    const big = act.forward(Matrix.zeros(2, 4));
    const small = act.forward(Matrix.zeros(2, 1));
    expect(small).not.toBe(big);
    expect(act.forward(Matrix.zeros(2, 4))).toBe(big);
    expect(act.forward(Matrix.zeros(2, 1))).toBe(small);
    // A third shape (fit's validation set) is kept too; a fourth evicts the least recently used one.
    const third = act.forward(Matrix.zeros(3, 1));
    expect(act.forward(Matrix.zeros(2, 4))).toBe(big);
    act.forward(Matrix.zeros(3, 2));
    expect(act.forward(Matrix.zeros(3, 1))).toBe(third);
    expect(act.forward(Matrix.zeros(2, 4))).toBe(big);
    expect(act.forward(Matrix.zeros(2, 1))).not.toBe(small);
  });

  it('the returned values follow the latest forward', () => {
    const act = new ReLU();
    const A = act.forward(Matrix.from([[1, -1]]));
    act.forward(Matrix.from([[-3, 4]]));
    expect(A.toArray()).toEqual([[0, 4]]);
  });
});

describe('errors', () => {
  it.each(ALL)('%s: backward before forward', (name, make) => {
    expect(() => make().backward(Matrix.zeros(1, 1))).toThrowError(
      new Error(`${name}.backward: expected a forward() first, got none`),
    );
  });

  it.each(ALL)('%s: dA of the wrong shape is a ShapeError naming both shapes', (name, make) => {
    const act = make();
    act.forward(Matrix.zeros(2, 3));
    const call = (): unknown => act.backward(Matrix.zeros(3, 2));
    expect(call).toThrow(ShapeError);
    expect(call).toThrow(RangeError);
    expect(call).toThrowError(`${name}.backward: expected dA (2, 3), got dA (3, 2)`);
  });

  it('a throwing backward leaves the last forward usable', () => {
    const act = new Sigmoid();
    act.forward(Matrix.from([[0]]));
    expect(() => act.backward(Matrix.zeros(1, 2))).toThrow(ShapeError);
    expect(act.backward(Matrix.from([[2]])).toArray()).toEqual([[0.5]]);
  });

  it('LeakyReLU and ELU validate alpha', () => {
    for (const [name, make] of [
      ['LeakyReLU', (o: object) => new LeakyReLU(o)],
      ['ELU', (o: object) => new ELU(o)],
    ] as const) {
      expect(() => make({ alpha: Number.NaN })).toThrowError(
        new RangeError(`${name}: expected alpha to be a finite number, got NaN`),
      );
      expect(() => make({ alpha: Infinity })).toThrowError(
        new RangeError(`${name}: expected alpha to be a finite number, got Infinity`),
      );
      expect(() => make({ alpha: '0.1' })).toThrowError(
        new RangeError(`${name}: expected alpha to be a finite number, got "0.1"`),
      );
      expect(() => make({ slope: 0.1 })).toThrowError(
        new TypeError(`${name}: expected options among alpha, got unknown option "slope"`),
      );
      expect(() => make(null as unknown as object)).toThrowError(
        new TypeError(`${name}: expected an options object, got null`),
      );
    }
  });
});

describe('description', () => {
  it('toString and toJSON', () => {
    const expected: [Activation, string, object][] = [
      [new Sigmoid(), 'Sigmoid()', { type: 'Sigmoid' }],
      [new Tanh(), 'Tanh()', { type: 'Tanh' }],
      [new ReLU(), 'ReLU()', { type: 'ReLU' }],
      [new LeakyReLU(), 'LeakyReLU(alpha=0.01)', { type: 'LeakyReLU', config: { alpha: 0.01 } }],
      [new LeakyReLU({ alpha: 0.2 }), 'LeakyReLU(alpha=0.2)', { type: 'LeakyReLU', config: { alpha: 0.2 } }],
      [new Softmax(), 'Softmax()', { type: 'Softmax' }],
      [new Identity(), 'Identity()', { type: 'Identity' }],
      [new ELU(), 'ELU(alpha=1)', { type: 'ELU', config: { alpha: 1 } }],
      [new ELU({ alpha: 0.5 }), 'ELU(alpha=0.5)', { type: 'ELU', config: { alpha: 0.5 } }],
      [new SELU(), 'SELU()', { type: 'SELU' }],
      [new GELU(), 'GELU()', { type: 'GELU' }],
      [new Softplus(), 'Softplus()', { type: 'Softplus' }],
      [new SiLU(), 'SiLU()', { type: 'SiLU' }],
    ];
    for (const [act, text, json] of expected) {
      expect(act.toString()).toBe(text);
      expect(String(act)).toBe(text);
      expect(act.toJSON()).toEqual(json);
      expect(JSON.parse(JSON.stringify(act))).toEqual(json);
    }
  });

  it.each(ALL)('%s: no parameters, keeps the number of features, takes any input size', (name, make) => {
    const act = make();
    expect(act.parameters()).toEqual([]);
    expect(act.computeOutputSize(7)).toBe(7);
    expect((act as Layer).inputSize).toBeUndefined();
    expect(act.type).toBe(name);
  });
});
