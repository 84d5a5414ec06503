/**
 * The losses: costs and gradients on hand-computed cases, from-logits variants against the
 * probability versions (and exact at logits ±1000), saturated sigmoids, target validation with exact
 * messages, and a throwing forward that changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { Sigmoid, Softmax } from '../../src/activations/index.js';
import { ShapeError } from '../../src/errors.js';
import {
  BinaryCrossEntropy,
  CategoricalCrossEntropy,
  Huber,
  Loss,
  MeanAbsoluteError,
  MeanSquaredError,
} from '../../src/losses/index.js';
import { Matrix } from '../../src/matrix/matrix.js';
import { Random } from '../../src/random.js';

/** `|actual − expected| <= rel·|expected|`, or exact equality for an expected 0. */
function expectClose(actual: number, expected: number, rel = 4e-16): void {
  if (expected === 0) expect(actual).toBe(0);
  else expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(rel * Math.abs(expected));
}

function expectMatrixClose(actual: Matrix, expected: number[][], rel = 4e-16): void {
  expect(actual.shape).toEqual([expected.length, expected[0].length]);
  expected.forEach((r, i) => r.forEach((v, j) => expectClose(actual.get(i, j), v, rel)));
}

const finite = (M: Matrix): boolean => M.data.every(Number.isFinite);

