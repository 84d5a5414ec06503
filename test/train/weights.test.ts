/**
 * `fit(model, X, Y, { sampleWeight, classWeight })` against independent oracles: the explicit
 * mini-batch loop with the weights gathered by hand, weights all 1 (the unweighted bits), repeated
 * examples (an integer weight k is the example k times), Keras's validation rules, and exact
 * messages for bad weights that leave the model and the optimizer as they were.
 */
import { describe, expect, it } from 'vitest';
import {
  Adam,
  BinaryCrossEntropy,
  CategoricalCrossEntropy,
  Dense,
  Matrix,
  Random,
  ReLU,
  SGD,
  Sequential,
  ShapeError,
  Sigmoid,
  Softmax,
  Tanh,
  accuracy,
  blobs,
  evaluate,
  fit,
  gatherColumnsInto,
  moons,
  oneHot,
} from '../../src/index.js';
import { expectSameWeights, firstDifference, weightsOf } from './bits.js';

const binaryNet = () =>
  new Sequential([
    new Dense(2, 5, { init: 'he', seed: 11 }),
    new Tanh(),
    new Dense(5, 1, { init: 'xavier', seed: 13 }),
    new Sigmoid(),
  ]);
const softmaxNet = () =>
  new Sequential([new Dense(2, 6, { init: 'he', seed: 21 }), new ReLU(), new Dense(6, 3, { seed: 22 }), new Softmax()]);

const moon = moons({ m: 90, noise: 0.2, seed: 5 });
const blob = (() => {
  const { X, Y } = blobs({ m: 60, centers: 3, seed: 4 });
  return { X, Y: oneHot(Y, 3), labels: [...Y.data] };
})();
/** A weight per example in [0, 2), seeded. */
function weightsFor(m: number, seed: number): Float64Array {
  const r = new Random(seed);
  return Float64Array.from({ length: m }, () => 2 * r.uniform());
}

