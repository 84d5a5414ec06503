/**
 * `fitAsync` against `fit` itself (the same bits over several optimizers and batch settings), and
 * the event loop: timers and `setImmediate` callbacks run between mini-batches, as often as
 * `yieldEvery` / `yieldAfterMs` say; `signal` stops it; bad options reject and change nothing.
 */
import { describe, expect, it } from 'vitest';
import {
  Adam,
  BinaryCrossEntropy,
  Dense,
  type FitAsyncOptions,
  type FitOptions,
  type History,
  type Optimizer,
  RMSprop,
  ReLU,
  SGD,
  Sequential,
  Sigmoid,
  Tanh,
  fit,
  fitAsync,
  moons,
} from '../../src/index.js';
import { firstDifference, weightsOf } from './bits.js';

const net = () =>
  new Sequential([
    new Dense(2, 6, { init: 'he', seed: 1 }),
    new ReLU(),
    new Dense(6, 3, { seed: 2 }),
    new Tanh(),
    new Dense(3, 1, { seed: 3 }),
    new Sigmoid(),
  ]);
const data = moons({ m: 120, noise: 0.2, seed: 4 });

function expectSameHistory(a: History, b: History): void {
  expect(Object.keys(a.history)).toEqual(Object.keys(b.history));
  for (const key of Object.keys(a.history)) expect(firstDifference(a.history[key], b.history[key]), key).toBe(-1);
  expect(a.epochs.length).toBe(b.epochs.length);
  expect(a.stopReason).toBe(b.stopReason);
  expect(a.bestEpoch).toBe(b.bestEpoch);
}

const OPTIMIZERS: [string, (m: Sequential) => Optimizer][] = [
  ['SGD', (m) => new SGD(m.parameters(), { learningRate: 0.5 })],
  ['SGD momentum', (m) => new SGD(m.parameters(), { learningRate: 0.1, momentum: 0.9, nesterov: true })],
  ['Adam', (m) => new Adam(m.parameters(), { learningRate: 0.01 })],
  ['RMSprop', (m) => new RMSprop(m.parameters(), { learningRate: 0.005 })],
];
const SETTINGS: [string, Partial<FitOptions>][] = [
  ['full batch', { epochs: 12 }],
  ['batches of 16, shuffled, metrics', { epochs: 5, batchSize: 16, seed: 3, metrics: ['accuracy', 'mse'] }],
  [
    'batches of 7, validationSplit, early stopping with restoreBestWeights, sampleWeight',
    {
      epochs: 30,
      batchSize: 7,
      validationSplit: 0.25,
      metrics: ['acc'],
      earlyStopping: { monitor: 'val_accuracy', patience: 1, restoreBestWeights: true },
      sampleWeight: Float64Array.from({ length: 120 }, (_, j) => 0.5 + (j % 3)),
    },
  ],
];

describe('fitAsync gives the bits of fit', () => {
  for (const [name, optimizer] of OPTIMIZERS) {
    for (const [setting, options] of SETTINGS) {
      it(`${name}, ${setting}: weights, optimizer state and history`, async () => {
        const a = net(),
          b = net();
        const oa = optimizer(a),
          ob = optimizer(b);
        const base = { loss: new BinaryCrossEntropy(), ...options };
        const hs = fit(a, data.X, data.Y, { ...base, optimizer: oa });
        const ha = await fitAsync(b, data.X, data.Y, {
          ...base,
          loss: new BinaryCrossEntropy(),
          optimizer: ob,
          yieldEvery: 1,
        });
        expectSameHistory(ha, hs);
        const wa = weightsOf(a),
          wb = weightsOf(b);
        wa.forEach((w, i) => expect(firstDifference(wb[i], w), `parameter ${i}`).toBe(-1));
        expect(JSON.stringify(ob.toJSON())).toBe(JSON.stringify(oa.toJSON()));
      });
    }
  }
});