describe('BinaryCrossEntropy', () => {
  it('the course’s cost and gradient: J = −(1/m)Σ(y log ŷ + (1−y) log(1−ŷ)), dJ/dŷ = (ŷ−y)/(m ŷ(1−ŷ))', () => {
    const loss = new BinaryCrossEntropy();
    const J = loss.forward(Matrix.from([[0.8, 0.3]]), Matrix.from([[1, 0]]));
    expectClose(J, -(Math.log(0.8) + Math.log(0.7)) / 2);
    expectClose(J, 0.2899092476264711, 1e-15);
    // y = 1: −1/(m ŷ); y = 0: 1/(m (1 − ŷ)).
    expectMatrixClose(loss.backward(), [[-1 / (2 * 0.8), 1 / (2 * 0.7)]], 1e-15);
  });

  it('soft labels, and several outputs summed per example (divided by m, not by n_y·m)', () => {
    const loss = new BinaryCrossEntropy();
    expectClose(loss.forward(Matrix.from([[0.5]]), Matrix.from([[0.3]])), Math.LN2, 1e-15);
    expectMatrixClose(loss.backward(), [[0.8]], 1e-15);
    const J = loss.forward(
      Matrix.from([
        [0.9, 0.2],
        [0.4, 0.5],
      ]),
      Matrix.from([
        [1, 0],
        [0, 1],
      ]),
    );
    expectClose(J, -(Math.log(0.9) + Math.log(0.8) + Math.log(0.6) + Math.log(0.5)) / 2, 1e-15);
    expectMatrixClose(
      loss.backward(),
      [
        [-1 / 1.8, 1 / 1.6],
        [1 / 1.2, -1 / 1],
      ],
      1e-15,
    );
  });

  it('the doc example values', () => {
    expect(new BinaryCrossEntropy().forward(Matrix.from([[0.5, 0.5]]), Matrix.from([[1, 0]]))).toBe(0.6931471805599453);
    expect(new BinaryCrossEntropy({ fromLogits: true }).forward(Matrix.from([[0]]), Matrix.from([[1]]))).toBe(
      0.6931471805599453,
    );
  });

  it('fromLogits: J = (1/m)Σ(softplus(z) − z·y), dJ/dZ = (σ(z) − y)/m', () => {
    const loss = new BinaryCrossEntropy({ fromLogits: true });
    const J = loss.forward(Matrix.from([[2, -1]]), Matrix.from([[1, 0.25]]));
    expectClose(J, (Math.log(1 + Math.exp(2)) - 2 + Math.log(1 + Math.exp(-1)) + 0.25) / 2, 1e-15);
    expectMatrixClose(loss.backward(), [[(1 / (1 + Math.exp(-2)) - 1) / 2, (1 / (1 + Math.exp(1)) - 0.25) / 2]], 1e-15);
  });

  it('fromLogits is exact at logits ±1000', () => {
    const loss = new BinaryCrossEntropy({ fromLogits: true });
    expect(loss.forward(Matrix.from([[1000]]), Matrix.from([[0]]))).toBe(1000);
    expect(loss.backward().toArray()).toEqual([[1]]);
    expect(loss.forward(Matrix.from([[1000]]), Matrix.from([[1]]))).toBe(0);
    expect(loss.backward().toArray()).toEqual([[0]]);
    expect(loss.forward(Matrix.from([[-1000]]), Matrix.from([[1]]))).toBe(1000);
    expect(loss.backward().toArray()).toEqual([[-1]]);
    expect(loss.forward(Matrix.from([[-1000]]), Matrix.from([[0]]))).toBe(0);
    expect(loss.backward().toArray()).toEqual([[0]]);
    // All four at once: (1000 + 0 + 1000 + 0)/4, gradient (σ(z) − y)/4.
    expect(loss.forward(Matrix.from([[1000, 1000, -1000, -1000]]), Matrix.from([[0, 1, 1, 0]]))).toBe(500);
    expect(loss.backward().toArray()).toEqual([[0.25, 0, -0.25, 0]]);
    // A soft label at a huge logit: softplus(1000) − 1000·0.3 = 700.
    expect(loss.forward(Matrix.from([[1000]]), Matrix.from([[0.3]]))).toBe(700);
  });

  it('fromLogits agrees with Sigmoid + BinaryCrossEntropy at moderate logits (cost and chained gradient)', () => {
    const rng = new Random(5);
    const Z = Matrix.uniform(3, 7, { low: -6, high: 6, random: rng });
    const Y = Matrix.uniform(3, 7, { random: rng }).map((v, i, j) => ((i + j) % 3 === 0 ? Math.round(v) : v));
    const sigmoid = new Sigmoid();
    const prob = new BinaryCrossEntropy(),
      logits = new BinaryCrossEntropy({ fromLogits: true });
    const Jp = prob.forward(sigmoid.forward(Z), Y),
      Jl = logits.forward(Z, Y);
    expectClose(Jp, Jl, 1e-12);
    const chained = sigmoid.backward(prob.backward());
    const direct = logits.backward();
    for (let i = 0; i < Z.size; i++) expect(Math.abs(chained.data[i] - direct.data[i])).toBeLessThanOrEqual(1e-12);
  });

  it('a saturated sigmoid (ŷ exactly 0 or 1) gives a finite cost and gradient, and a finite chain', () => {
    const loss = new BinaryCrossEntropy();
    // Each log is clamped at −100: a confident wrong answer costs 100, a confident right one 0.
    expect(loss.forward(Matrix.from([[1, 0, 1, 0]]), Matrix.from([[1, 0, 0, 1]]))).toBe(50);
    expect(loss.backward().toArray()).toEqual([[0, 0, 0.25e12, -0.25e12]]);
    expect(loss.forward(Matrix.from([[1]]), Matrix.from([[0.3]]))).toBe(70);
    expect(finite(loss.backward())).toBe(true);

    const sigmoid = new Sigmoid();
    const Yhat = sigmoid.forward(Matrix.from([[1000, -1000, 40, -800, 745]]));
    expect(Yhat.toArray()).toEqual([[1, 0, 1, 0, 1]]);
    const J = loss.forward(Yhat, Matrix.from([[0, 1, 0, 0.5, 1]]));
    expect(J).toBe((100 + 100 + 100 + 50 + 0) / 5);
    const dYhat = loss.backward();
    expect(finite(dYhat)).toBe(true);
    const dZ = sigmoid.backward(dYhat);
    expect(finite(dZ)).toBe(true);
    // σ′ = ŷ(1 − ŷ) is exactly 0 there, so the chained gradient is 0 (fromLogits gives (σ(z) − y)/m).
    expect(Array.from(dZ.data).map(Math.abs)).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('CategoricalCrossEntropy', () => {
  it('J = −(1/m)ΣΣ y log ŷ, dJ/dŷ = −y/(m ŷ), one-hot and probability targets', () => {
    const loss = new CategoricalCrossEntropy();
    const P = Matrix.from([
      [0.7, 0.1],
      [0.2, 0.6],
      [0.1, 0.3],
    ]);
    const Y = Matrix.from([
      [1, 0],
      [0, 0.5],
      [0, 0.5],
    ]);
    expectClose(loss.forward(P, Y), -(Math.log(0.7) + 0.5 * Math.log(0.6) + 0.5 * Math.log(0.3)) / 2, 1e-15);
    expectMatrixClose(
      loss.backward(),
      [
        [-1 / 1.4, 0],
        [0, -0.5 / 1.2],
        [0, -0.5 / 0.6],
      ],
      1e-15,
    );
    expect(new CategoricalCrossEntropy().forward(Matrix.from([[0.5], [0.5]]), Matrix.from([[1], [0]]))).toBe(
      0.6931471805599453,
    );
  });

  it('fromLogits: J = (1/m)Σ(logsumexp(z) − Σ y·z), dJ/dZ = (softmax(z) − y)/m', () => {
    const loss = new CategoricalCrossEntropy({ fromLogits: true });
    const J = loss.forward(Matrix.from([[1], [2], [3]]), Matrix.from([[0], [0], [1]]));
    const total = Math.exp(1) + Math.exp(2) + Math.exp(3);
    expectClose(J, Math.log(total) - 3, 1e-15);
    expectMatrixClose(
      loss.backward(),
      [[Math.exp(1) / total], [Math.exp(2) / total], [Math.exp(3) / total - 1]],
      1e-15,
    );
  });

  it('fromLogits is exact at logits ±1000', () => {
    const loss = new CategoricalCrossEntropy({ fromLogits: true });
    expect(
      loss.forward(
        Matrix.from([
          [1000, 1000, 1000],
          [-1000, -1000, 1000],
        ]),
        Matrix.from([
          [0, 1, 0.5],
          [1, 0, 0.5],
        ]),
      ),
    ).toBe((2000 + 0 + Math.LN2) / 3);
    const g = loss.backward();
    expect([g.get(0, 0), g.get(1, 0), g.get(0, 1), g.get(1, 1), g.get(0, 2), g.get(1, 2)]).toEqual([
      1 / 3,
      -1 / 3,
      0,
      0,
      0,
      0,
    ]);
  });

  it('fromLogits agrees with Softmax + CategoricalCrossEntropy at moderate logits', () => {
    const rng = new Random(9);
    const Z = Matrix.uniform(4, 6, { low: -5, high: 5, random: rng });
    const Y = new Matrix(4, 6);
    for (let j = 0; j < 6; j++) {
      if (j % 2 === 0) Y.set(rng.int(4), j, 1);
      else {
        const w = [rng.next(), rng.next(), rng.next(), rng.next()];
        const s = w[0] + w[1] + w[2] + w[3];
        w.forEach((v, i) => Y.set(i, j, v / s));
      }
    }
    const softmax = new Softmax();
    const prob = new CategoricalCrossEntropy(),
      logits = new CategoricalCrossEntropy({ fromLogits: true });
    expectClose(prob.forward(softmax.forward(Z), Y), logits.forward(Z, Y), 1e-12);
    const chained = softmax.backward(prob.backward());
    const direct = logits.backward();
    for (let i = 0; i < Z.size; i++) expect(Math.abs(chained.data[i] - direct.data[i])).toBeLessThanOrEqual(1e-12);
  });

  it('a softmax that underflows to 0 gives a finite cost (log clamped at −100) and gradient', () => {
    const softmax = new Softmax();
    const loss = new CategoricalCrossEntropy();
    const P = softmax.forward(
      Matrix.from([
        [1000, -1000],
        [-1000, 1000],
      ]),
    );
    expect(P.toArray()).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(
      loss.forward(
        P,
        Matrix.from([
          [0, 1],
          [1, 0],
        ]),
      ),
    ).toBe(100);
    const g = loss.backward();
    expect(g.toArray()).toEqual([
      [0, -0.5e12],
      [-0.5e12, 0],
    ]);
    expect(finite(softmax.backward(g))).toBe(true);
  });
});

describe('MeanSquaredError, MeanAbsoluteError, Huber', () => {
  const P = Matrix.from([
    [1, 3],
    [0, -1],
  ]);
  const Y = Matrix.from([
    [0, 1],
    [0, 1],
  ]);
  // d = ŷ − y = [[1, 2], [0, −2]], averaged over all n_y·m = 4 outputs.

  it('MSE: J = mean(d²), dJ/dŷ = 2d/(n_y·m)', () => {
    const loss = new MeanSquaredError();
    expect(loss.forward(P, Y)).toBe(2.25);
    expect(loss.backward().toArray()).toEqual([
      [0.5, 1],
      [0, -1],
    ]);
    expect(new MeanSquaredError().forward(Matrix.from([[1, 3]]), Matrix.from([[0, 1]]))).toBe(2.5);
  });

  it('MAE: J = mean|d|, dJ/dŷ = sign(d)/(n_y·m), 0 where ŷ = y', () => {
    const loss = new MeanAbsoluteError();
    expect(loss.forward(P, Y)).toBe(1.25);
    expect(loss.backward().toArray()).toEqual([
      [0.25, 0.25],
      [0, -0.25],
    ]);
  });

  it('Huber: ½d² inside δ, δ(|d| − ½δ) outside, gradient clipped at ±δ', () => {
    const loss = new Huber();
    expect(loss.delta).toBe(1);
    // d = [0.5, 3, −2, 0, 1]: [0.125, 2.5, 1.5, 0, 0.5] (|d| = δ is on the quadratic side, continuous).
    expect(loss.forward(Matrix.from([[0.5, 3, -2, 0, 1]]), Matrix.from([[0, 0, 0, 0, 0]]))).toBe(4.625 / 5);
    expect(loss.backward().toArray()).toEqual([[0.1, 0.2, -0.2, 0, 0.2]]);
    const wide = new Huber({ delta: 2 });
    expect(wide.forward(Matrix.from([[3, -1]]), Matrix.from([[0, 0]]))).toBe((4 + 0.5) / 2);
    expect(wide.backward().toArray()).toEqual([[1, -0.5]]);
    expect(new Huber({ delta: 1 }).forward(Matrix.from([[0.5, 3]]), Matrix.from([[0, 0]]))).toBe(1.3125);
  });

  it('Huber with a huge δ is MSE/2; with a tiny δ it is δ·MAE (minus δ²/2)', () => {
    const Q = Matrix.from([[0.3, -1.7, 2.2]]),
      T = Matrix.from([[0, 0.5, 1]]);
    const mse = new MeanSquaredError().forward(Q, T),
      mae = new MeanAbsoluteError().forward(Q, T);
    expectClose(new Huber({ delta: 1e6 }).forward(Q, T), mse / 2, 1e-15);
    const d = 1e-3;
    expectClose(new Huber({ delta: d }).forward(Q, T), d * (mae - d / 2), 1e-12);
  });
});

describe('validation', () => {
  const all: [string, () => Loss][] = [
    ['BinaryCrossEntropy', () => new BinaryCrossEntropy()],
    ['BinaryCrossEntropy', () => new BinaryCrossEntropy({ fromLogits: true })],
    ['CategoricalCrossEntropy', () => new CategoricalCrossEntropy()],
    ['CategoricalCrossEntropy', () => new CategoricalCrossEntropy({ fromLogits: true })],
    ['MeanSquaredError', () => new MeanSquaredError()],
    ['MeanAbsoluteError', () => new MeanAbsoluteError()],
    ['Huber', () => new Huber()],
  ];

  it.each(all)('%s: a target of another shape is a ShapeError naming both shapes', (name, make) => {
    const call = (): number => make().forward(Matrix.zeros(1, 2), Matrix.zeros(2, 1));
    expect(call).toThrow(ShapeError);
    expect(call).toThrowError(
      `${name}.forward: expected target (1, 2) like the prediction, got prediction (1, 2) and target (2, 1)`,
    );
  });

  it.each(all)('%s: backward before forward', (name, make) => {
    expect(() => make().backward()).toThrowError(new Error(`${name}.backward: expected a forward() first, got none`));
  });

  it('BinaryCrossEntropy: labels outside [0, 1] (and NaN) are named with their position', () => {
    for (const loss of [new BinaryCrossEntropy(), new BinaryCrossEntropy({ fromLogits: true })]) {
      const P = Matrix.fill(2, 3, 0.5);
      expect(() =>
        loss.forward(
          P,
          Matrix.from([
            [0, 1, 2],
            [0, 0, 0],
          ]),
        ),
      ).toThrowError(new RangeError('BinaryCrossEntropy.forward: expected target values in [0, 1], got 2 at (0, 2)'));
      expect(() =>
        loss.forward(
          P,
          Matrix.from([
            [0, 1, 1],
            [-1, 0, 0],
          ]),
        ),
      ).toThrowError(new RangeError('BinaryCrossEntropy.forward: expected target values in [0, 1], got -1 at (1, 0)'));
      expect(() =>
        loss.forward(
          P,
          Matrix.from([
            [0, 1, 1],
            [0, Number.NaN, 0],
          ]),
        ),
      ).toThrowError(new RangeError('BinaryCrossEntropy.forward: expected target values in [0, 1], got NaN at (1, 1)'));
      expect(() =>
        loss.forward(
          P,
          Matrix.from([
            [0, 1, 1],
            [0, 0, Infinity],
          ]),
        ),
      ).toThrowError(
        new RangeError('BinaryCrossEntropy.forward: expected target values in [0, 1], got Infinity at (1, 2)'),
      );
    }
  });

  it('CategoricalCrossEntropy: columns must sum to 1 with values in [0, 1]', () => {
    for (const loss of [new CategoricalCrossEntropy(), new CategoricalCrossEntropy({ fromLogits: true })]) {
      const P = Matrix.fill(2, 2, 0.5);
      expect(() =>
        loss.forward(
          P,
          Matrix.from([
            [1, 0.5],
            [0, 0.3],
          ]),
        ),
      ).toThrowError(
        new RangeError(
          'CategoricalCrossEntropy.forward: expected each target column to sum to 1 (one-hot or ' +
            'probabilities), got 0.8 in column 1',
        ),
      );
      expect(() =>
        loss.forward(
          P,
          Matrix.from([
            [1, 1],
            [0, 1],
          ]),
        ),
      ).toThrowError(
        'CategoricalCrossEntropy.forward: expected each target column to sum to 1 (one-hot or probabilities), ' +
          'got 2 in column 1',
      );
      expect(() =>
        loss.forward(
          P,
          Matrix.from([
            [1.5, 1],
            [-0.5, 0],
          ]),
        ),
      ).toThrowError('CategoricalCrossEntropy.forward: expected target values in [0, 1], got 1.5 at (0, 0)');
      expect(() =>
        loss.forward(
          P,
          Matrix.from([
            [1, Number.NaN],
            [0, 1],
          ]),
        ),
      ).toThrowError('CategoricalCrossEntropy.forward: expected target values in [0, 1], got NaN at (0, 1)');
      // Within the 1e-6 tolerance is accepted (probabilities that went through float arithmetic).
      expect(
        Number.isFinite(
          loss.forward(
            P,
            Matrix.from([
              [0.1 + 0.2, 1],
              [0.7, 0],
            ]),
          ),
        ),
      ).toBe(true);
    }
  });

  it('MSE, MAE and Huber: targets must be finite', () => {
    for (const loss of [new MeanSquaredError(), new MeanAbsoluteError(), new Huber()]) {
      const P = Matrix.zeros(2, 2);
      expect(() =>
        loss.forward(
          P,
          Matrix.from([
            [0, 0],
            [Number.NaN, 0],
          ]),
        ),
      ).toThrowError(new RangeError(`${loss.type}.forward: expected finite target values, got NaN at (1, 0)`));
      expect(() =>
        loss.forward(
          P,
          Matrix.from([
            [0, -Infinity],
            [0, 0],
          ]),
        ),
      ).toThrowError(new RangeError(`${loss.type}.forward: expected finite target values, got -Infinity at (0, 1)`));
    }
  });

  it.each(all)(
    '%s: a throwing forward leaves the previous forward usable (backward returns the old gradient)',
    (_, make) => {
      const loss = make();
      const P = Matrix.from([
          [0.2, 0.7],
          [0.8, 0.3],
        ]),
        Y = Matrix.from([
          [0, 1],
          [1, 0],
        ]);
      const J = loss.forward(P, Y);
      const before = loss.backward().clone();
      expect(() => loss.forward(Matrix.zeros(2, 3), Matrix.zeros(3, 2))).toThrow(ShapeError);
      expect(() =>
        loss.forward(
          P,
          Matrix.from([
            [Number.NaN, 1],
            [1, 0],
          ]),
        ),
      ).toThrow(RangeError);
      const after = loss.backward();
      expect(after.equals(before)).toBe(true);
      expect(after.shape).toEqual([2, 2]);
      expect(loss.forward(P, Y)).toBe(J);
    },
  );

  it('options: fromLogits must be a boolean, delta a finite positive number, no unknown names', () => {
    expect(() => new BinaryCrossEntropy({ fromLogits: 'yes' as unknown as boolean })).toThrowError(
      new TypeError('BinaryCrossEntropy: expected fromLogits to be a boolean, got "yes"'),
    );
    expect(() => new CategoricalCrossEntropy({ fromLogits: 1 as unknown as boolean })).toThrowError(
      new TypeError('CategoricalCrossEntropy: expected fromLogits to be a boolean, got 1'),
    );
    expect(() => new BinaryCrossEntropy({ logits: true } as object)).toThrowError(
      new TypeError('BinaryCrossEntropy: expected options among fromLogits, got unknown option "logits"'),
    );
    expect(() => new Huber({ delta: 0 })).toThrowError(new RangeError('Huber: expected delta > 0, got 0'));
    expect(() => new Huber({ delta: -1 })).toThrowError(new RangeError('Huber: expected delta > 0, got -1'));
    expect(() => new Huber({ delta: Number.NaN })).toThrowError(new RangeError('Huber: expected delta > 0, got NaN'));
    expect(() => new Huber({ delta: Infinity })).toThrowError(
      new RangeError('Huber: expected delta > 0, got Infinity'),
    );
    expect(() => new Huber({ beta: 1 } as object)).toThrowError(
      new TypeError('Huber: expected options among delta, got unknown option "beta"'),
    );
    expect(new BinaryCrossEntropy().fromLogits).toBe(false);
    expect(new CategoricalCrossEntropy({ fromLogits: true }).fromLogits).toBe(true);
  });
});

describe('buffers', () => {
  it('backward reuses its buffer while the shape is unchanged and follows the latest forward', () => {
    const loss = new MeanSquaredError();
    loss.forward(Matrix.from([[1, 2]]), Matrix.from([[0, 0]]));
    const g = loss.backward();
    loss.forward(Matrix.from([[3, 4]]), Matrix.from([[0, 0]]));
    expect(loss.backward()).toBe(g);
    expect(g.toArray()).toEqual([[3, 4]]);
  });

  it('forward leaves prediction and target unchanged', () => {
    const P = Matrix.from([[0.2, 0.9]]),
      Y = Matrix.from([[0, 1]]);
    const loss = new BinaryCrossEntropy();
    loss.forward(P, Y);
    loss.backward();
    expect(P.toArray()).toEqual([[0.2, 0.9]]);
    expect(Y.toArray()).toEqual([[0, 1]]);
  });
});

describe('the forward return path', () => {
  type Hooks = { cost: (...args: unknown[]) => number };
  const p = Matrix.from([
    [0.2, 0.7, 0.5],
    [0.8, 0.3, 0.5],
  ]);
  const y = Matrix.from([
    [0, 1, 1],
    [1, 0, 0],
  ]);
  const losses: [string, () => Loss][] = [
    ['BinaryCrossEntropy', () => new BinaryCrossEntropy()],
    ['BinaryCrossEntropy fromLogits', () => new BinaryCrossEntropy({ fromLogits: true })],
    ['CategoricalCrossEntropy', () => new CategoricalCrossEntropy()],
    ['CategoricalCrossEntropy fromLogits', () => new CategoricalCrossEntropy({ fromLogits: true })],
    ['MeanSquaredError', () => new MeanSquaredError()],
    ['MeanAbsoluteError', () => new MeanAbsoluteError()],
    ['Huber', () => new Huber({ delta: 0.25 })],
  ];

  it.each(losses)('%s: forward never goes through the number-returning cost(), and cost() agrees', (_n, make) => {
    // A double returned from a call V8 leaves standing is boxed: the built-in losses hand J to forward
    // through a Float64Array (costInto), so their cost() must stay off the training path.
    const loss = make();
    const hooks = loss as unknown as Hooks;
    const cost = hooks.cost.bind(loss);
    let calls = 0;
    hooks.cost = (...args: unknown[]): number => {
      calls++;
      return cost(...args);
    };
    const J = loss.forward(p, y);
    expect(calls).toBe(0);
    expect(hooks.cost(p.data, y.data, p.rows, p.cols)).toBe(J);
  });

  it('a loss that implements only cost() still works: forward returns it', () => {
    class Mean extends Loss {
      readonly type = 'Mean';
      protected validate(): void {}
      protected cost(q: Float64Array): number {
        return q.reduce((s, v) => s + v, 0) / q.length;
      }
      protected gradient(_q: Float64Array, _t: Float64Array, g: Float64Array): void {
        g.fill(1 / g.length);
      }
    }
    expect(new Mean().forward(p, y)).toBe(0.5);
  });
});
