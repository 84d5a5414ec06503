/**
 * SparseCategoricalCrossEntropy: the categorical cross-entropy against class indices, bit for bit
 * the same cost and gradient as CategoricalCrossEntropy against their one-hot encoding (with and
 * without logits, with sample weights), in `loss.forward`, `fit` and `evaluate`; and its bad input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Adam,
  CategoricalCrossEntropy,
  Dense,
  Identity,
  Matrix,
  ReLU,
  Sequential,
  ShapeError,
  Softmax,
  SparseCategoricalCrossEntropy,
  accuracy,
  evaluate,
  fit,
  oneHot,
} from '../../src/index.js';

const bits = (M: Matrix | number[]) => Array.from(M instanceof Matrix ? M.data : M, (v) => v.toString(16));

/** Random logits or probabilities `(k, m)` and labels `(1, m)`. */
const sample = fc
  .record({
    k: fc.integer({ min: 2, max: 6 }),
    m: fc.integer({ min: 1, max: 9 }),
    seed: fc.integer({ min: 0, max: 1e6 }),
  })
  .map(({ k, m, seed }) => {
    let s = seed;
    const next = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const Z = new Matrix(k, m).map(() => 8 * next() - 4);
    const P = Z.map((_, i, j) => {
      let sum = 0;
      for (let r = 0; r < k; r++) sum += Math.exp(Z.get(r, j));
      return Math.exp(Z.get(i, j)) / sum;
    });
    const labels = new Matrix(1, m).map(() => Math.floor(next() * k));
    const w = new Matrix(1, m).map(() => 2 * next());
    return { k, Z, P, labels, w };
  });

describe('SparseCategoricalCrossEntropy is CategoricalCrossEntropy of the one-hot labels', () => {
  for (const fromLogits of [false, true]) {
    it(`cost and gradient bit for bit (fromLogits ${fromLogits}, with and without sampleWeight)`, () => {
      fc.assert(
        fc.property(sample, ({ k, Z, P, labels, w }) => {
          const input = fromLogits ? Z : P;
          const sparse = new SparseCategoricalCrossEntropy({ fromLogits });
          const dense = new CategoricalCrossEntropy({ fromLogits });
          const Y = oneHot(labels, k);
          expect(bits([sparse.forward(input, labels)])).toEqual(bits([dense.forward(input, Y)]));
          expect(bits(sparse.backward())).toEqual(bits(dense.backward()));
          const a = sparse.forward(input, labels, { sampleWeight: w });
          expect(bits([a])).toEqual(bits([dense.forward(input, Y, { sampleWeight: w })]));
          expect(bits(sparse.backward())).toEqual(bits(dense.backward()));
        }),
        { seed: 20261203, numRuns: 200 },
      );
    });
  }

  it('−(1/m) Σ log ŷ[y_j, j] by hand', () => {
    const P = Matrix.from([
      [0.7, 0.1],
      [0.2, 0.3],
      [0.1, 0.6],
    ]);
    const J = new SparseCategoricalCrossEntropy().forward(P, Matrix.from([[0, 2]]));
    expect(J).toBeCloseTo(-(Math.log(0.7) + Math.log(0.6)) / 2, 15);
  });
});

describe('bad input', () => {
  const P = Matrix.from([
    [0.7, 0.1],
    [0.2, 0.3],
    [0.1, 0.6],
  ]);
  const thrown = (f: () => unknown): [string, string] => {
    try {
      f();
    } catch (error) {
      return [(error as Error).name, (error as Error).message];
    }
    return ['none', ''];
  };

  it.each([
    [
      [[0, 1.5]],
      'RangeError',
      'SparseCategoricalCrossEntropy.forward: expected class indices (integers >= 0), got 1.5 at (0, 1)',
    ],
    [
      [[-1, 0]],
      'RangeError',
      'SparseCategoricalCrossEntropy.forward: expected class indices (integers >= 0), got -1 at (0, 0)',
    ],
    [
      [[0, 3]],
      'RangeError',
      'SparseCategoricalCrossEntropy.forward: expected class indices in [0, 3) for 3 outputs, got 3 at (0, 1)',
    ],
    [
      [[0, 1, 2]],
      'ShapeError',
      'SparseCategoricalCrossEntropy.forward: expected target (1, 2) of class indices, got prediction (3, 2) and target (1, 3)',
    ],
    [
      [
        [1, 0],
        [0, 0],
        [0, 1],
      ],
      'ShapeError',
      'SparseCategoricalCrossEntropy.forward: expected target (1, 2) of class indices, got prediction (3, 2) and ' +
        'target (3, 2): the target looks one-hot — use CategoricalCrossEntropy, or fromOneHot(Y) for the indices',
    ],
  ])('target %j: %s', (rows, name, message) => {
    const loss = new SparseCategoricalCrossEntropy();
    expect(thrown(() => loss.forward(P, Matrix.from(rows)))).toEqual([name, message]);
    // nothing was kept: there is no forward to differentiate
    expect(thrown(() => loss.backward())).toEqual([
      'Error',
      'SparseCategoricalCrossEntropy.backward: expected a forward() first, got none',
    ]);
  });

  it('options are checked under its own name', () => {
    expect(thrown(() => new SparseCategoricalCrossEntropy({ logits: true } as never))).toEqual([
      'TypeError',
      'SparseCategoricalCrossEntropy: expected options among fromLogits, got unknown option "logits"',
    ]);
    expect(thrown(() => new SparseCategoricalCrossEntropy({ fromLogits: 1 } as never))[0]).toBe('TypeError');
    expect(new SparseCategoricalCrossEntropy().type).toBe('SparseCategoricalCrossEntropy');
  });

  it('CategoricalCrossEntropy given class indices points to it', () => {
    expect(thrown(() => new CategoricalCrossEntropy().forward(P, Matrix.from([[0, 2]])))).toEqual([
      'ShapeError',
      'CategoricalCrossEntropy.forward: expected target (3, 2) like the prediction, got prediction (3, 2) and ' +
        'target (1, 2): the target looks like class indices — one-hot encode them with oneHot(labels, 3), or use ' +
        'SparseCategoricalCrossEntropy',
    ]);
  });
});