describe('fitAsync yields to the event loop between mini-batches', () => {
  const options = (o: Partial<FitAsyncOptions> = {}) => {
    const model = net();
    return {
      model,
      options: {
        loss: new BinaryCrossEntropy(),
        optimizer: new SGD(model.parameters(), { learningRate: 0.1 }),
        epochs: 10,
        batchSize: 4, // 30 batches an epoch, 300 in all
        ...o,
      } as FitAsyncOptions,
    };
  };

  it('a timer set before training fires while batches remain', async () => {
    let batches = 0;
    let firedAt = -1;
    const { model, options: o } = options({ onBatchEnd: () => void batches++, yieldEvery: 1, epochs: 40 });
    setTimeout(() => (firedAt = batches), 0);
    const history = await fitAsync(model, data.X, data.Y, o);
    expect(history.stopReason).toBe('completed');
    expect(batches).toBe(1200);
    expect(firedAt).toBeGreaterThan(0);
    expect(firedAt).toBeLessThan(1200);
  });

  it('fit itself does not yield: the same timer fires only after it returns', () => {
    let batches = 0;
    let firedAt = -1;
    const { model, options: o } = options({ onBatchEnd: () => void batches++ });
    setTimeout(() => (firedAt = batches), 0);
    fit(model, data.X, data.Y, o as FitOptions);
    expect(firedAt).toBe(-1);
  });

  for (const every of [1, 5, 30]) {
    it(`yieldEvery ${every}: a callback queued at the first batch runs after exactly ${every} batches`, async () => {
      let batches = 0;
      let ranAt = -1;
      const { model, options: o } = options({
        yieldEvery: every,
        onBatchEnd: () => {
          if (batches++ === 0) setImmediate(() => (ranAt = batches));
        },
      });
      await fitAsync(model, data.X, data.Y, o);
      expect(ranAt).toBe(every);
    });
  }

  it('yieldAfterMs 0 yields after every batch; a budget longer than the run yields only at the end', async () => {
    for (const [budget, expected] of [
      [0, 1],
      [1e9, -1],
    ] as const) {
      let batches = 0;
      let ranAt = -1;
      const { model, options: o } = options({
        yieldAfterMs: budget,
        onBatchEnd: () => {
          if (batches++ === 0) setImmediate(() => (ranAt = batches));
        },
      });
      const done = fitAsync(model, data.X, data.Y, o);
      await done;
      // the promise settles in a microtask: a macrotask queued during a run that never yielded has not run
      expect(ranAt).toBe(expected);
    }
  });

  it('aborting the signal from a timer stops at the next batch and resolves with the history so far', async () => {
    const controller = new AbortController();
    let batches = 0;
    const { model, options: o } = options({
      signal: controller.signal,
      yieldEvery: 1,
      epochs: 1000,
      onBatchEnd: () => {
        if (++batches === 45) setImmediate(() => controller.abort());
      },
    });
    const history = await fitAsync(model, data.X, data.Y, o);
    expect(history.stopReason).toBe('aborted');
    // queued before the loop's own yield after batch 45, the abort runs first: batch 46 never starts
    expect(batches).toBe(45);
    expect(history.loss).toHaveLength(1); // the first epoch's 30 batches, the second cut short
    // the same as fit stopped after the same 45 batches
    const ref = net();
    const c2 = new AbortController();
    let n = 0;
    const { yieldEvery: _, ...fitOptions } = o;
    fit(ref, data.X, data.Y, {
      ...fitOptions,
      optimizer: new SGD(ref.parameters(), { learningRate: 0.1 }),
      signal: c2.signal,
      onBatchEnd: () => void (++n === 45 && c2.abort()),
    });
    const wa = weightsOf(model),
      wb = weightsOf(ref);
    wa.forEach((w, i) => expect(firstDifference(w, wb[i])).toBe(-1));
  });

  it('an error from a callback rejects the promise, after restoring the best weights', async () => {
    const { model, options: o } = options({
      earlyStopping: { restoreBestWeights: true, patience: 100 },
      onEpochEnd: (logs) => {
        if (logs.epoch === 3) throw new Error('stop here');
      },
    });
    await expect(fitAsync(model, data.X, data.Y, o)).rejects.toThrowError(new Error('stop here'));
  });
});

describe('fitAsync: bad options reject and change nothing', () => {
  const cases: [string, Record<string, unknown>, ErrorConstructor, string][] = [
    ['yieldEvery 0', { yieldEvery: 0 }, RangeError, 'fitAsync: expected yieldEvery to be a positive integer, got 0'],
    [
      'yieldEvery 1.5',
      { yieldEvery: 1.5 },
      RangeError,
      'fitAsync: expected yieldEvery to be a positive integer, got 1.5',
    ],
    ['yieldAfterMs -1', { yieldAfterMs: -1 }, RangeError, 'fitAsync: expected yieldAfterMs >= 0, got -1'],
    ['yieldAfterMs "5"', { yieldAfterMs: '5' }, TypeError, 'fitAsync: expected yieldAfterMs to be a number, got "5"'],
    [
      'an unknown option',
      { yield: 1 },
      TypeError,
      'fitAsync: expected options among loss, optimizer, epochs, batchSize, shuffle, seed, validationData, ' +
        'validationSplit, sampleWeight, classWeight, metrics, onEpochEnd, onBatchEnd, earlyStopping, ' +
        'learningRateSchedule, reduceLROnPlateau, signal, progress, stopOnNonFinite, yieldEvery, yieldAfterMs, got ' +
        'unknown option "yield"',
    ],
    ['a bad fit option', { epochs: 0 }, RangeError, 'fitAsync: expected epochs to be a positive integer, got 0'],
  ];
  for (const [what, extra, type, message] of cases) {
    it(what, async () => {
      const model = net();
      const before = weightsOf(model);
      const optimizer = new Adam(model.parameters(), { learningRate: 0.01 });
      const promise = fitAsync(model, data.X, data.Y, { loss: new BinaryCrossEntropy(), optimizer, ...extra } as never);
      await expect(promise).rejects.toThrowError(new type(message));
      await expect(promise).rejects.toBeInstanceOf(type);
      weightsOf(model).forEach((w, i) => expect(firstDifference(w, before[i])).toBe(-1));
      expect(optimizer.stepCount).toBe(0);
    });
  }

  it('fit refuses the fitAsync options', () => {
    const model = net();
    expect(() =>
      fit(model, data.X, data.Y, {
        loss: new BinaryCrossEntropy(),
        optimizer: new SGD(model.parameters(), { learningRate: 0.1 }),
        yieldEvery: 1,
      } as never),
    ).toThrowError(/^fit: expected options among .*, got unknown option "yieldEvery"$/);
  });
});
