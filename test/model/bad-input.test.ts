/**
 * Bad input gets a clear error and changes nothing: every call below throws an exact message, and for
 * every one the model's weights (and gradients) are bit-identical afterwards, the optimizer's state is
 * deep-equal, and the loss's previous `backward()` result is unchanged.
 */
import { describe, expect, it } from 'vitest';
import { Sigmoid, Softmax, Tanh } from '../../src/activations/index.js';
import { ShapeError } from '../../src/errors.js';
import { Dense } from '../../src/layers/dense.js';
import { BinaryCrossEntropy, CategoricalCrossEntropy, type Loss } from '../../src/losses/index.js';
import { Matrix } from '../../src/matrix/index.js';
import { Adam, type Optimizer, RMSprop, SGD } from '../../src/optimizers/index.js';
import { Sequential } from '../../src/model/sequential.js';
import { blobs, moons } from '../../src/data/datasets.js';
import { oneHot } from '../../src/data/one-hot.js';
import { evaluate, fit } from '../../src/train/index.js';

// ---- fixtures and the "changes nothing" check ---------------------------------------------------

interface Fixture {
  model: Sequential;
  optimizer: Optimizer;
  loss: Loss;
  X: Matrix;
  Y: Matrix;
}

/**
 * A model part-way through training: Adam has non-zero moments, the gradients are non-zero (a
 * backward without a step), and the loss remembers a forward, so any change would show.
 */
function binaryFixture(checkFinite = false): Fixture {
  const { X, Y } = moons({ m: 10, noise: 0.2, seed: 1 });
  const model = new Sequential(
    [new Dense(2, 4, { seed: 1 }), new Tanh(), new Dense(4, 1, { seed: 2 }), new Sigmoid()],
    { checkFinite },
  );
  const loss = new BinaryCrossEntropy();
  const optimizer = new Adam(model.parameters(), { learningRate: 0.05 });
  fit(model, X, Y, { loss, optimizer, epochs: 3, batchSize: 4 });
  loss.forward(model.forward(X), Y);
  model.backward(loss.backward());
  return { model, optimizer, loss, X, Y };
}

function categoricalFixture(): Fixture {
  const { X, Y: labels } = blobs({ m: 4, centers: 3, seed: 3 });
  const Y = oneHot(labels, 3);
  const model = new Sequential([new Dense(2, 3, { seed: 1 }), new Softmax()]);
  const loss = new CategoricalCrossEntropy();
  const optimizer = new SGD(model.parameters(), { learningRate: 0.1, momentum: 0.9 });
  fit(model, X, Y, { loss, optimizer, epochs: 2 });
  loss.forward(model.forward(X), Y);
  model.backward(loss.backward());
  return { model, optimizer, loss, X, Y };
}

type ErrorClass = new (...args: never[]) => Error;

