/**
 * Dropout: the course's inverted dropout against masks numpy drew (`np.random.seed(1)`,
 * `np.random.rand(3, 4) < keep`, written once with python3 and pasted below), evaluation mode as
 * the identity, seeded determinism, the frozen mask, buffer reuse, gradient checks with a fixed mask,
 * saving and loading, and bad input with exact messages.
 */
import { describe, expect, it } from 'vitest';
import { Sigmoid, Tanh } from '../../src/activations/index.js';
import { loadModel } from '../../src/io/load.js';
import { Dense } from '../../src/layers/dense.js';
import { Dropout } from '../../src/layers/dropout.js';
import { BinaryCrossEntropy, MeanSquaredError } from '../../src/losses/index.js';
import { Matrix } from '../../src/matrix/matrix.js';
import { gradientCheck } from '../../src/model/gradient-check.js';
import { Sequential } from '../../src/model/sequential.js';
import { NumpyRandom } from '../../src/numpy-random.js';
import { SGD } from '../../src/optimizers/sgd.js';
import { createPredictor } from '../../src/predict.js';
import { Random } from '../../src/random.js';
import { fit } from '../../src/train/index.js';
import { bits, expectThrow } from './helpers.js';

const Z = Matrix.from([
  [0.5, -1.25, 2.0, 0.1],
  [-0.3, 1.5, -2.5, 3.0],
  [1.0, 0.25, -0.75, -0.05],
]);
const dA = Matrix.from([
  [1.0, -0.5, 0.25, 2.0],
  [0.1, 0.2, -0.3, 0.4],
  [-1.5, 0.75, 1.25, -2.0],
]);