describe('fit with sampleWeight', () => {
  it('equals the explicit mini-batch loop with the weights gathered with the examples (bit for bit)', () => {
    const { X, Y } = moon;
    const w = weightsFor(X.cols, 3);
    const model = binaryNet();
    const history = fit(model, X, Y, {
      loss: new BinaryCrossEntropy(),
      optimizer: new Adam(model.parameters(), { learningRate: 0.01 }),
      epochs: 3,
      batchSize: 16,
      seed: 7,
      sampleWeight: Matrix.fromSamples([...w]),
    });
    // the oracle: shuffle an order with the seeded generator, gather columns and weights, forward with them
    const ref = binaryNet();
    const loss = new BinaryCrossEntropy();
    const optimizer = new Adam(ref.parameters(), { learningRate: 0.01 });
    const random = new Random(7);
    const order = Int32Array.from({ length: X.cols }, (_, j) => j);
    const losses: number[] = [];
    for (let epoch = 0; epoch < 3; epoch++) {
      random.shuffle(order);
      let sum = 0;
      for (let start = 0; start < X.cols; start += 16) {
        const size = Math.min(16, X.cols - start);
        const Xb = gatherColumnsInto(new Matrix(2, size), X, order, start);
        const Yb = gatherColumnsInto(new Matrix(1, size), Y, order, start);
        const wb = Float64Array.from({ length: size }, (_, k) => w[order[start + k]]);
        const J = loss.forward(ref.forward(Xb), Yb, { sampleWeight: wb });
        optimizer.zeroGrad();
        ref.backward(loss.backward());
        optimizer.step();
        sum += J * size;
      }
      losses.push(sum / X.cols);
    }
    expect(firstDifference(history.loss, losses)).toBe(-1);
    expectSameWeights(weightsOf(model), weightsOf(ref));
  });

  it('weights all 1 give the bits of an unweighted run (mini-batches, shuffling, validation)', () => {
    const { X, Y } = moon;
    const run = (sampleWeight?: Float64Array) => {
      const model = binaryNet();
      const history = fit(model, X, Y, {
        loss: new BinaryCrossEntropy(),
        optimizer: new SGD(model.parameters(), { learningRate: 0.3, momentum: 0.9 }),
        epochs: 4,
        batchSize: 20,
        validationSplit: 0.2,
        metrics: ['accuracy'],
        ...(sampleWeight === undefined ? {} : { sampleWeight }),
      });
      return { history, weights: weightsOf(model) };
    };
    const plain = run();
    const ones = run(new Float64Array(X.cols).fill(1));
    expectSameWeights(ones.weights, plain.weights);
    for (const key of Object.keys(plain.history.history)) {
      expect(firstDifference(ones.history.history[key], plain.history.history[key]), key).toBe(-1);
    }
  });

  it(
    'an integer weight k is the example k times: full batch, SGD with learning rate α·m/m′ on the repeated ' +
      'set gives the same weights (to 1e-12)',
    () => {
      // J_w = (1/m) Σ w_i L_i = (m′/m)·J′ with J′ the mean over the m′ = Σ w_i repeated examples: a step
      // of α on J_w is a step of α·m/m′… on J′ scaled by m′/m, i.e. α·(m′/m)·∇J′ — the same update.
      const X = moon.X,
        Y = moon.Y,
        m = X.cols;
      const k = Array.from({ length: m }, (_, j) => j % 4); // 0, 1, 2, 3, …
      const copies = k.flatMap((c, j) => Array.from({ length: c }, () => j));
      const X2 = gatherColumnsInto(new Matrix(2, copies.length), X, copies),
        Y2 = gatherColumnsInto(new Matrix(1, copies.length), Y, copies);
      const weighted = binaryNet();
      fit(weighted, X, Y, {
        loss: new BinaryCrossEntropy(),
        optimizer: new SGD(weighted.parameters(), { learningRate: 0.5 }),
        epochs: 20,
        sampleWeight: Float64Array.from(k),
      });
      const repeated = binaryNet();
      fit(repeated, X2, Y2, {
        loss: new BinaryCrossEntropy(),
        optimizer: new SGD(repeated.parameters(), { learningRate: (0.5 * copies.length) / m }),
        epochs: 20,
      });
      const a = weightsOf(weighted),
        b = weightsOf(repeated);
      a.forEach((w, i) => w.forEach((v, j) => expect(v).toBeCloseTo(b[i][j], 12)));
    },
  );

  it('the epoch loss is the weighted cost; metrics are not weighted (as Keras’s metrics)', () => {
    const { X, Y } = moon;
    const w = weightsFor(X.cols, 9);
    const model = binaryNet();
    const seen: { loss: number; accuracy: number }[] = [];
    let before: Matrix | null = null;
    fit(model, X, Y, {
      loss: new BinaryCrossEntropy(),
      optimizer: new SGD(model.parameters(), { learningRate: 0.1 }),
      epochs: 1,
      metrics: ['accuracy'],
      sampleWeight: w,
      onBatchEnd: () => void 0,
      onEpochEnd: (logs) => void seen.push({ loss: logs.loss, accuracy: logs.accuracy }),
    });
    // full batch: the epoch's figures are those of the one forward, before the step
    const fresh = binaryNet();
    before = fresh.forward(X);
    expect(seen[0].loss).toBe(new BinaryCrossEntropy().forward(before, Y, { sampleWeight: w }));
    expect(seen[0].accuracy).toBe(accuracy(before, Y));
  });

  it('validationSplit: the held-out examples’ weights weight val_loss (Keras splits sample_weight too)', () => {
    const { X, Y } = moon;
    const w = weightsFor(X.cols, 5);
    const model = binaryNet();
    const byHand: number[] = [];
    const Xv = gatherColumnsInto(
      new Matrix(2, 18),
      X,
      Array.from({ length: 18 }, (_, j) => 72 + j),
    );
    const Yv = gatherColumnsInto(
      new Matrix(1, 18),
      Y,
      Array.from({ length: 18 }, (_, j) => 72 + j),
    );
    const history = fit(model, X, Y, {
      loss: new BinaryCrossEntropy(),
      optimizer: new SGD(model.parameters(), { learningRate: 0.3 }),
      epochs: 3,
      batchSize: 24,
      validationSplit: 0.2,
      sampleWeight: w,
      onEpochEnd: () =>
        void byHand.push(new BinaryCrossEntropy().forward(model.predict(Xv), Yv, { sampleWeight: w.slice(72) })),
    });
    expect(firstDifference(history.history.val_loss, byHand)).toBe(-1);
  });

  it('validationData [X, Y, sampleWeight] weights val_loss; [X, Y] does not', () => {
    const { X, Y } = moon;
    const val = moons({ m: 30, noise: 0.2, seed: 6 });
    const wv = weightsFor(30, 8);
    const run = (validationData: readonly [Matrix, Matrix] | readonly [Matrix, Matrix, Float64Array]) => {
      const model = binaryNet();
      const byHand: [number, number][] = [];
      const history = fit(model, X, Y, {
        loss: new BinaryCrossEntropy(),
        optimizer: new SGD(model.parameters(), { learningRate: 0.3 }),
        epochs: 2,
        validationData,
        onEpochEnd: () => {
          const P = model.predict(val.X);
          byHand.push([
            new BinaryCrossEntropy().forward(P, val.Y),
            new BinaryCrossEntropy().forward(P, val.Y, { sampleWeight: wv }),
          ]);
        },
      });
      return { history, byHand };
    };
    const weighted = run([val.X, val.Y, wv]);
    expect(
      firstDifference(
        weighted.history.history.val_loss,
        weighted.byHand.map((h) => h[1]),
      ),
    ).toBe(-1);
    const plain = run([val.X, val.Y]);
    expect(
      firstDifference(
        plain.history.history.val_loss,
        plain.byHand.map((h) => h[0]),
      ),
    ).toBe(-1);
    expect(weighted.history.history.val_loss[0]).not.toBe(plain.history.history.val_loss[0]);
  });
});

