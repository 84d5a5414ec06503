/**
 * `loss.forward(Ŷ, Y, { sampleWeight })` for every loss kind, against independent oracles: central
 * finite differences of the weighted cost (fast-check, fixed seed), the unweighted cost (weights all
 * 1: the same bits), repeated examples (an integer weight k is the example k times), a hand-computed
 * case, and exact messages for bad weights that leave the loss as it was.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BinaryCrossEntropy,
  CategoricalCrossEntropy,
  Huber,
  Loss,
  Matrix,
  MeanAbsoluteError,
  MeanSquaredError,
  ShapeError,
} from '../../src/index.js';

type Kind = {
  name: string;
  make: () => Loss;
  /** A valid target for `rows` outputs from uniform draws `u` in [0, 1). */
  target: (rows: number, cols: number, u: number[]) => Matrix;
  /** A prediction (a valid one for the loss) from draws in [0, 1). */
  prediction: (rows: number, cols: number, u: number[]) => Matrix;
  /** Whether `x` is too near a kink of the loss to difference across (MAE at 0, Huber at ±δ). */
  nearKink?: (d: number) => boolean;
};

const probs = (rows: number, cols: number, u: number[]) =>
  new Matrix(
    rows,
    cols,
    u.map((v) => 0.05 + 0.9 * v),
  );
const logits = (rows: number, cols: number, u: number[]) =>
  new Matrix(
    rows,
    cols,
    u.map((v) => 8 * v - 4),
  );
function softmaxColumns(rows: number, cols: number, u: number[]): Matrix {
  const Z = logits(rows, cols, u);
  const out = new Matrix(rows, cols);
  for (let j = 0; j < cols; j++) {
    let s = 0;
    for (let i = 0; i < rows; i++) s += Math.exp(Z.get(i, j));
    for (let i = 0; i < rows; i++) out.set(i, j, Math.exp(Z.get(i, j)) / s);
  }
  return out;
}
const soft01 = (rows: number, cols: number, u: number[]) =>
  new Matrix(
    rows,
    cols,
    u.map((v) => (v < 0.3 ? 0 : v > 0.7 ? 1 : v)),
  );
function oneHotColumns(rows: number, cols: number, u: number[]): Matrix {
  const T = new Matrix(rows, cols);
  for (let j = 0; j < cols; j++) T.set(Math.min(rows - 1, Math.floor(u[j] * rows)), j, 1);
  return T;
}
const real = (rows: number, cols: number, u: number[]) =>
  new Matrix(
    rows,
    cols,
    u.map((v) => 6 * v - 3),
  );

const KINDS: Kind[] = [
  { name: 'BinaryCrossEntropy', make: () => new BinaryCrossEntropy(), target: soft01, prediction: probs },
  {
    name: 'BinaryCrossEntropy fromLogits',
    make: () => new BinaryCrossEntropy({ fromLogits: true }),
    target: soft01,
    prediction: logits,
  },
  {
    name: 'CategoricalCrossEntropy',
    make: () => new CategoricalCrossEntropy(),
    target: oneHotColumns,
    prediction: softmaxColumns,
  },
  {
    name: 'CategoricalCrossEntropy fromLogits',
    make: () => new CategoricalCrossEntropy({ fromLogits: true }),
    target: oneHotColumns,
    prediction: logits,
  },
  { name: 'MeanSquaredError', make: () => new MeanSquaredError(), target: real, prediction: real },
  {
    name: 'MeanAbsoluteError',
    make: () => new MeanAbsoluteError(),
    target: real,
    prediction: real,
    nearKink: (d) => Math.abs(d) < 1e-3,
  },
  {
    name: 'Huber',
    make: () => new Huber({ delta: 1 }),
    target: real,
    prediction: real,
    nearKink: (d) => Math.abs(Math.abs(d) - 1) < 1e-3,
  },
];