// python3: np.random.seed(1); keep = 0.7; D = np.random.rand(3, 4) < keep; A = Z * D; A = A / keep;
// dZ = dA * D; dZ = dZ / keep; then a second D2 = np.random.rand(3, 4) < keep.
const NUMPY = {
  D: [1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
  A: [
    0.7142857142857143, -0.0, 2.857142857142857, 0.14285714285714288, -0.4285714285714286, 2.142857142857143,
    -3.5714285714285716, 4.285714285714286, 1.4285714285714286, 0.35714285714285715, -1.0714285714285714,
    -0.07142857142857144,
  ],
  dZ: [
    1.4285714285714286, -0.0, 0.35714285714285715, 2.857142857142857, 0.14285714285714288, 0.28571428571428575,
    -0.4285714285714286, 0.5714285714285715, -2.142857142857143, 1.0714285714285714, 1.7857142857142858,
    -2.857142857142857,
  ],
  D2: [1, 0, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1],
};

describe('Dropout: the course’s inverted dropout', () => {
  it('forward and backward give numpy’s bits (NumpyRandom(1), keep 0.7)', () => {
    const dropout = new Dropout(0.3, { seed: new NumpyRandom(1) });
    const A = dropout.forward(Z);
    expect(bits(A.data)).toEqual(bits(NUMPY.A));
    expect(bits(dropout.backward(dA).data)).toEqual(bits(NUMPY.dZ));
    // the mask, read back from a forward of ones: A = D / keep
    const ones = Matrix.ones(3, 4);
    const again = new Dropout(0.3, { seed: new NumpyRandom(1) });
    expect(Array.from(again.forward(ones).data, (v) => (v === 0 ? 0 : 1))).toEqual(NUMPY.D);
    // each training forward draws a new mask: numpy's second draw
    expect(Array.from(again.forward(ones).data, (v) => (v === 0 ? 0 : 1))).toEqual(NUMPY.D2);
  });

  it('keeps each unit with probability keep and scales by 1/keep (100 000 draws)', () => {
    const A = new Dropout(0.25, { seed: 7 }).forward(Matrix.ones(100, 1000));
    const kept = A.data.filter((v) => v !== 0);
    expect(kept.every((v) => v === 1 / 0.75)).toBe(true);
    // 75 000 expected, standard deviation √(100 000·0.75·0.25) ≈ 137: within 4σ
    expect(Math.abs(kept.length - 75_000)).toBeLessThan(548);
  });

  it('rate 0 keeps every unit unchanged', () => {
    expect(bits(new Dropout(0).forward(Z).data)).toEqual(bits(Z.data));
  });

  it('is the identity in evaluation mode: its input and its gradient, the same objects', () => {
    const dropout = new Dropout(0.5, { seed: 1 });
    expect(dropout.training).toBe(true);
    expect(dropout.train(false)).toBe(dropout);
    expect(dropout.training).toBe(false);
    expect(dropout.forward(Z)).toBe(Z);
    expect(dropout.backward(dA)).toBe(dA);
    expect(dropout.train().training).toBe(true);
  });

  it('is deterministic: the same seed, as a number or a Random, gives the same masks', () => {
    const a = new Dropout(0.5, { seed: 42 }),
      b = new Dropout(0.5, { seed: new Random(42) }),
      c = new Dropout(0.5, { seed: 43 });
    const X = Matrix.ones(4, 25);
    const ma = bits(a.forward(X).data);
    expect(bits(b.forward(X).data)).toEqual(ma);
    expect(bits(c.forward(X).data)).not.toEqual(ma);
    expect(a.seed).toBe(42);
    expect(b.seed).toBeUndefined();
    // unseeded layers draw their seed from the shared generator: each has its own stream
    const d = new Dropout(0.5),
      e = new Dropout(0.5);
    expect(d.seed).not.toBe(e.seed);
    expect(bits(d.forward(X).data)).not.toEqual(bits(e.forward(X).data));
  });

  it('frozen: reuses the last mask of the same shape, and draws one for a new shape', () => {
    const dropout = new Dropout(0.5, { seed: 3 });
    const X = Matrix.ones(3, 8);
    const first = bits(dropout.forward(X).data);
    dropout.frozen = true;
    expect(bits(dropout.forward(X).data)).toEqual(first);
    expect(bits(dropout.forward(X).data)).toEqual(first);
    const other = dropout.forward(Matrix.ones(3, 5));
    expect(other.shape).toEqual([3, 5]);
    dropout.frozen = false;
    expect(bits(dropout.forward(X).data)).not.toEqual(first);
  });

  it('reuses its buffers: the same output and gradient objects at every step of one batch size', () => {
    const dropout = new Dropout(0.5, { seed: 5 });
    const X = Matrix.ones(3, 6),
      G = Matrix.ones(3, 6);
    const A = dropout.forward(X),
      dZ = dropout.backward(G);
    for (let step = 0; step < 3; step++) {
      expect(dropout.forward(X)).toBe(A);
      expect(dropout.backward(G)).toBe(dZ);
    }
  });
});

describe('Dropout in a model', () => {
  const build = () =>
    new Sequential([
      new Dense(3, 5, { seed: 1 }),
      new Tanh(),
      new Dropout(0.4, { seed: 9 }),
      new Dense(5, 1, { seed: 2 }),
      new Sigmoid(),
    ]);
  const X = Matrix.randn(3, 6, { random: 4 });
  const Y = Matrix.from([[1, 0, 0, 1, 1, 0]]);

  it('gradientCheck freezes the mask in training mode (and unfreezes it afterwards)', () => {
    const model = build();
    const dropout = model.layers[2] as Dropout;
    const result = gradientCheck(model, new BinaryCrossEntropy(), X, Y, { input: true });
    expect(result.difference).toBeLessThan(1e-7);
    expect(result.worst.difference).toBeLessThan(1e-6);
    expect(dropout.frozen).toBe(false);
    // the check did use a mask that drops units: training differs from evaluation
    expect(model.forward(X).clone().equals(model.predict(X))).toBe(false);
  });

  it('predict is the model without dropout, and fit is bit-identical on reruns', () => {
    const model = build();
    const plain = new Sequential([
      new Dense(3, 5, { seed: 1 }),
      new Tanh(),
      new Dense(5, 1, { seed: 2 }),
      new Sigmoid(),
    ]);
    expect(bits(model.predict(X).data)).toEqual(bits(plain.predict(X).data));
    const train = (m: Sequential) =>
      fit(m, X, Y, {
        loss: new BinaryCrossEntropy(),
        optimizer: new SGD(m.parameters(), { learningRate: 0.5 }),
        epochs: 20,
      }).loss;
    const a = build(),
      b = build();
    const la = train(a);
    expect(bits(train(b))).toEqual(bits(la));
    expect(la[19]).toBeLessThan(la[0]);
    expect(a.parameters().every((p, i) => p.value.equals(b.parameters()[i].value))).toBe(true);
  });

  it('gradientCheck of a model of Dropout alone against its closed form: dX = D/keep', () => {
    const model = new Sequential([new Dropout(0.5, { seed: 11 })]);
    const check = gradientCheck(model, new MeanSquaredError(), X, Matrix.zeros(3, 6), { input: true });
    expect(check.difference).toBeLessThan(1e-7);
  });

  it('saves rate and seed; a loaded layer starts a fresh mask stream from the seed', () => {
    const model = build();
    model.forward(X); // advance the stream: the saved model does not record its position
    const json = JSON.parse(JSON.stringify(model));
    expect(json.layers[2]).toEqual({ type: 'Dropout', config: { rate: 0.4, seed: 9 } });
    const copy = loadModel(json);
    const fresh = new Dropout(0.4, { seed: 9 });
    const ones = Matrix.ones(5, 6);
    expect(bits((copy.layers[2] as Dropout).forward(ones).data)).toEqual(bits(fresh.forward(ones).data));
    expect(JSON.stringify(copy)).toBe(JSON.stringify(json));
    expect(bits(copy.predict(X).data)).toEqual(bits(model.predict(X).data));
    // a generator is not saved: only the rate
    expect(new Dropout(0.1, { seed: new Random(1) }).toJSON()).toEqual({ type: 'Dropout', config: { rate: 0.1 } });
    expect(new Dropout(0.1, { seed: new Random(1) }).toString()).toBe('Dropout(rate=0.1)');
  });

  it('bottomup/predict treats it as the identity, with the bits of loadModel(json).predict', () => {
    const json = JSON.parse(JSON.stringify(build()));
    const got = createPredictor(json).predict(X);
    expect(bits(got.data)).toEqual(bits(loadModel(json).predict(X).data));
    const only = createPredictor({ format: 'bottomup.sequential', version: 1, layers: [json.layers[2]] });
    expect(only.inputSize).toBeUndefined();
    expect(bits(only.predict(Z).data)).toEqual(bits(Z.data));
  });
});

describe('Dropout: bad input, with exact messages', () => {
  it('refuses a rate outside [0, 1), a rate that is not a number, unknown options and bad seeds', () => {
    expectThrow(() => new Dropout(1), RangeError, 'Dropout: expected rate in [0, 1), got 1');
    expectThrow(() => new Dropout(-0.1), RangeError, 'Dropout: expected rate in [0, 1), got -0.1');
    expectThrow(() => new Dropout(Number.NaN), RangeError, 'Dropout: expected rate in [0, 1), got NaN');
    expectThrow(
      () => new Dropout('0.5' as unknown as number),
      TypeError,
      'Dropout: expected rate to be a number, got "0.5"',
    );
    expectThrow(
      () => new Dropout(0.5, { keep: 0.5 } as never),
      TypeError,
      'Dropout: expected options among seed, got unknown option "keep"',
    );
    expectThrow(
      () => new Dropout(0.5, { seed: 1.5 }),
      RangeError,
      'Dropout: expected seed to be an integer in [0, 2^32 − 1], got 1.5',
    );
    expectThrow(
      () => new Dropout(0.5, { seed: '1' as unknown as number }),
      TypeError,
      'Dropout: expected seed to be a number or a Random, got "1"',
    );
  });

  it('refuses backward before forward, a gradient of the wrong shape and a mode that is not a boolean', () => {
    const dropout = new Dropout(0.5, { seed: 1 });
    expectThrow(() => dropout.backward(dA), Error, 'Dropout.backward: expected a forward() first, got none');
    const A = dropout.forward(Z).clone();
    expectThrow(
      () => dropout.backward(Matrix.ones(4, 3)),
      RangeError,
      'Dropout.backward: expected dA (3, 4), got dA (4, 3)',
    );
    expectThrow(
      () => dropout.forward([[1]] as never),
      TypeError,
      'Dropout.forward: expected Z to be a Matrix, got an array: use Matrix.fromSamples(examples) for one array per ' +
        'example, or Matrix.from(rows) for rows',
    );
    expectThrow(() => dropout.train(1 as never), TypeError, 'Dropout.train: expected mode to be a boolean, got 1');
    expect(dropout.training).toBe(true);
    // the failed calls changed nothing: the next backward uses the last mask
    expect(bits(dropout.backward(Matrix.ones(3, 4)).data)).toEqual(bits(A.data.map((v) => (v === 0 ? 0 : 2))));
  });

  it('loadModel and createPredictor refuse a bad saved rate, seed or key with the same message', () => {
    const model = (config: unknown) => ({
      format: 'bottomup.sequential',
      version: 1,
      layers: [{ type: 'Dropout', config }],
    });
    const cases: [unknown, string][] = [
      [{ rate: 1 }, 'expected layers[0].config.rate to be a number in [0, 1), got 1'],
      [{ rate: '0.5' }, 'expected layers[0].config.rate to be a number in [0, 1), got "0.5"'],
      [{}, 'expected layers[0].config.rate to be a number in [0, 1), got undefined'],
      [{ rate: 0.5, seed: -1 }, 'expected layers[0].config.seed to be an integer in [0, 2^32 − 1], got -1'],
      [
        { rate: 0.5, seed: 2 ** 32 },
        'expected layers[0].config.seed to be an integer in [0, 2^32 − 1], got 4294967296',
      ],
      [{ rate: 0.5, keep: 0.5 }, 'expected layers[0].config keys among rate, seed, got unknown key "keep"'],
      [undefined, 'expected layers[0].config to be an object, got undefined'],
    ];
    for (const [config, message] of cases) {
      expectThrow(() => loadModel(model(config) as never), TypeError, `loadModel: ${message}`);
      expectThrow(() => createPredictor(model(config) as never), TypeError, `createPredictor: ${message}`);
    }
  });
});
