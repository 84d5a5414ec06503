/**
 * fit against divergence, misbehaving metrics and callbacks, and bad sub-options (#10.4, #10.5,
 * #10.8, #10.9).
 */
import { describe, expect, it } from 'vitest';
import {
  BinaryCrossEntropy,
  Dense,
  Matrix,
  MeanSquaredError,
  SGD,
  Sequential,
  Sigmoid,
  Tanh,
  fit,
  planar,
} from '../../src/index.js';
import { expectThrowExact } from '../matrix/helpers.js';

const { X, Y } = planar({ m: 200, seed: 1 });
const network = (): Sequential =>
  new Sequential([new Dense(2, 4, { seed: 1 }), new Tanh(), new Dense(4, 1, { seed: 2 }), new Sigmoid()]);
const weights = (model: Sequential): number[][] => model.parameters().map((p) => Array.from(p.value.data));
const base = (model: Sequential, learningRate = 1.2) => ({
  loss: new BinaryCrossEntropy(),
  optimizer: new SGD(model.parameters(), { learningRate }),
});

describe('divergence stops fit (#10.5)', () => {
  it("lr 1e150 with a linear head: stops at the first non-finite loss, stopReason 'nonFinite', weights finite", () => {
    // a linear output with a huge learning rate: the weights overflow to ±Infinity within a few steps
    const model = new Sequential([new Dense(2, 4, { seed: 1 }), new Tanh(), new Dense(4, 1, { seed: 2 })]);
    const history = fit(model, X, Y, {
      loss: new MeanSquaredError(),
      optimizer: new SGD(model.parameters(), { learningRate: 1e150 }),
      epochs: 50,
    });
    expect(history.stopReason).toBe('nonFinite');
    expect(history.loss.length).toBeLessThan(50);
    const last = history.loss[history.loss.length - 1];
    expect(Number.isFinite(last)).toBe(false);
    expect(history.loss.slice(0, -1).every(Number.isFinite)).toBe(true);
    // the step that would have spread the non-finite loss into the weights was not taken
    expect(
      weights(model)
        .flat()
        .every((v) => !Number.isNaN(v)),
    ).toBe(true);
  });

  it('stopOnNonFinite: false trains on (the old behaviour), and the option is checked', () => {
    const model = new Sequential([new Dense(2, 4, { seed: 1 }), new Tanh(), new Dense(4, 1, { seed: 2 })]);
    const history = fit(model, X, Y, {
      loss: new MeanSquaredError(),
      optimizer: new SGD(model.parameters(), { learningRate: 1e150 }),
      epochs: 10,
      stopOnNonFinite: false,
    });
    expect(history.stopReason).toBe('completed');
    expect(history.loss).toHaveLength(10);
    const other = network();
    expectThrowExact(
      () => fit(other, X, Y, { ...base(other), stopOnNonFinite: 'yes' as never }),
      TypeError,
      'fit: expected stopOnNonFinite to be a boolean, got "yes"',
    );
  });

  it('restoreBestWeights restores the best finite epoch, or the start when no epoch was finite', () => {
    const model = new Sequential([new Dense(2, 4, { seed: 1 }), new Tanh(), new Dense(4, 1, { seed: 2 })]);
    const start = weights(model);
    const history = fit(model, X, Y, {
      loss: new MeanSquaredError(),
      optimizer: new SGD(model.parameters(), { learningRate: 1e150 }),
      epochs: 50,
      earlyStopping: { monitor: 'loss', patience: 100, restoreBestWeights: true },
    });
    expect(history.stopReason).toBe('nonFinite');
    expect(weights(model).flat().every(Number.isFinite)).toBe(true);
    if (history.bestEpoch === undefined) expect(weights(model)).toEqual(start);
    // NaN from the very first batch: no epoch is best, and the start is put back
    const nan = network();
    const before = weights(nan);
    nan.parameters()[0].value.data[0] = Number.NaN;
    const h = fit(nan, X, Y, { ...base(nan), epochs: 3, earlyStopping: { restoreBestWeights: true } });
    expect(h.stopReason).toBe('nonFinite');
    expect(h.bestEpoch).toBeUndefined();
    expect(h.loss).toHaveLength(1);
    expect(Number.isNaN(h.loss[0])).toBe(true);
    // the weights from before training: NaN included, as given (nothing was made worse)
    expect(weights(nan).slice(1)).toEqual(before.slice(1));
  });
});

