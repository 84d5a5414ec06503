/**
 * BatchNorm: forward, running statistics, backward and the evaluation form against numpy on a tiny
 * batch (test/fixtures/numpy/batch-norm.py, run once with python3 and pasted below), exact gradients
 * against central finite differences (property, fixed seeds), frozen statistics, buffer reuse,
 * saving and loading bit for bit, bottomup/predict's evaluation form, and bad input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReLU, Sigmoid, Tanh } from '../../src/activations/index.js';
import { loadModel } from '../../src/io/load.js';
import { BatchNorm } from '../../src/layers/batch-norm.js';
import { Dense } from '../../src/layers/dense.js';
import { BinaryCrossEntropy, MeanSquaredError } from '../../src/losses/index.js';
import { Matrix } from '../../src/matrix/matrix.js';
import { gradientCheck } from '../../src/model/gradient-check.js';
import { Sequential } from '../../src/model/sequential.js';
import { Adam } from '../../src/optimizers/adam.js';
import { createPredictor } from '../../src/predict.js';
import { evaluate, fit } from '../../src/train/index.js';
import { bits, expectThrow } from './helpers.js';

// python3 test/fixtures/numpy/batch-norm.py (eps 1e-5, momentum 0.1, one training step from the start)
const NUMPY = {
  Y: [
    0.18793117048865046, -1.9224169212389604, 2.298279262216261, -0.16379351146595136, -0.4667682349640175,
    0.09472080500568146, 0.9369543649602299, 0.2350930649981062,
  ],
  runningMean: [0.043750000000000004, 0.0625],
  runningVar: [1.0515625, 1.3229166666666667],
  dZ: [
    0.42424537050480754, -1.3162511547001303, -1.000780241881671, 1.8927860260769938, -0.09584035611813944,
    0.18877648986507917, -0.05808508912373161, -0.03485104462320811,
  ],
  dGamma: [0.7474149491535289, -0.049130290997348655],
  dBeta: [2.75, -0.09999999999999995],
  Yeval: [
    0.7673820573494136, -1.4267507339363297, 2.961514848635157, 0.40169325880178974, -1.076967941127505,
    -0.2075429599343101, 1.0965945118554823, 0.009813285363988622,
  ],
};
const Z = Matrix.from([
  [0.5, -1.0, 2.0, 0.25],
  [3.0, 1.0, -2.0, 0.5],
]);
const dY = Matrix.from([
  [1.0, -0.5, 0.25, 2.0],
  [0.3, -0.7, 0.2, 0.1],
]);

function expectClose(actual: ArrayLike<number>, expected: readonly number[], digits = 14): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((v, i) => expect(actual[i], `element ${i}`).toBeCloseTo(v, digits));
}

function tinyLayer(): BatchNorm {
  const bn = new BatchNorm(2);
  bn.gamma.value.data.set([1.5, -0.5]);
  bn.beta.value.data.set([0.1, 0.2]);
  return bn;
}

describe('BatchNorm against numpy on a tiny batch', () => {
  it('training forward, running statistics and backward', () => {
    const bn = tinyLayer();
    expectClose(bn.forward(Z).data, NUMPY.Y, 15);
    expectClose(bn.runningMean.data, NUMPY.runningMean, 16);
    expectClose(bn.runningVar.data, NUMPY.runningVar, 15);
    expectClose(bn.backward(dY).data, NUMPY.dZ, 15);
    expectClose(bn.gamma.grad.data, NUMPY.dGamma, 15);
    expectClose(bn.beta.grad.data, NUMPY.dBeta, 15);
  });

  it('evaluation forward uses the running statistics, changes no state; backward is γ·s·dY', () => {
    const bn = tinyLayer();
    bn.forward(Z);
    const rm = bn.runningMean.data.slice(),
      rv = bn.runningVar.data.slice();
    expect(bn.train(false)).toBe(bn);
    expect(bn.training).toBe(false);
    expectClose(bn.forward(Z).data, NUMPY.Yeval, 15);
    expect(bits(bn.runningMean.data)).toEqual(bits(rm));
    expect(bits(bn.runningVar.data)).toEqual(bits(rv));
    const dZ = bn.backward(dY).data;
    for (let i = 0; i < 2; i++) {
      const s = 1 / Math.sqrt(rv[i] + 1e-5);
      for (let j = 0; j < 4; j++) expect(dZ[i * 4 + j]).toBeCloseTo(bn.gamma.value.data[i] * s * dY.get(i, j), 15);
    }
    // a single example is fine in evaluation mode
    expect(bn.forward(Matrix.from([[1], [2]])).shape).toEqual([2, 1]);
  });

  it('normalises each feature to mean 0 and variance 1 over the batch (γ = 1, β = 0)', () => {
    const X = Matrix.randn(3, 50, { random: 4 }).map((v, i) => v * (i + 1) * 10 + 7);
    const Y = new BatchNorm(3, { epsilon: 1e-12 }).forward(X);
    for (let i = 0; i < 3; i++) {
      const row = Array.from(Y.data.subarray(i * 50, i * 50 + 50));
      const mean = row.reduce((a, b) => a + b) / 50;
      expect(mean).toBeCloseTo(0, 13);
      expect(row.reduce((a, b) => a + (b - mean) ** 2, 0) / 50).toBeCloseTo(1, 12);
    }
  });

  it('the running statistics follow (1 − momentum)·running + momentum·batch (unbiased variance)', () => {
    const bn = new BatchNorm(1, { momentum: 0.25 });
    bn.forward(Matrix.from([[1, 3]])); // mean 2, unbiased variance 2
    expect(bn.runningMean.data[0]).toBe(0.75 * 0 + 0.25 * 2);
    expect(bn.runningVar.data[0]).toBe(0.75 * 1 + 0.25 * 2);
    bn.forward(Matrix.from([[4, 8]])); // mean 6, unbiased variance 8
    expect(bn.runningMean.data[0]).toBe(0.75 * 0.5 + 0.25 * 6);
    expect(bn.runningVar.data[0]).toBe(0.75 * 1.25 + 0.25 * 8);
    const still = new BatchNorm(1, { momentum: 0 });
    still.forward(Matrix.from([[4, 8]]));
    expect([still.runningMean.data[0], still.runningVar.data[0]]).toEqual([0, 1]);
  });

  it('frozen: a training forward leaves the running statistics alone', () => {
    const bn = tinyLayer();
    bn.frozen = true;
    expectClose(bn.forward(Z).data, NUMPY.Y, 15);
    expect(Array.from(bn.runningMean.data)).toEqual([0, 0]);
    expect(Array.from(bn.runningVar.data)).toEqual([1, 1]);
  });

  it('reuses its buffers after the first step, and its parameters are named gamma[l], beta[l]', () => {
    const bn = tinyLayer();
    const Y = bn.forward(Z),
      G = bn.backward(dY);
    for (let step = 0; step < 3; step++) {
      expect(bn.forward(Z)).toBe(Y);
      expect(bn.backward(dY)).toBe(G);
    }
    const model = new Sequential([new Dense(3, 2, { seed: 1, useBias: false }), new BatchNorm(2), new Tanh()]);
    expect(model.parameters().map((p) => p.name)).toEqual(['W[1]', 'gamma[2]', 'beta[2]']);
    expect(model.summary().split('\n')[3]).toMatch(/^1: BatchNorm\(2\) +\(2, m\) +4$/);
  });
});

describe('exact gradients (central finite differences, training mode, fixed seeds)', () => {
  it('over generated sizes, batches, γ and β, with the input gradient', () => {
    let worst = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 2, max: 7 }),
        fc.nat(1000),
        (inputs, features, m, seed) => {
          const bn = new BatchNorm(features, { momentum: 0.3 });
          const model = new Sequential([
            new Dense(inputs, features, { seed, init: 'he' }),
            bn,
            new Tanh(),
            new Dense(features, 1, { seed: seed + 1 }),
          ]);
          bn.gamma.value.data.set(Matrix.randn(features, 1, { random: seed + 2 }).data.map((v) => v + 1));
          bn.beta.value.data.set(Matrix.randn(features, 1, { random: seed + 3 }).data);
          const X = Matrix.randn(inputs, m, { random: seed + 4 }).map((v, i) => v * 2 + (i % 3));
          const Y = Matrix.randn(1, m, { random: seed + 5 });
          const running = [bn.runningMean.data.slice(), bn.runningVar.data.slice()];
          const check = gradientCheck(model, new MeanSquaredError(), X, Y, { input: true, epsilon: 1e-6 });
          worst = Math.max(worst, check.difference);
          expect(check.difference).toBeLessThan(1e-6);
          // the check froze the layer: its running statistics are as before
          expect(bits(bn.runningMean.data)).toEqual(bits(running[0]));
          expect(bits(bn.runningVar.data)).toEqual(bits(running[1]));
          expect(bn.frozen).toBe(false);
        },
      ),
      { seed: 20261203, numRuns: 60 },
    );
    console.log(`[gradient check] BatchNorm, 60 models: worst relative difference ${worst.toExponential(2)}`);
  });

  it('in evaluation mode too', () => {
    const bn = tinyLayer();
    bn.forward(Z);
    const model = new Sequential([bn, new Sigmoid()]).eval();
    const check = gradientCheck(
      model,
      new BinaryCrossEntropy(),
      Z,
      Matrix.from([
        [1, 0, 1, 0],
        [0, 0, 1, 1],
      ]),
      {
        input: true,
      },
    );
    expect(check.difference).toBeLessThan(1e-7);
  });
});

describe('in a model: training, saving, predicting', () => {
  const X = Matrix.randn(2, 40, { random: 9 }).map((v) => v * 5 + 3);
  const Y = new Matrix(
    1,
    40,
    X.data.subarray(0, 40).map((v, j) => (v + X.data[40 + j] > 6 ? 1 : 0)),
  );
  const build = () =>
    new Sequential([
      new Dense(2, 6, { seed: 1, useBias: false }),
      new BatchNorm(6),
      new ReLU(),
      new Dense(6, 1, { seed: 2 }),
      new Sigmoid(),
    ]);

  it('fit learns, with evaluation on the running statistics, bit-identical on reruns', () => {
    const run = () => {
      const model = build();
      const history = fit(model, X, Y, {
        loss: new BinaryCrossEntropy(),
        optimizer: new Adam(model.parameters(), { learningRate: 0.05 }),
        epochs: 30,
        batchSize: 10,
        seed: 3,
        metrics: ['accuracy'],
      });
      return { model, history };
    };
    const a = run(),
      b = run();
    expect(bits(a.history.loss)).toEqual(bits(b.history.loss));
    expect(a.history.loss[29]).toBeLessThan(a.history.loss[0]);
    expect(
      evaluate(a.model, X, Y, { loss: new BinaryCrossEntropy(), metrics: ['accuracy'] }).metrics.accuracy,
    ).toBeGreaterThan(0.9);
    const bn = a.model.layers[1] as BatchNorm;
    expect(bits(bn.runningMean.data)).toEqual(bits((b.model.layers[1] as BatchNorm).runningMean.data));
  });

  it('saves configuration, parameters and running statistics; loads and predicts the same bits', () => {
    const model = build();
    fit(model, X, Y, {
      loss: new BinaryCrossEntropy(),
      optimizer: new Adam(model.parameters(), { learningRate: 0.05 }),
      epochs: 3,
      batchSize: 20,
    });
    const bn = model.layers[1] as BatchNorm;
    const json = JSON.parse(JSON.stringify(model));
    expect(json.layers[1]).toEqual({
      type: 'BatchNorm',
      config: { size: 6, momentum: 0.1, epsilon: 1e-5 },
      weights: { gamma: Array.from(bn.gamma.value.data), beta: Array.from(bn.beta.value.data) },
      state: { runningMean: Array.from(bn.runningMean.data), runningVar: Array.from(bn.runningVar.data) },
    });
    const copy = loadModel(json);
    const copied = copy.layers[1] as BatchNorm;
    expect(bits(copied.runningVar.data)).toEqual(bits(bn.runningVar.data));
    expect(JSON.stringify(copy)).toBe(JSON.stringify(json));
    expect(bits(copy.predict(X).data)).toEqual(bits(model.predict(X).data));
    // bottomup/predict: the evaluation form, the same bits
    expect(bits(createPredictor(json).predict(X).data)).toEqual(bits(model.predict(X).data));
    // the running statistics are state: no optimizer sees them
    expect(model.parameters().some((p) => p.value === bn.runningMean || p.value === bn.runningVar)).toBe(false);
  });

  it('refuses to save non-finite statistics', () => {
    const bn = new BatchNorm(2);
    bn.runningVar.data[1] = Number.NaN;
    expectThrow(
      () => bn.toJSON(),
      RangeError,
      'BatchNorm.toJSON: expected finite values in runningVar, got NaN at (1, 0)',
    );
  });
});

describe('bad input, with exact messages', () => {
  it('refuses a bad size, momentum outside [0, 1], epsilon <= 0 and unknown options', () => {
    expectThrow(() => new BatchNorm(0), RangeError, 'BatchNorm: expected size to be a positive integer, got 0');
    expectThrow(
      () => new BatchNorm(2, { momentum: 1.5 }),
      RangeError,
      'BatchNorm: expected momentum in [0, 1], got 1.5',
    );
    expectThrow(
      () => new BatchNorm(2, { momentum: -0.1 }),
      RangeError,
      'BatchNorm: expected momentum in [0, 1], got -0.1',
    );
    expectThrow(
      () => new BatchNorm(2, { momentum: Number.NaN }),
      RangeError,
      'BatchNorm: expected momentum in [0, 1], got NaN',
    );
    expectThrow(
      () => new BatchNorm(2, { momentum: '0.1' as unknown as number }),
      TypeError,
      'BatchNorm: expected momentum to be a number, got "0.1"',
    );
    expectThrow(() => new BatchNorm(2, { epsilon: 0 }), RangeError, 'BatchNorm: expected epsilon > 0, got 0');
    expectThrow(
      () => new BatchNorm(2, { epsilon: -1e-5 }),
      RangeError,
      'BatchNorm: expected epsilon > 0, got -0.00001',
    );
    expectThrow(
      () => new BatchNorm(2, { eps: 1e-3 } as never),
      TypeError,
      'BatchNorm: expected options among momentum, epsilon, got unknown option "eps"',
    );
    expect(new BatchNorm(2, { momentum: 1 }).momentum).toBe(1);
  });

  it('refuses the wrong shapes, one example in training mode, backward before forward; changing nothing', () => {
    const bn = tinyLayer();
    expectThrow(() => bn.backward(dY), Error, 'BatchNorm.backward: expected a forward() first, got none');
    expectThrow(
      () => bn.forward(Matrix.zeros(3, 4)),
      RangeError,
      'BatchNorm.forward: expected Z (2, m) with m >= 1, got Z (3, 4)',
    );
    expectThrow(
      () => bn.forward(Matrix.zeros(4, 2)),
      RangeError,
      'BatchNorm.forward: expected Z (2, m) with m >= 1, got Z (4, 2): one column per example — did you mean ' +
        'Matrix.fromSamples(examples), or Z.transpose()?',
    );
    expectThrow(
      () => bn.forward(Matrix.from([[1], [2]])),
      RangeError,
      'BatchNorm.forward: expected a batch of m >= 2 examples in training mode (a variance over examples), got Z ' +
        '(2, 1): predict one example in eval() mode, and give fit a batchSize that leaves no batch of one',
    );
    expect(Array.from(bn.runningMean.data)).toEqual([0, 0]);
    bn.forward(Z);
    expectThrow(
      () => bn.backward(Matrix.zeros(2, 3)),
      RangeError,
      'BatchNorm.backward: expected dY (2, 4), got dY (2, 3)',
    );
    expect(Array.from(bn.gamma.grad.data)).toEqual([0, 0]);
    expectThrow(() => bn.train('yes' as never), TypeError, 'BatchNorm.train: expected mode to be a boolean, got "yes"');
    expectThrow(
      () => new Sequential([new Dense(2, 3), new BatchNorm(2)]),
      RangeError,
      'Sequential: expected BatchNorm(2) (layer 1) to take the 3 outputs of Dense(2 → 3) (layer 0), got inputSize 2',
    );
  });

  it('loadModel and createPredictor refuse a malformed saved BatchNorm with the same message', () => {
    const good = new BatchNorm(2).toJSON() as unknown as Record<string, Record<string, unknown>>;
    const model = (patch: (l: Record<string, Record<string, unknown>>) => void) => {
      const layer = JSON.parse(JSON.stringify(good));
      patch(layer);
      return { format: 'bottomup.sequential', version: 1, layers: [layer] };
    };
    const cases: [(l: Record<string, Record<string, unknown>>) => void, string][] = [
      [(l) => (l.config.momentum = 2), 'expected layers[0].config.momentum to be a number in [0, 1], got 2'],
      [(l) => (l.config.epsilon = 0), 'expected layers[0].config.epsilon to be a finite number > 0, got 0'],
      [(l) => (l.config.size = 1.5), 'expected layers[0].config.size to be a positive integer, got 1.5'],
      [
        (l) => (l.config.eps = 1),
        'expected layers[0].config keys among size, momentum, epsilon, got unknown key "eps"',
      ],
      [(l) => (l.weights.gamma = [1]), 'expected layers[0].weights.gamma to have length 2, got length 1'],
      [
        (l) => (l.state.runningVar = [1, null]),
        'expected layers[0].state.runningVar[1] to be a finite number, got null',
      ],
      [(l) => delete l.state, 'expected layers[0].state to be an object, got undefined'],
      [
        (l) => (l.state.mean = [0, 0]),
        'expected layers[0].state keys among runningMean, runningVar, got unknown key "mean"',
      ],
      [(l) => (l.extra = {}), 'expected layers[0] keys among type, config, weights, state, got unknown key "extra"'],
    ];
    for (const [patch, message] of cases) {
      expectThrow(() => loadModel(model(patch) as never), TypeError, `loadModel: ${message}`);
      expectThrow(() => createPredictor(model(patch) as never), TypeError, `createPredictor: ${message}`);
    }
    const json = { format: 'bottomup.sequential', version: 1, layers: [new Dense(2, 3).toJSON(), good] };
    expectThrow(
      () => createPredictor(json as never),
      RangeError,
      'createPredictor: expected layers[1] (BatchNorm) to take the 3 outputs of layers[0], got inputSize 2',
    );
  });
});