describe('fit with classWeight', () => {
  it('binary 0/1 labels: the same bits as sampleWeight set to each label’s class weight', () => {
    const { X, Y } = moon;
    const run = (o: { classWeight?: Record<number, number>; sampleWeight?: Float64Array }) => {
      const model = binaryNet();
      const history = fit(model, X, Y, {
        loss: new BinaryCrossEntropy(),
        optimizer: new Adam(model.parameters(), { learningRate: 0.01 }),
        epochs: 3,
        batchSize: 32,
        ...o,
      });
      return { loss: history.loss, weights: weightsOf(model) };
    };
    const byClass = run({ classWeight: { 0: 0.5, 1: 3 } });
    const bySample = run({ sampleWeight: Float64Array.from(Y.data, (y) => (y === 1 ? 3 : 0.5)) });
    expect(firstDifference(byClass.loss, bySample.loss)).toBe(-1);
    expectSameWeights(byClass.weights, bySample.weights);
  });

  it('one-hot labels, an array of weights, a class left out weighs 1; with sampleWeight both multiply', () => {
    const { X, Y, labels } = blob;
    const sw = weightsFor(X.cols, 2);
    const run = (o: { classWeight?: readonly number[] | Record<number, number>; sampleWeight?: Float64Array }) => {
      const model = softmaxNet();
      const history = fit(model, X, Y, {
        loss: new CategoricalCrossEntropy(),
        optimizer: new SGD(model.parameters(), { learningRate: 0.2 }),
        epochs: 3,
        batchSize: 16,
        ...o,
      });
      return { loss: history.loss, weights: weightsOf(model) };
    };
    const table = [2, 1, 0.25];
    const expected = run({ sampleWeight: Float64Array.from(labels, (c, j) => sw[j] * table[c]) });
    const both = run({ classWeight: { 0: 2, 2: 0.25 }, sampleWeight: sw });
    expect(firstDifference(both.loss, expected.loss)).toBe(-1);
    expectSameWeights(both.weights, expected.weights);
    const byArray = run({ classWeight: [2, 1, 0.25] });
    const bySample = run({ sampleWeight: Float64Array.from(labels, (c) => table[c]) });
    expect(firstDifference(byArray.loss, bySample.loss)).toBe(-1);
  });

  it('is not applied to val_loss (Keras weights validation only by its sample weights)', () => {
    const { X, Y } = moon;
    const model = binaryNet();
    const Xv = gatherColumnsInto(
      new Matrix(2, 18),
      X,
      Array.from({ length: 18 }, (_, j) => 72 + j),
    );
    const Yv = gatherColumnsInto(
      new Matrix(1, 18),
      Y,
      Array.from({ length: 18 }, (_, j) => 72 + j),
    );
    const byHand: number[] = [];
    const history = fit(model, X, Y, {
      loss: new BinaryCrossEntropy(),
      optimizer: new SGD(model.parameters(), { learningRate: 0.3 }),
      epochs: 2,
      validationSplit: 0.2,
      classWeight: [1, 5],
      onEpochEnd: () => void byHand.push(new BinaryCrossEntropy().forward(model.predict(Xv), Yv)),
    });
    expect(firstDifference(history.history.val_loss, byHand)).toBe(-1);
  });
});