/** Index of the first element where `a` and `b` differ bit-wise (`Object.is`), or -1. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return -2;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

const case_ = fc.record({
  rows: fc.integer({ min: 1, max: 3 }),
  cols: fc.integer({ min: 1, max: 5 }),
  u: fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 30, maxLength: 30 }),
  v: fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 30, maxLength: 30 }),
  w: fc.array(fc.double({ min: 0, max: 3, noNaN: true }), { minLength: 5, maxLength: 5 }),
});

function setUp(kind: Kind, rows0: number, cols: number, u: number[], v: number[]) {
  // binary cross-entropy takes any number of rows; the categorical one needs at least two classes
  const rows = kind.name.startsWith('Categorical') ? Math.max(2, rows0) : rows0;
  const n = rows * cols;
  return { rows, P: kind.prediction(rows, cols, u.slice(0, n)), T: kind.target(rows, cols, v.slice(0, n)) };
}

describe('sampleWeight: J = (1/m) Σ_i w_i·L_i and its gradient, for every loss', () => {
  for (const kind of KINDS) {
    it(`${kind.name}: backward() equals central finite differences of the weighted cost`, () => {
      fc.assert(
        fc.property(case_, ({ rows: r0, cols, u, v, w }) => {
          const { P, T } = setUp(kind, r0, cols, u, v);
          const sampleWeight = Float64Array.from(w.slice(0, cols));
          const loss = kind.make();
          loss.forward(P, T, { sampleWeight });
          const g = loss.backward().data.slice();
          const h = 1e-6;
          const probe = kind.make();
          for (let i = 0; i < P.data.length; i++) {
            if (kind.nearKink?.(P.data[i] - T.data[i])) continue;
            // the categorical loss on probabilities: a perturbation off the simplex is fine, J is defined there
            const plus = P.clone();
            plus.data[i] += h;
            const minus = P.clone();
            minus.data[i] -= h;
            const numeric =
              (probe.forward(plus, T, { sampleWeight }) - probe.forward(minus, T, { sampleWeight })) / (2 * h);
            expect(Math.abs(g[i] - numeric)).toBeLessThan(1e-5 * Math.max(1, Math.abs(numeric)));
          }
        }),
        { seed: 1414, numRuns: 80 },
      );
    });

    it(`${kind.name}: weights all 1 (Matrix or Float64Array) give the unweighted bits, cost and gradient`, () => {
      fc.assert(
        fc.property(case_, ({ rows: r0, cols, u, v }) => {
          const { P, T } = setUp(kind, r0, cols, u, v);
          const plain = kind.make();
          const J = plain.forward(P, T);
          const g = plain.backward().data.slice();
          for (const sampleWeight of [Matrix.ones(1, cols), new Float64Array(cols).fill(1)]) {
            const weighted = kind.make();
            expect(Object.is(weighted.forward(P, T, { sampleWeight }), J)).toBe(true);
            expect(firstDifference(weighted.backward().data, g)).toBe(-1);
          }
          // and the same loss object goes back to unweighted on the next plain forward
          const reused = kind.make();
          reused.forward(P, T, { sampleWeight: new Float64Array(cols).fill(2) });
          expect(Object.is(reused.forward(P, T), J)).toBe(true);
          expect(firstDifference(reused.backward().data, g)).toBe(-1);
          // an options object without sampleWeight is unweighted
          expect(Object.is(kind.make().forward(P, T, {}), J)).toBe(true);
        }),
        { seed: 1415, numRuns: 40 },
      );
    });

    it(
      `${kind.name}: an integer weight k is the example repeated k times: m·J_w = m′·J′ and ` +
        'm·∂J_w/∂ŷ_j = m′·Σ over the copies of ∂J′/∂ŷ',
      () => {
        fc.assert(
          fc.property(
            case_,
            fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 5, maxLength: 5 }),
            ({ rows: r0, cols, u, v }, ks) => {
              const k: number[] = ks.slice(0, cols);
              if (!k.some((x) => x > 0)) k[0] = 1;
              const { rows, P, T } = setUp(kind, r0, cols, u, v);
              const copies = k.flatMap((c, j) => Array.from({ length: c }, () => j));
              const m2 = copies.length;
              const P2 = new Matrix(rows, m2),
                T2 = new Matrix(rows, m2);
              copies.forEach((j, c) => {
                for (let i = 0; i < rows; i++) {
                  P2.set(i, c, P.get(i, j));
                  T2.set(i, c, T.get(i, j));
                }
              });
              const weighted = kind.make();
              const Jw = weighted.forward(P, T, { sampleWeight: Float64Array.from(k) });
              const gw = weighted.backward();
              const repeated = kind.make();
              const J2 = repeated.forward(P2, T2);
              const g2 = repeated.backward();
              expect(cols * Jw).toBeCloseTo(m2 * J2, 12);
              for (let j = 0; j < cols; j++) {
                for (let i = 0; i < rows; i++) {
                  let sum = 0;
                  copies.forEach((jj, c) => jj === j && (sum += g2.get(i, c)));
                  expect(cols * gw.get(i, j)).toBeCloseTo(m2 * sum, 12);
                }
              }
            },
          ),
          { seed: 1416, numRuns: 40 },
        );
      },
    );
  }

  it('by hand: MSE of [[1, 3]] against [[0, 1]] with weights [2, 0.5] is (2·1 + 0.5·4)/2 = 2, gradient [2, 1]', () => {
    const loss = new MeanSquaredError();
    expect(loss.forward(Matrix.from([[1, 3]]), Matrix.from([[0, 1]]), { sampleWeight: Float64Array.of(2, 0.5) })).toBe(
      2,
    );
    // dJ/dŷ_j = w_j·2(ŷ_j − y_j)/m
    expect(loss.backward().toArray()).toEqual([[2, 1]]);
  });

  it('by hand: binary cross-entropy with weight 0 on one example is the other example’s loss over m', () => {
    const loss = new BinaryCrossEntropy();
    const J = loss.forward(Matrix.from([[0.5, 0.9]]), Matrix.from([[1, 0]]), { sampleWeight: Matrix.from([[1, 0]]) });
    expect(J).toBe(Math.LN2 / 2);
    expect(loss.backward().toArray()).toEqual([[-1, 0]]);
  });
});

describe('sampleWeight: bad weights get a clear error and change nothing', () => {
  const P = Matrix.from([[1, 3]]),
    T = Matrix.from([[0, 1]]);
  const cases: [string, unknown, ErrorConstructor, string][] = [
    [
      'a Float64Array of the wrong length',
      new Float64Array(3),
      ShapeError as unknown as ErrorConstructor,
      'MeanSquaredError.forward: expected sampleWeight (1, 2) or a Float64Array of 2, one weight per example, got ' +
        'a Float64Array of 3',
    ],
    [
      'a Matrix of the wrong shape',
      Matrix.ones(2, 1),
      ShapeError as unknown as ErrorConstructor,
      'MeanSquaredError.forward: expected sampleWeight (1, 2) or a Float64Array of 2, one weight per example, got (2, 1)',
    ],
    [
      'a negative weight',
      Float64Array.of(1, -1),
      RangeError,
      'MeanSquaredError.forward: expected sampleWeight values finite and >= 0, got -1 at example 1',
    ],
    [
      'NaN',
      Matrix.from([[Number.NaN, 1]]),
      RangeError,
      'MeanSquaredError.forward: expected sampleWeight values finite and >= 0, got NaN at example 0',
    ],
    [
      'Infinity',
      Float64Array.of(1, Number.POSITIVE_INFINITY),
      RangeError,
      'MeanSquaredError.forward: expected sampleWeight values finite and >= 0, got Infinity at example 1',
    ],
    [
      'a plain array',
      [1, 1],
      TypeError,
      'MeanSquaredError.forward: expected sampleWeight to be a (1, 2) Matrix or a Float64Array of 2, got an array',
    ],
  ];
  for (const [what, sampleWeight, type, message] of cases) {
    it(what, () => {
      const loss = new MeanSquaredError();
      loss.forward(P, T, { sampleWeight: Float64Array.of(2, 0.5) });
      const before = loss.backward().data.slice();
      const call = () => loss.forward(Matrix.from([[5, 5]]), T, { sampleWeight: sampleWeight as Float64Array });
      expect(call).toThrowError(new type(message));
      expect(call).toThrow(type);
      // the last good forward (its weights, its prediction) is what backward still sees
      expect(firstDifference(loss.backward().data, before)).toBe(-1);
    });
  }

  it('an unknown option', () => {
    expect(() => new Huber().forward(P, T, { weights: new Float64Array(2) } as never)).toThrowError(
      new TypeError('Huber.forward: expected options among sampleWeight, got unknown option "weights"'),
    );
  });

  it('a loss of your own whose costInto takes no weights refuses sampleWeight (it would be ignored)', () => {
    class Mean extends Loss {
      readonly type = 'Mean';
      protected validate(): void {}
      protected cost(p: Float64Array): number {
        return p.reduce((a, b) => a + b, 0) / p.length;
      }
      protected gradient(p: Float64Array, _t: Float64Array, g: Float64Array): void {
        g.fill(1 / p.length);
      }
    }
    const loss = new Mean();
    expect(loss.forward(P, T)).toBe(2);
    expect(() => loss.forward(P, T, { sampleWeight: Float64Array.of(1, 1) })).toThrowError(
      new TypeError('Mean.forward: expected a loss whose costInto takes weights for sampleWeight, got one without'),
    );
  });
});