function expectThrowExact(call: () => unknown, type: ErrorClass, message: string): void {
  let caught: unknown;
  try {
    call();
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected a throw').toBeInstanceOf(type);
  expect((caught as Error).message).toBe(message);
}

function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return -2;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

/** Runs `call`, expects the exact error, and checks that the fixture is exactly as before. */
function expectRejected(
  fx: Fixture,
  call: () => unknown,
  type: ErrorClass,
  message: string,
  { grads = true } = {},
): void {
  const params = fx.model.parameters();
  const weights = params.map((p) => p.value.data.slice());
  const gradients = params.map((p) => p.grad.data.slice());
  const names = params.map((p) => p.name);
  const optimizerState = JSON.stringify(fx.optimizer.toJSON());
  const learningRate = fx.optimizer.learningRate;
  const lossGradient = fx.loss.backward().data.slice();

  expectThrowExact(call, type, message);

  params.forEach((p, i) => expect(firstDifference(p.value.data, weights[i]), `${p.name} after the throw`).toBe(-1));
  if (grads) params.forEach((p, i) => expect(firstDifference(p.grad.data, gradients[i]), `grad of ${p.name}`).toBe(-1));
  expect(params.map((p) => p.name)).toEqual(names);
  expect(JSON.parse(JSON.stringify(fx.optimizer.toJSON()))).toEqual(JSON.parse(optimizerState));
  expect(fx.optimizer.learningRate).toBe(learningRate);
  expect(firstDifference(fx.loss.backward().data, lossGradient), "the loss's previous backward()").toBe(-1);
}

/** `M` with `value` written at `(row, col)`. */
function withValue(M: Matrix, row: number, col: number, value: number): Matrix {
  const out = M.clone();
  out.set(row, col, value);
  return out;
}

type Case = [string, (fx: Fixture) => unknown, ErrorClass, string];

/** The fixture's loss and optimizer, as fit/evaluate options. */
const o = (f: Fixture) => ({ loss: f.loss, optimizer: f.optimizer });

function runCases(cases: Case[], make: () => Fixture = () => binaryFixture()): void {
  it.each(cases)('%s', (_name, call, type, message) => {
    const fx = make();
    expectRejected(fx, () => call(fx), type, message);
  });
}

// ---- shapes -----------------------------------------------------------------------------------

describe('shape mismatches throw a ShapeError naming both shapes', () => {
  runCases([
    [
      'fit: X rows ≠ the first layer',
      (f) => fit(f.model, Matrix.zeros(3, 10), f.Y, o(f)),
      ShapeError,
      "fit: expected X (2, m) for the model's 2 inputs, got X (3, 10)",
    ],
    [
      'fit: Y rows ≠ the outputs',
      (f) => fit(f.model, f.X, Matrix.zeros(2, 10), o(f)),
      ShapeError,
      "fit: expected Y (1, m) for the model's 1 outputs, got Y (2, 10)",
    ],
    [
      'fit: Y cols ≠ X cols',
      (f) => fit(f.model, f.X, Matrix.zeros(1, 9), o(f)),
      ShapeError,
      'fit: expected Y (n_y, 10) with one column per example of X, got X (2, 10) and Y (1, 9)',
    ],
    [
      'fit: no examples',
      (f) => fit(f.model, Matrix.zeros(2, 0), Matrix.zeros(1, 0), o(f)),
      ShapeError,
      'fit: expected X with at least one example (column), got X (2, 0)',
    ],
    [
      'fit: validationData X rows',
      (f) => fit(f.model, f.X, f.Y, { ...o(f), validationData: [Matrix.zeros(3, 4), Matrix.zeros(1, 4)] }),
      ShapeError,
      "fit: expected validationData X (2, m) for the model's 2 inputs, got validationData X (3, 4)",
    ],
    [
      'fit: validationData Y cols',
      (f) => fit(f.model, f.X, f.Y, { ...o(f), validationData: [Matrix.zeros(2, 4), Matrix.zeros(1, 5)] }),
      ShapeError,
      'fit: expected validationData Y (n_y, 4) with one column per example of validationData X, got ' +
        'validationData X (2, 4) and validationData Y (1, 5)',
    ],
    [
      'fit: validationData Y rows',
      (f) => fit(f.model, f.X, f.Y, { ...o(f), validationData: [Matrix.zeros(2, 4), Matrix.zeros(2, 4)] }),
      ShapeError,
      "fit: expected validationData Y (1, m) for the model's 1 outputs, got validationData Y (2, 4)",
    ],
    [
      'evaluate: X rows',
      (f) => evaluate(f.model, Matrix.zeros(1, 10), f.Y, { loss: f.loss }),
      ShapeError,
      "evaluate: expected X (2, m) for the model's 2 inputs, got X (1, 10)",
    ],
    [
      'evaluate: Y cols',
      (f) => evaluate(f.model, f.X, Matrix.zeros(1, 3), { loss: f.loss }),
      ShapeError,
      'evaluate: expected Y (n_y, 10) with one column per example of X, got X (2, 10) and Y (1, 3)',
    ],
    [
      'evaluate: Y rows',
      (f) => evaluate(f.model, f.X, Matrix.zeros(3, 10), { loss: f.loss }),
      ShapeError,
      "evaluate: expected Y (1, m) for the model's 1 outputs, got Y (3, 10)",
    ],
    [
      'predict: X rows',
      (f) => f.model.predict(Matrix.zeros(3, 5)),
      ShapeError,
      'Sequential.forward: expected X (2, m) with m >= 1 for Dense(2 → 4), got X (3, 5)',
    ],
    [
      'loss.forward: target cols ≠ prediction cols',
      (f) => f.loss.forward(Matrix.fill(1, 10, 0.5), Matrix.zeros(1, 9)),
      ShapeError,
      'BinaryCrossEntropy.forward: expected target (1, 10) like the prediction, got prediction (1, 10) and ' +
        'target (1, 9)',
    ],
    [
      'loss.forward: target rows ≠ prediction rows',
      (f) => f.loss.forward(Matrix.fill(1, 10, 0.5), Matrix.zeros(2, 10)),
      ShapeError,
      'BinaryCrossEntropy.forward: expected target (1, 10) like the prediction, got prediction (1, 10) and ' +
        'target (2, 10)',
    ],
    [
      'model.backward: dYhat of another shape',
      (f) => f.model.backward(Matrix.zeros(1, 9)),
      ShapeError,
      'Sequential.backward: expected dYhat (1, 10) like the last output, got dYhat (1, 9)',
    ],
  ]);

  it(
    'layers that do not fit together at construction: a ShapeError naming both layers; the layers are left ' + 'alone',
    () => {
      const first = new Dense(2, 4, { seed: 1 }),
        last = new Dense(3, 1, { seed: 2 });
      const before = [first, last].flatMap((d) => d.parameters().map((p) => [p.name, p.value.data.slice()] as const));
      expectThrowExact(
        () => new Sequential([first, new Tanh(), last]),
        ShapeError,
        'Sequential: expected Dense(3 → 1) (layer 2) to take the 4 outputs of Tanh() (layer 1), got inputSize 3',
      );
      expectThrowExact(
        () => new Sequential([first, last]),
        ShapeError,
        'Sequential: expected Dense(3 → 1) (layer 1) to take the 4 outputs of Dense(2 → 4) (layer 0), got inputSize 3',
      );
      const after = [first, last].flatMap((d) => d.parameters().map((p) => [p.name, p.value.data.slice()] as const));
      expect(after.map(([n]) => n)).toEqual(before.map(([n]) => n)); // not renamed W[1], …
      after.forEach(([, v], i) => expect(firstDifference(v, before[i][1])).toBe(-1));
    },
  );

  it('categorical: the wrong number of label rows (classes) for the model or the loss', () => {
    const fx = categoricalFixture();
    expectRejected(
      fx,
      () =>
        fit(
          fx.model,
          fx.X,
          Matrix.from([
            [1, 0, 0, 1],
            [0, 1, 1, 0],
          ]),
          o(fx),
        ),
      ShapeError,
      "fit: expected Y (3, m) for the model's 3 outputs, got Y (2, 4)",
    );
    // Class indices instead of one-hot rows.
    expectRejected(
      fx,
      () => fit(fx.model, fx.X, Matrix.from([[0, 1, 2, 1]]), o(fx)),
      ShapeError,
      "fit: expected Y (3, m) for the model's 3 outputs, got Y (1, 4): Y looks like class indices — one-hot " +
        'encode them with oneHot(labels, 3), or use SparseCategoricalCrossEntropy',
    );
    expectRejected(
      fx,
      () =>
        fx.loss.forward(
          Matrix.fill(3, 4, 1 / 3),
          Matrix.from([
            [1, 0, 0, 1],
            [0, 1, 1, 0],
          ]),
        ),
      ShapeError,
      'CategoricalCrossEntropy.forward: expected target (3, 4) like the prediction, got prediction (3, 4) and ' +
        'target (2, 4)',
    );
  });
});

// ---- non-finite data --------------------------------------------------------------------------

describe('NaN and Infinity in the data: the message names the matrix and the first bad position', () => {
  runCases([
    [
      'fit: NaN in X',
      (f) => fit(f.model, withValue(f.X, 1, 3, NaN), f.Y, o(f)),
      RangeError,
      'fit: expected finite values in X, got NaN at (1, 3)',
    ],
    [
      'fit: Infinity in X',
      (f) => fit(f.model, withValue(f.X, 0, 9, Infinity), f.Y, o(f)),
      RangeError,
      'fit: expected finite values in X, got Infinity at (0, 9)',
    ],
    [
      'fit: the first of several, in row-major order',
      (f) => fit(f.model, withValue(withValue(f.X, 1, 0, NaN), 0, 7, -Infinity), f.Y, o(f)),
      RangeError,
      'fit: expected finite values in X, got -Infinity at (0, 7)',
    ],
    [
      'fit: Infinity in Y',
      (f) => fit(f.model, f.X, withValue(f.Y, 0, 7, Infinity), o(f)),
      RangeError,
      'fit: expected finite values in Y, got Infinity at (0, 7)',
    ],
    [
      'fit: NaN in Y',
      (f) => fit(f.model, f.X, withValue(f.Y, 0, 2, NaN), o(f)),
      RangeError,
      'fit: expected finite values in Y, got NaN at (0, 2)',
    ],
    [
      'fit: NaN in validationData X',
      (f) => fit(f.model, f.X, f.Y, { ...o(f), validationData: [withValue(f.X, 1, 2, NaN), f.Y] }),
      RangeError,
      'fit: expected finite values in validationData X, got NaN at (1, 2)',
    ],
    [
      'fit: Infinity in validationData Y',
      (f) => fit(f.model, f.X, f.Y, { ...o(f), validationData: [f.X, withValue(f.Y, 0, 5, -Infinity)] }),
      RangeError,
      'fit: expected finite values in validationData Y, got -Infinity at (0, 5)',
    ],
    [
      'evaluate: -Infinity in X',
      (f) => evaluate(f.model, withValue(f.X, 0, 9, -Infinity), f.Y, { loss: f.loss }),
      RangeError,
      'evaluate: expected finite values in X, got -Infinity at (0, 9)',
    ],
    [
      'evaluate: NaN in Y',
      (f) => evaluate(f.model, f.X, withValue(f.Y, 0, 4, NaN), { loss: f.loss }),
      RangeError,
      'evaluate: expected finite values in Y, got NaN at (0, 4)',
    ],
  ]);

  /**
   * 2 → 2 tanh → 1 sigmoid with `checkFinite: true`, a forward and backward done with benign
   * weights, then the weights `W1`, `W2` set by hand. `X` columns are `[1, 0.5]` and `[2, 10]`.
   */
  function checkedFixture(W1: number[], W2: number[]): Fixture {
    const d1 = new Dense(2, 2, { init: 'zeros' }),
      d2 = new Dense(2, 1, { init: 'zeros' });
    const model = new Sequential([d1, new Tanh(), d2, new Sigmoid()], { checkFinite: true });
    const X = Matrix.from([
        [1, 2],
        [0.5, 10],
      ]),
      Y = Matrix.from([[1, 0]]);
    const loss = new BinaryCrossEntropy();
    loss.forward(model.forward(X), Y);
    model.backward(loss.backward());
    d1.weight.value.data.set(W1);
    d2.weight.value.data.set(W2);
    return { model, optimizer: new SGD(model.parameters(), { learningRate: 0.1 }), loss, X, Y };
  }

  it('checkFinite: X itself', () => {
    const fx = checkedFixture([1, 0, 0, 1], [1, 1]);
    expectRejected(
      fx,
      () => fx.model.forward(withValue(fx.X, 1, 0, NaN)),
      RangeError,
      'Sequential.forward: expected finite values in X, got NaN at (1, 0)',
    );
  });

  it('checkFinite: an overflow in the first Dense layer', () => {
    // Z[1] row 1 = 1e308 · [0.5, 10] = [5e307, Infinity].
    const fx = checkedFixture([1, 0, 0, 1e308], [1, 1]);
    expectRejected(
      fx,
      () => fx.model.forward(fx.X),
      RangeError,
      'Sequential.forward: expected finite values in the output of Dense(2 → 2) (layer 0), got Infinity at (1, 1)',
    );
  });

  it('checkFinite: an overflow in the second Dense layer (after tanh)', () => {
    // Column 0: 1e308·(tanh(1) + tanh(0.5)) ≈ 1.2e308 stays finite; column 1: 1e308·(tanh(2) + tanh(10))
    // ≈ 1.96e308 overflows.
    const fx = checkedFixture([1, 0, 0, 1], [1e308, 1e308]);
    expectRejected(
      fx,
      () => fx.model.forward(fx.X),
      RangeError,
      'Sequential.forward: expected finite values in the output of Dense(2 → 1) (layer 2), got Infinity at (0, 1)',
    );
  });

  it('checkFinite: a NaN weight', () => {
    const fx = checkedFixture([1, 0, NaN, 1], [1, 1]);
    expectRejected(
      fx,
      () => fx.model.forward(fx.X),
      RangeError,
      'Sequential.forward: expected finite values in the output of Dense(2 → 2) (layer 0), got NaN at (1, 0)',
    );
  });

  it('checkFinite: backward names the layer whose input gradient is first non-finite', () => {
    const fx = checkedFixture([1, 0, 0, 1], [1, 1]);
    const dYhat = Matrix.from([[0.5, NaN]]);
    expectRejected(
      fx,
      () => fx.model.backward(dYhat),
      RangeError,
      'Sequential.backward: expected finite values in the input gradient of Sigmoid() (layer 3), got NaN at (0, 1)',
    );
  });

  it('checkFinite in the explicit loop: divergence is caught by the forward that first overflows', () => {
    // MSE on one example with a learning rate of 1e200: step 1 sends W to 2e300, so the next W·X
    // (2e300 · 1e100) overflows in the Dense layer.
    const model = new Sequential([new Dense(1, 1, { init: 'zeros' }), new Tanh()], { checkFinite: true });
    const loss = new BinaryCrossEntropy({ fromLogits: true });
    const optimizer = new SGD(model.parameters(), { learningRate: 1e200 });
    const X = Matrix.from([[1e100]]),
      Y = Matrix.from([[1]]);
    let failedAt = -1,
      message = '';
    let weightsBefore: Float64Array[] = [];
    for (let i = 0; i < 5; i++) {
      weightsBefore = model.parameters().map((p) => p.value.data.slice());
      try {
        const cost = loss.forward(model.forward(X), Y);
        void cost;
      } catch (e) {
        failedAt = i;
        message = (e as Error).message;
        break;
      }
      optimizer.zeroGrad();
      model.backward(loss.backward());
      optimizer.step();
    }
    expect(failedAt).toBe(1);
    expect(message).toBe(
      'Sequential.forward: expected finite values in the output of Dense(1 → 1) (layer 0), got Infinity at (0, 0)',
    );
    model.parameters().forEach((p, i) => expect(firstDifference(p.value.data, weightsBefore[i])).toBe(-1));
  });
});

// ---- labels -----------------------------------------------------------------------------------

describe('labels the loss cannot take', () => {
  runCases([
    [
      'BCE: a label above 1',
      (f) => fit(f.model, f.X, withValue(f.Y, 0, 4, 2), o(f)),
      RangeError,
      'BinaryCrossEntropy.forward: expected target values in [0, 1], got 2 at (0, 4)',
    ],
    [
      'BCE: a negative label',
      (f) => fit(f.model, f.X, withValue(f.Y, 0, 6, -0.5), o(f)),
      RangeError,
      'BinaryCrossEntropy.forward: expected target values in [0, 1], got -0.5 at (0, 6)',
    ],
    [
      'BCE: a bad validation label',
      (f) => fit(f.model, f.X, f.Y, { ...o(f), validationData: [f.X, withValue(f.Y, 0, 1, 3)] }),
      RangeError,
      'BinaryCrossEntropy.forward: expected target values in [0, 1], got 3 at (0, 1)',
    ],
    [
      'BCE: evaluate',
      (f) => evaluate(f.model, f.X, withValue(f.Y, 0, 9, 1.5), { loss: f.loss }),
      RangeError,
      'BinaryCrossEntropy.forward: expected target values in [0, 1], got 1.5 at (0, 9)',
    ],
    [
      'BCE: loss.forward itself',
      (f) => f.loss.forward(Matrix.fill(1, 10, 0.5), withValue(f.Y, 0, 0, -1)),
      RangeError,
      'BinaryCrossEntropy.forward: expected target values in [0, 1], got -1 at (0, 0)',
    ],
    [
      'a soft label with the accuracy metric (which needs 0/1), in a later mini-batch',
      (f) =>
        fit(f.model, f.X, withValue(f.Y, 0, 9, 0.9), { ...o(f), batchSize: 4, shuffle: false, metrics: ['accuracy'] }),
      RangeError,
      'accuracy: expected binary target labels 0 or 1, got 0.9 at column 9',
    ],
    [
      'a soft validation label with the accuracy metric',
      (f) =>
        fit(f.model, f.X, f.Y, { ...o(f), validationData: [f.X, withValue(f.Y, 0, 3, 0.25)], metrics: ['accuracy'] }),
      RangeError,
      'accuracy: expected binary target labels 0 or 1, got 0.25 at column 3',
    ],
    [
      'r2 with a last mini-batch of one example',
      (f) => fit(f.model, f.X, f.Y, { ...o(f), batchSize: 3, metrics: ['r2'] }),
      ShapeError,
      'r2: expected at least 2 examples (columns), got prediction (1, 1)',
    ],
    [
      'evaluate: a soft label with the accuracy metric',
      (f) => evaluate(f.model, f.X, withValue(f.Y, 0, 2, 0.5), { loss: f.loss, metrics: ['accuracy'] }),
      RangeError,
      'accuracy: expected binary target labels 0 or 1, got 0.5 at column 2',
    ],
  ]);

  runCases(
    [
      [
        'CCE: a column that does not sum to 1',
        (f) =>
          fit(
            f.model,
            f.X,
            Matrix.from([
              [1, 0, 0, 0.5],
              [0, 1, 0, 0.25],
              [0, 0, 1, 0],
            ]),
            o(f),
          ),
        RangeError,
        'CategoricalCrossEntropy.forward: expected each target column to sum to 1 (one-hot or probabilities), ' +
          'got 0.75 in column 3',
      ],
      [
        'CCE: a value outside [0, 1] (not one-hot)',
        (f) =>
          fit(
            f.model,
            f.X,
            Matrix.from([
              [2, 0, 0, 1],
              [0, 1, 0, 0],
              [-1, 0, 1, 0],
            ]),
            o(f),
          ),
        RangeError,
        'CategoricalCrossEntropy.forward: expected target values in [0, 1], got 2 at (0, 0)',
      ],
      [
        'CCE: an all-zero column',
        (f) =>
          fit(
            f.model,
            f.X,
            Matrix.from([
              [1, 0, 0, 0],
              [0, 1, 0, 0],
              [0, 0, 1, 0],
            ]),
            o(f),
          ),
        RangeError,
        'CategoricalCrossEntropy.forward: expected each target column to sum to 1 (one-hot or probabilities), ' +
          'got 0 in column 3',
      ],
      [
        'CCE: two hot entries',
        (f) =>
          f.loss.forward(
            Matrix.fill(3, 4, 1 / 3),
            Matrix.from([
              [1, 0, 0, 1],
              [0, 1, 1, 0],
              [0, 0, 1, 0],
            ]),
          ),
        RangeError,
        'CategoricalCrossEntropy.forward: expected each target column to sum to 1 (one-hot or probabilities), ' +
          'got 2 in column 2',
      ],
    ],
    categoricalFixture,
  );
});

// ---- sizes and hyperparameters ----------------------------------------------------------------

describe('epochs and batch sizes must be positive integers', () => {
  const bad: [string, unknown][] = [
    ['0', 0],
    ['-1', -1],
    ['1.5', 1.5],
    ['NaN', NaN],
    ['Infinity', Infinity],
  ];
  const wrongKind: [string, unknown][] = [
    ['"3"', '3'],
    ['true', true],
  ];
  runCases([
    ...bad.map(
      ([text, v]): Case => [
        `epochs ${text}`,
        (f) => fit(f.model, f.X, f.Y, { ...o(f), epochs: v as never }),
        RangeError,
        `fit: expected epochs to be a positive integer, got ${text}`,
      ],
    ),
    ...bad.map(
      ([text, v]): Case => [
        `batchSize ${text}`,
        (f) => fit(f.model, f.X, f.Y, { ...o(f), batchSize: v as never }),
        RangeError,
        `fit: expected batchSize to be a positive integer, got ${text}`,
      ],
    ),
    ...wrongKind.map(
      ([text, v]): Case => [
        `epochs ${text}`,
        (f) => fit(f.model, f.X, f.Y, { ...o(f), epochs: v as never }),
        TypeError,
        `fit: expected epochs to be a number, got ${text}`,
      ],
    ),
    ...wrongKind.map(
      ([text, v]): Case => [
        `batchSize ${text}`,
        (f) => fit(f.model, f.X, f.Y, { ...o(f), batchSize: v as never }),
        TypeError,
        `fit: expected batchSize to be a number, got ${text}`,
      ],
    ),
  ]);
});

describe('learning rates must be finite and positive', () => {
  const bad: [string, unknown][] = [
    ['-0.1', -0.1],
    ['0', 0],
    ['-0', -0],
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
  ];
  const makers: [string, (p: Fixture, lr: unknown) => unknown][] = [
    ['SGD', (f, lr) => new SGD(f.model.parameters(), { learningRate: lr as never })],
    ['Adam', (f, lr) => new Adam(f.model.parameters(), { learningRate: lr as never })],
    ['RMSprop', (f, lr) => new RMSprop(f.model.parameters(), { learningRate: lr as never })],
  ];
  runCases(
    makers.flatMap(([name, make]) =>
      bad.map(
        ([text, v]): Case => [
          `${name} ${text}`,
          (f) => make(f, v),
          RangeError,
          `${name}: expected learningRate > 0, got ${text}`,
        ],
      ),
    ),
  );
  runCases(
    makers.map(
      ([name, make]): Case => [
        `${name} "0.1"`,
        (f) => make(f, '0.1'),
        TypeError,
        `${name}: expected learningRate to be a number, got "0.1"`,
      ],
    ),
  );
  runCases([
    [
      'SGD without a learning rate',
      (f) => new SGD(f.model.parameters(), {} as never),
      TypeError,
      'SGD: expected learningRate to be a number, got undefined',
    ],
    [
      'the learningRate setter',
      (f) => ((f.optimizer.learningRate = -1), 0),
      RangeError,
      'Adam.learningRate: expected learningRate > 0, got -1',
    ],
    [
      'the learningRate setter with NaN',
      (f) => ((f.optimizer.learningRate = NaN), 0),
      RangeError,
      'Adam.learningRate: expected learningRate > 0, got NaN',
    ],
  ]);
});

// ---- option objects ---------------------------------------------------------------------------

describe('unknown option names are TypeErrors (for JavaScript users)', () => {
  runCases([
    [
      'fit',
      (f) => fit(f.model, f.X, f.Y, { ...o(f), epoch: 3 } as never),
      TypeError,
      'fit: expected options among loss, optimizer, epochs, batchSize, shuffle, seed, validationData, ' +
        'validationSplit, sampleWeight, classWeight, metrics, onEpochEnd, onBatchEnd, earlyStopping, ' +
        'learningRateSchedule, reduceLROnPlateau, signal, progress, stopOnNonFinite, got unknown option "epoch"',
    ],
    [
      'evaluate',
      (f) => evaluate(f.model, f.X, f.Y, { loss: f.loss, metric: ['accuracy'] } as never),
      TypeError,
      'evaluate: expected options among loss, metrics, sampleWeight, got unknown option "metric"',
    ],
    [
      'earlyStopping',
      (f) => fit(f.model, f.X, f.Y, { ...o(f), earlyStopping: { patient: 3 } as never }),
      TypeError,
      'fit: earlyStopping: expected options among monitor, patience, minDelta, mode, restoreBestWeights, got ' +
        'unknown option "patient"',
    ],
    [
      'SGD',
      (f) => new SGD(f.model.parameters(), { learningRate: 0.1, momentun: 0.9 } as never),
      TypeError,
      'SGD: expected options among learningRate, momentum, dampening, nesterov, weightDecay, initialVelocity, got ' +
        'unknown option "momentun"',
    ],
    [
      'Adam',
      (f) => new Adam(f.model.parameters(), { lr: 0.1 } as never),
      TypeError,
      'Adam: expected options among learningRate, beta1, beta2, epsilon, weightDecay, got unknown option "lr"',
    ],
    [
      'Dense',
      () => new Dense(2, 3, { initializer: 'he' } as never),
      TypeError,
      'Dense: expected options among init, seed, useBias, regularizer, got unknown option "initializer"',
    ],
    [
      'Sequential',
      (_f) => new Sequential([new Dense(2, 3)], { check: true } as never),
      TypeError,
      'Sequential: expected options among checkFinite, got unknown option "check"',
    ],
    [
      'fit without options',
      (f) => fit(f.model, f.X, f.Y, undefined as never),
      TypeError,
      'fit: expected options with a loss and an optimizer, got none',
    ],
    [
      'fit without a loss',
      (f) => fit(f.model, f.X, f.Y, { optimizer: f.optimizer } as never),
      TypeError,
      'fit: expected options.loss to be a Loss, got undefined',
    ],
    [
      'evaluate without a loss',
      (f) => evaluate(f.model, f.X, f.Y, {} as never),
      TypeError,
      'evaluate: expected options.loss to be a Loss, got undefined',
    ],
    [
      'an optimizer over other parameters',
      (f) =>
        fit(f.model, f.X, f.Y, { loss: f.loss, optimizer: new SGD(new Dense(2, 2).parameters(), { learningRate: 1 }) }),
      RangeError,
      'fit: expected an optimizer over model.parameters(), got one over other parameters',
    ],
    [
      'an unknown metric name',
      (f) => fit(f.model, f.X, f.Y, { ...o(f), metrics: ['Acc' as never] }),
      TypeError,
      'fit: expected metric names among accuracy, precision, recall, f1, meanSquaredError, meanAbsoluteError, ' +
        'r2 (or an alias: acc, mse, mae, mean_squared_error, mean_absolute_error, f1_score, r2_score), got "Acc"',
    ],
    [
      'shuffle not a boolean',
      (f) => fit(f.model, f.X, f.Y, { ...o(f), shuffle: 'yes' as never }),
      TypeError,
      'fit: expected shuffle to be a boolean, got "yes"',
    ],
    [
      'seed not a number',
      (f) => fit(f.model, f.X, f.Y, { ...o(f), seed: 'a' as never }),
      TypeError,
      'fit: expected seed to be a number or a Random, got "a"',
    ],
    [
      'onEpochEnd not a function',
      (f) => fit(f.model, f.X, f.Y, { ...o(f), onEpochEnd: 3 as never }),
      TypeError,
      'fit: expected onEpochEnd to be a function, got 3',
    ],
    [
      'earlyStopping monitor unknown',
      (f) => fit(f.model, f.X, f.Y, { ...o(f), earlyStopping: { monitor: 'valLoss' } }),
      RangeError,
      'fit: expected earlyStopping.monitor among loss (or a metric\'s alias), got "valLoss"',
    ],
    [
      'earlyStopping patience',
      (f) => fit(f.model, f.X, f.Y, { ...o(f), earlyStopping: { patience: -1 } }),
      RangeError,
      'fit: expected earlyStopping.patience to be a non-negative integer, got -1',
    ],
    [
      'earlyStopping minDelta',
      (f) => fit(f.model, f.X, f.Y, { ...o(f), earlyStopping: { minDelta: -1 } }),
      RangeError,
      'fit: expected earlyStopping.minDelta >= 0, got -1',
    ],
    [
      'earlyStopping mode',
      (f) => fit(f.model, f.X, f.Y, { ...o(f), earlyStopping: { mode: 'up' as never } }),
      RangeError,
      "fit: expected earlyStopping.mode 'min' or 'max', got \"up\"",
    ],
    [
      'earlyStopping restoreBestWeights',
      (f) => fit(f.model, f.X, f.Y, { ...o(f), earlyStopping: { restoreBestWeights: 'yes' as never } }),
      TypeError,
      'fit: expected earlyStopping.restoreBestWeights to be a boolean, got "yes"',
    ],
  ]);
});

describe('validation options', () => {
  const bad: [string, unknown][] = [
    ['0', 0],
    ['1', 1],
    ['-0.1', -0.1],
    ['1.5', 1.5],
    ['NaN', NaN],
    ['null', null],
    ['"0.5"', '0.5'],
    ['0.05', 0.05],
  ];
  runCases([
    ...bad.map(
      ([text, v]): Case => [
        `validationSplit ${text}`,
        (f) => fit(f.model, f.X, f.Y, { ...o(f), validationSplit: v as never }),
        RangeError,
        `fit: expected validationSplit in (0, 1) leaving at least one example on each side of 10, got ${text}`,
      ],
    ),
    [
      'validationData and validationSplit both',
      (f) => fit(f.model, f.X, f.Y, { ...o(f), validationData: [f.X, f.Y], validationSplit: 0.2 }),
      TypeError,
      'fit: expected validationData or validationSplit, got both',
    ],
    [
      'validationData not a pair',
      (f) => fit(f.model, f.X, f.Y, { ...o(f), validationData: [f.X] as never }),
      TypeError,
      'fit: expected validationData to be [X, Y] or [X, Y, sampleWeight], got an array',
    ],
    [
      'validationData not matrices',
      (f) => fit(f.model, f.X, f.Y, { ...o(f), validationData: [f.X, [[1]]] as never }),
      TypeError,
      'fit: expected validationData Y to be a Matrix, got an array' +
        ': use Matrix.fromSamples(examples) for one array per example, or Matrix.from(rows) for rows',
    ],
  ]);
});
