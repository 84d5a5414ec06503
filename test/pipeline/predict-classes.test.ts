import { describe, expect, it } from 'vitest';
import { Identity, Sigmoid, Softmax } from '../../src/activations/index.js';
import { ShapeError } from '../../src/errors.js';
import { Dense } from '../../src/layers/dense.js';
import { Matrix } from '../../src/matrix/index.js';
import { accuracy } from '../../src/metrics/accuracy.js';
import { Sequential } from '../../src/model/sequential.js';
import { predictClasses, predictOne } from '../../src/pipeline/predict-classes.js';
import { createPredictor } from '../../src/predict.js';
import { oneHot } from '../../src/data/one-hot.js';
import { expectThrowExact } from '../matrix/helpers.js';

/** A model whose output is `X` itself (an Identity layer), so predictions are chosen by the test. */
const echo = new Sequential([new Identity()]);

describe('predictClasses', () => {
  it('takes the argmax of each column for several outputs (first row on ties)', () => {
    const P = Matrix.from([
      [0.1, 0.5, 0.2, 0.3],
      [0.7, 0.5, 0.2, 0.3],
      [0.2, 0.0, 0.6, 0.4],
    ]);
    const classes = predictClasses(echo, P);
    expect(classes).toBeInstanceOf(Int32Array);
    expect(Array.from(classes)).toEqual([1, 0, 2, 2]);
    // The threshold has no say for several outputs.
    expect(Array.from(predictClasses(echo, P, { threshold: 0.9 }))).toEqual([1, 0, 2, 2]);
  });

  it('thresholds a single output strictly above (default 0.5), as accuracy counts', () => {
    const P = Matrix.from([[0.2, 0.5, 0.51, 0.9, -1]]);
    expect(Array.from(predictClasses(echo, P))).toEqual([0, 0, 1, 1, 0]);
    expect(Array.from(predictClasses(echo, P, { threshold: 0 }))).toEqual([1, 1, 1, 1, 0]);
    expect(Array.from(predictClasses(echo, P, { threshold: 0.8 }))).toEqual([0, 0, 0, 1, 0]);
    const Y = Matrix.from([[0, 0, 1, 1, 1]]);
    const hits = Array.from(predictClasses(echo, P)).filter((c, j) => c === Y.data[j]).length;
    expect(hits / 5).toBe(accuracy(P, Y));
  });

  it('agrees with accuracy on a trained-looking softmax model', () => {
    const model = new Sequential([new Dense(2, 3, { seed: 5 }), new Softmax()]);
    const X = Matrix.from([
      [1, -2, 0.5, 3, -1, 0],
      [0, 1, -1, 2, 2, -3],
    ]);
    const classes = predictClasses(model, X);
    const acc = accuracy(model.predict(X), oneHot(classes, 3));
    expect(acc).toBe(1);
    expect(Array.from(classes)).toEqual(Array.from(model.predict(X).argmax().data));
  });

  it('works with a bottomup/predict predictor too', () => {
    const model = new Sequential([new Dense(2, 1, { seed: 2 }), new Sigmoid()]);
    const X = Matrix.from([
      [1, -2, 0.5],
      [0, 1, -1],
    ]);
    const predictor = createPredictor(model.toJSON());
    expect(predictClasses(predictor, X)).toEqual(predictClasses(model, X));
  });

  it('refuses bad input with exact messages', () => {
    expectThrowExact(
      () => predictClasses({} as never, Matrix.zeros(1, 1)),
      TypeError,
      'predictClasses: expected model to have a predict(X) method, got an object',
    );
    expectThrowExact(
      () => predictClasses(echo, Matrix.zeros(1, 1), { threshold: Number.NaN }),
      RangeError,
      'predictClasses: expected threshold to be a finite number, got NaN',
    );
    expectThrowExact(
      () => predictClasses(echo, Matrix.zeros(1, 1), { cutoff: 1 } as never),
      TypeError,
      'predictClasses: expected options among threshold, got unknown option "cutoff"',
    );
    expectThrowExact(
      () => predictClasses(echo, Matrix.from([[0.5, Number.NaN]])),
      RangeError,
      'predictClasses: expected the prediction without NaN, got NaN at (0, 1)',
    );
    const model = new Sequential([new Dense(2, 3, { seed: 1 }), new Softmax()]);
    // X written one row per example: the model's own ShapeError, with its hint.
    expectThrowExact(
      () =>
        predictClasses(
          model,
          Matrix.from([
            [1, 2],
            [3, 4],
            [5, 6],
          ]),
        ),
      ShapeError,
      'Sequential.forward: expected X (2, m) with m >= 1 for Dense(2 → 3), got X (3, 2): one column per example — ' +
        'did you mean Matrix.fromSamples(examples), or X.transpose()?',
    );
    expectThrowExact(
      () => predictClasses(echo, new Matrix(0, 3)),
      ShapeError,
      'predictClasses: expected a prediction with at least one row, got (0, 3)',
    );
  });
});

describe('predictOne', () => {
  const model = new Sequential([new Dense(3, 2, { seed: 7 }), new Softmax()]);
  const X = Matrix.from([
    [0.5, -1],
    [2, 0.25],
    [-3, 1],
  ]);

  it('gives the bits of that example in a batch prediction', () => {
    const batch = model.predict(X);
    for (let j = 0; j < 2; j++) {
      const y = predictOne(model, [X.get(0, j), X.get(1, j), X.get(2, j)]);
      expect(y).toBeInstanceOf(Float64Array);
      expect(y.length).toBe(2);
      for (let i = 0; i < 2; i++) expect(Object.is(y[i], batch.get(i, j))).toBe(true);
    }
    expect(predictOne(model, Float32Array.of(0.5, 2, -3))).toEqual(predictOne(model, [0.5, 2, -3]));
  });

  it('computes the closed form on a hand-set layer', () => {
    const linear = new Sequential([new Dense(2, 1, { init: 'zeros' })]);
    linear.parameters()[0].value.data.set([1, 2]);
    linear.parameters()[1].value.data[0] = -1;
    expect(Array.from(predictOne(linear, [3, 4]))).toEqual([3 + 8 - 1]);
  });

  it('checks the sample with exact messages', () => {
    expectThrowExact(
      () => predictOne(model, [1, 2]),
      ShapeError,
      "predictOne: expected a sample of 3 features (the model's inputs), got 2",
    );
    expectThrowExact(
      () => predictOne(model, [1, 2, 3, 4]),
      ShapeError,
      "predictOne: expected a sample of 3 features (the model's inputs), got 4",
    );
    expectThrowExact(
      () => predictOne(model, Matrix.zeros(3, 1) as never),
      TypeError,
      "predictOne: expected sample to be an array of numbers (one example's features), got a Matrix (3, 1)",
    );
    expectThrowExact(
      () => predictOne(model, [1, '2', 3] as never),
      TypeError,
      'predictOne: expected sample[1] to be a number, got "2"',
    );
    expectThrowExact(
      () => predictOne(model, [1, 2, Number.POSITIVE_INFINITY]),
      RangeError,
      'predictOne: expected sample[2] to be a finite number, got Infinity',
    );
    expectThrowExact(
      () => predictOne(echo, []),
      ShapeError,
      'predictOne: expected a sample of at least 1 feature, got 0',
    );
    expect(Array.from(predictOne(echo, [4, 5]))).toEqual([4, 5]);
    expectThrowExact(
      () => predictOne(null as never, [1]),
      TypeError,
      'predictOne: expected model to have a predict(X) method, got null',
    );
  });
});