describe('evaluate with sampleWeight', () => {
  it('weights the loss as loss.forward does; metrics stay unweighted', () => {
    const { X, Y } = moon;
    const w = weightsFor(X.cols, 4);
    const model = binaryNet();
    const P = model.predict(X);
    const result = evaluate(model, X, Y, { loss: new BinaryCrossEntropy(), metrics: ['acc'], sampleWeight: w });
    expect(result).toEqual({
      loss: new BinaryCrossEntropy().forward(P, Y, { sampleWeight: w }),
      metrics: { accuracy: accuracy(P, Y) },
    });
  });
});

describe('bad weights: a clear error, and the model and the optimizer unchanged', () => {
  const { X, Y } = moon;
  const cases: [string, Record<string, unknown>, ErrorConstructor, string, Matrix?][] = [
    [
      'sampleWeight of the wrong length',
      { sampleWeight: new Float64Array(89) },
      ShapeError as unknown as ErrorConstructor,
      'fit: expected sampleWeight (1, 90) or a Float64Array of 90, one weight per example, got a Float64Array of 89',
    ],
    [
      'a negative sample weight',
      { sampleWeight: Float64Array.from({ length: 90 }, (_, j) => (j === 7 ? -0.5 : 1)) },
      RangeError,
      'fit: expected sampleWeight values finite and >= 0, got -0.5 at example 7',
    ],
    [
      'a NaN sample weight',
      { sampleWeight: Float64Array.from({ length: 90 }, (_, j) => (j === 3 ? Number.NaN : 1)) },
      RangeError,
      'fit: expected sampleWeight values finite and >= 0, got NaN at example 3',
    ],
    [
      'sampleWeight as a plain array',
      { sampleWeight: [1, 2] },
      TypeError,
      'fit: expected sampleWeight to be a (1, 90) Matrix or a Float64Array of 90, got an array',
    ],
    [
      'validationData sampleWeight of the wrong length',
      { validationData: [X, Y, new Float64Array(3)] },
      ShapeError as unknown as ErrorConstructor,
      'fit: expected validationData sampleWeight (1, 90) or a Float64Array of 90, one weight per example, got a ' +
        'Float64Array of 3',
    ],
    [
      'classWeight for an unknown class',
      { classWeight: { 0: 1, 2: 3 } },
      RangeError,
      'fit: expected classWeight keys among the classes 0 to 1 of Y (1, 90), got "2"',
    ],
    [
      'classWeight with a key that is not a class index',
      { classWeight: { one: 1 } },
      RangeError,
      'fit: expected classWeight keys among the classes 0 to 1 of Y (1, 90), got "one"',
    ],
    ['a negative class weight', { classWeight: [1, -2] }, RangeError, 'fit: expected classWeight[1] >= 0, got -2'],
    [
      'classWeight that is not an object',
      { classWeight: 3 },
      TypeError,
      'fit: expected classWeight to be an array or a record of weights by class, got 3',
    ],
    [
      'classWeight with soft labels',
      { classWeight: [1, 2] },
      RangeError,
      'fit: expected Y values 0 or 1 with classWeight, got 0.5 at (0, 4)',
      Matrix.from([Array.from({ length: 90 }, (_, j) => (j === 4 ? 0.5 : j % 2))]),
    ],
  ];
  for (const [what, options, type, message, labels] of cases) {
    it(what, () => {
      const model = binaryNet();
      const before = weightsOf(model);
      const optimizer = new Adam(model.parameters(), { learningRate: 0.01 });
      const state = JSON.stringify(optimizer.toJSON());
      const call = () =>
        fit(model, X, labels ?? Y, { loss: new BinaryCrossEntropy(), optimizer, epochs: 2, ...options } as never);
      expect(call).toThrowError(new type(message));
      expect(call).toThrow(type);
      expectSameWeights(weightsOf(model), before);
      expect(JSON.stringify(optimizer.toJSON())).toBe(state);
    });
  }

  it('classWeight with a one-hot column that is not one-hot', () => {
    const { X, Y } = blob;
    const T = Y.clone();
    T.set(1, 5, T.get(1, 5) === 1 ? 0 : 1); // column 5 now has two 1s or none
    const ones = T.get(0, 5) + T.get(1, 5) + T.get(2, 5);
    const model = softmaxNet();
    const before = weightsOf(model);
    expect(() =>
      fit(model, X, T, {
        loss: new CategoricalCrossEntropy(),
        optimizer: new SGD(model.parameters(), { learningRate: 0.1 }),
        classWeight: [1, 1, 1],
      }),
    ).toThrowError(
      new RangeError(`fit: expected one-hot columns of Y with classWeight (a single 1), got ${ones} in column 5`),
    );
    expectSameWeights(weightsOf(model), before);
  });
});