describe("the user's metrics cannot disturb training (#10.4)", () => {
  it('a metric that writes into its arguments and predicts other data changes nothing', () => {
    const reference = network();
    const h0 = fit(reference, X, Y, { ...base(reference), epochs: 5, batchSize: 50, seed: 3 });
    const model = network();
    const other = Matrix.randn(2, 9, { random: 2 });
    const h1 = fit(model, X, Y, {
      ...base(model),
      epochs: 5,
      batchSize: 50,
      seed: 3,
      metrics: {
        vandal: (P: Matrix, T: Matrix): number => {
          P.data.fill(0.5);
          T.data.fill(1);
          model.predict(other);
          return 1;
        },
      },
    });
    expect(h1.loss).toEqual(h0.loss);
    expect(weights(model)).toEqual(weights(reference));
    expect(h1.history.vandal).toEqual([1, 1, 1, 1, 1]);
    // the user's data was not written
    expect(Y.data.every((v) => v === 0 || v === 1)).toBe(true);
  });

  it('full batch, no shuffle: the metric gets copies, not the caller Y itself', () => {
    const model = network();
    const Ycopy = Y.clone();
    let seen: Matrix | null = null;
    fit(model, X, Y, {
      ...base(model),
      epochs: 1,
      metrics: {
        spy: (_P: Matrix, T: Matrix): number => {
          seen = T;
          T.data.fill(7);
          return 0;
        },
      },
    });
    expect(seen).not.toBe(Y);
    expect(Y.data).toEqual(Ycopy.data);
  });
});

describe('a throwing callback or metric (#10.8): the error goes on, best weights restored when asked', () => {
  it('onEpochEnd throwing at epoch 3 with restoreBestWeights puts the best epoch back', () => {
    const model = network();
    const seen: number[][][] = [];
    let losses: number[] = [];
    expect(() =>
      fit(model, X, Y, {
        ...base(model),
        epochs: 10,
        earlyStopping: { monitor: 'loss', patience: 100, restoreBestWeights: true },
        onEpochEnd: (logs) => {
          seen.push(weights(model));
          losses.push(logs.loss);
          if (logs.epoch === 3) throw new Error('callback failed');
        },
      }),
    ).toThrowError('callback failed');
    const best = losses.indexOf(Math.min(...losses));
    expect(weights(model)).toEqual(seen[best]);
    losses = [];
    // without restoreBestWeights, the model is left as the last completed step made it
    const plain = network();
    let at3: number[][] = [];
    expect(() =>
      fit(plain, X, Y, {
        ...base(plain),
        epochs: 10,
        onEpochEnd: (logs) => {
          at3 = weights(plain);
          if (logs.epoch === 3) throw new Error('stop');
        },
      }),
    ).toThrowError('stop');
    expect(weights(plain)).toEqual(at3);
  });

  it('a metric throwing mid-epoch: the error goes on, and the progress line is closed', () => {
    const model = network();
    const written: string[] = [];
    expect(() =>
      fit(model, X, Y, {
        ...base(model),
        epochs: 3,
        progress: { tty: true, write: (t) => written.push(t) },
        metrics: {
          bad: (): number => {
            if (written.length > 0) throw new Error('metric failed');
            return 0;
          },
        },
      }),
    ).toThrowError('metric failed');
    expect(written[written.length - 1]).toBe('\n');
  });
});

describe('sub-options are checked before the first step (#10.9)', () => {
  const cases: [string, Record<string, unknown>, ErrorConstructor, string][] = [
    [
      'progress.width −5',
      { progress: { width: -5 } },
      RangeError,
      'fit: expected progress.width to be a positive integer, got -5',
    ],
    [
      'progress.width 2e9',
      { progress: { width: 2e9 } },
      RangeError,
      'fit: expected progress.width <= 200, got 2000000000',
    ],
    [
      'progress.write not a function',
      { progress: { write: 3 } },
      TypeError,
      'fit: expected progress.write to be a function, got 3',
    ],
    [
      'unknown progress key',
      { progress: { foo: 1 } },
      TypeError,
      'fit: progress: expected options among write, tty, width, got unknown option "foo"',
    ],
    ["tty: 'no'", { progress: { tty: 'no' } }, TypeError, 'fit: expected progress.tty to be a boolean, got "no"'],
    [
      "restoreBestWeights: 'false'",
      { earlyStopping: { restoreBestWeights: 'false' } },
      TypeError,
      'fit: expected earlyStopping.restoreBestWeights to be a boolean, got "false"',
    ],
    ["signal: 'abort'", { signal: 'abort' }, TypeError, 'fit: expected signal to be an AbortSignal, got "abort"'],
  ];
  for (const [name, extra, kind, message] of cases) {
    it(`${name}: refused, and the model and optimizer unchanged`, () => {
      const model = network();
      const before = weights(model);
      const options = { ...base(model), epochs: 2, ...extra };
      expectThrowExact(() => fit(model, X, Y, options as never), kind, message);
      expect(weights(model)).toEqual(before);
      expect(options.optimizer.stepCount).toBe(0);
    });
  }
});