describe('in fit, evaluate and accuracy', () => {
  // three blobs in the plane, labels 0, 1, 2
  const m = 60;
  const X = new Matrix(2, m).map((_, i, j) => (j % 3) * 2 - 2 + (i === 0 ? 0.3 : -0.2) * Math.sin(j * 7.1 + i));
  const labels = new Matrix(1, m).map((_, __, j) => j % 3);
  const build = () =>
    new Sequential([new Dense(2, 8, { seed: 1 }), new ReLU(), new Dense(8, 3, { seed: 2 }), new Identity()]);
  const train = (loss: CategoricalCrossEntropy, Y: Matrix, classWeight?: number[]) => {
    const model = build();
    const history = fit(model, X, Y, {
      loss,
      optimizer: new Adam(model.parameters(), { learningRate: 0.05 }),
      epochs: 6,
      batchSize: 16,
      seed: 3,
      metrics: ['accuracy'],
      validationData: [X, Y],
      ...(classWeight === undefined ? {} : { classWeight }),
    });
    return { model, history };
  };

  it('fit with labels (1, m) trains the bits fit with oneHot(labels) trains, history and weights', () => {
    for (const classWeight of [undefined, [1, 2.5, 0.5]]) {
      const a = train(new SparseCategoricalCrossEntropy({ fromLogits: true }), labels, classWeight);
      const b = train(new CategoricalCrossEntropy({ fromLogits: true }), oneHot(labels, 3), classWeight);
      expect(bits(a.history.history.loss)).toEqual(bits(b.history.history.loss));
      expect(bits(a.history.history.val_loss)).toEqual(bits(b.history.history.val_loss));
      expect(a.history.history.accuracy).toEqual(b.history.history.accuracy);
      expect(a.model.parameters().map((p) => bits(p.value))).toEqual(b.model.parameters().map((p) => bits(p.value)));
    }
  });

  it('evaluate and accuracy take the labels', () => {
    const { model } = train(new SparseCategoricalCrossEntropy({ fromLogits: true }), labels);
    const sparse = evaluate(model, X, labels, {
      loss: new SparseCategoricalCrossEntropy({ fromLogits: true }),
      metrics: ['accuracy'],
    });
    const dense = evaluate(model, X, oneHot(labels, 3), {
      loss: new CategoricalCrossEntropy({ fromLogits: true }),
      metrics: ['accuracy'],
    });
    expect(sparse).toEqual(dense);
    expect(accuracy(model.predict(X), labels)).toBe(accuracy(model.predict(X), oneHot(labels, 3)));
    expect(() => accuracy(Matrix.from([[0.2], [0.8]]), Matrix.from([[2]]))).toThrow(
      new RangeError('accuracy: expected class indices in [0, 2) for 2 outputs, got 2 at (0, 0)'),
    );
  });

  it('fit refuses a label beyond the outputs before anything changes', () => {
    const model = build();
    const before = model.parameters().map((p) => bits(p.value));
    const bad = labels.map((v, _, j) => (j === 59 ? 3 : v));
    const options = {
      loss: new SparseCategoricalCrossEntropy(),
      optimizer: new Adam(model.parameters(), { learningRate: 0.1 }),
    };
    const withSoftmax = new Sequential([...model.layers.slice(0, 3), new Softmax()]);
    expect(() => fit(withSoftmax, X, bad, options)).toThrow(
      new RangeError(
        'SparseCategoricalCrossEntropy.forward: expected class indices in [0, 3) for 3 outputs, got 3 at (0, 59)',
      ),
    );
    expect(() => fit(withSoftmax, X, oneHot(labels, 3), options)).toThrow(
      new ShapeError('fit: expected Y (1, m) of class indices for SparseCategoricalCrossEntropy, got Y (3, 60)'),
    );
    expect(() => fit(withSoftmax, X, bad, { ...options, classWeight: [1, 2, 3] })).toThrow(
      new RangeError('fit: expected Y class indices in [0, 3) with classWeight, got 3 at (0, 59)'),
    );
    expect(model.parameters().map((p) => bits(p.value))).toEqual(before);
  });
});
