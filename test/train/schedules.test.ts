/**
 * Learning rates in `fit`: `learningRateSchedule` against the explicit loop that sets
 * `optimizer.learningRate = schedule(epoch)` at each epoch's start (same bits), and
 * `reduceLROnPlateau` traced by hand through Keras's wait and cooldown counters.
 */
import { describe, expect, it } from 'vitest';
import {
  Adam,
  BinaryCrossEntropy,
  Dense,
  type LearningRateSchedule,
  Matrix,
  type Optimizer,
  SGD,
  Sequential,
  Sigmoid,
  Tanh,
  cosineDecay,
  fit,
  fitAsync,
  stepDecay,
} from '../../src/index.js';
import { gatherColumnsInto } from '../../src/data/batch.js';
import { moons } from '../../src/data/datasets.js';
import { Random } from '../../src/random.js';
import { ReduceLROnPlateau } from '../../src/train/reduce-lr.js';
import { expectSameWeights, weightsOf } from './bits.js';

const data = moons({ m: 40, noise: 0.2, seed: 3 });
const net = (): Sequential =>
  new Sequential([new Dense(2, 5, { seed: 1 }), new Tanh(), new Dense(5, 1, { seed: 2 }), new Sigmoid()]);

/**
 * The explicit loop: at each epoch's start `optimizer.learningRate = rate(epoch)`, then one seeded
 * shuffle of the order and its batches of consecutive positions, each forward / loss / zeroGrad /
 * backward / step. Returns each epoch's learning rate.
 */
function explicitLoop(
  model: Sequential,
  optimizer: Optimizer,
  epochs: number,
  batchSize: number,
  rate: (epoch: number) => number,
): number[] {
  const { X, Y } = data;
  const loss = new BinaryCrossEntropy();
  const order = new Int32Array(X.cols).map((_, j) => j);
  const random = new Random(0);
  const rates: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    optimizer.learningRate = rate(epoch);
    rates.push(optimizer.learningRate);
    random.shuffle(order);
    for (let start = 0; start < X.cols; start += batchSize) {
      const idx = Array.from(order.subarray(start, Math.min(start + batchSize, X.cols)));
      const Xb = gatherColumnsInto(new Matrix(X.rows, idx.length), X, idx);
      const Yb = gatherColumnsInto(new Matrix(Y.rows, idx.length), Y, idx);
      loss.forward(model.forward(Xb), Yb);
      optimizer.zeroGrad();
      model.backward(loss.backward(), false);
      optimizer.step();
    }
  }
  return rates;
}

const optimizers: [string, (m: Sequential) => Optimizer][] = [
  ['SGD with momentum', (m) => new SGD(m.parameters(), { learningRate: 0.5, momentum: 0.9 })],
  ['Adam', (m) => new Adam(m.parameters(), { learningRate: 0.01 })],
];

describe('fit with learningRateSchedule', () => {
  for (const [name, make] of optimizers) {
    it(`gives the explicit loop's bits, mini-batches of 8 (${name}), in fit and fitAsync`, async () => {
      const schedule = cosineDecay(0.2, { steps: 10 });
      const a = net();
      const oa = make(a);
      const rates = explicitLoop(a, oa, 7, 8, schedule);
      for (const run of [fit, fitAsync]) {
        const b = net();
        const ob = make(b);
        const history = await run(b, data.X, data.Y, {
          loss: new BinaryCrossEntropy(),
          optimizer: ob,
          epochs: 7,
          batchSize: 8,
          learningRateSchedule: schedule,
        });
        expectSameWeights(weightsOf(b), weightsOf(a));
        expect(history.history.learning_rate).toEqual(rates);
        expect(history.epochs.map((e) => e.learning_rate)).toEqual(rates);
        expect(ob.learningRate).toBe(schedule(6)); // the last rate applied stays
        expect(ob.learningRate).toBe(oa.learningRate);
      }
    });
  }

  it('calls the schedule once per epoch, with 0, 1, 2, … before the epoch’s first batch', () => {
    const model = net();
    const optimizer = new SGD(model.parameters(), { learningRate: 1 });
    const calls: string[] = [];
    fit(model, data.X, data.Y, {
      loss: new BinaryCrossEntropy(),
      optimizer,
      epochs: 3,
      batchSize: 20,
      learningRateSchedule: (t) => {
        calls.push(`schedule ${t}`);
        return stepDecay(0.4, { stepSize: 2, gamma: 0.5 })(t);
      },
      onBatchEnd: (logs) => calls.push(`batch ${logs.epoch}.${logs.batch} at ${optimizer.learningRate}`),
    });
    expect(calls).toEqual([
      'schedule 0',
      'batch 0.0 at 0.4',
      'batch 0.1 at 0.4',
      'schedule 1',
      'batch 1.0 at 0.4',
      'batch 1.1 at 0.4',
      'schedule 2',
      'batch 2.0 at 0.2',
      'batch 2.1 at 0.2',
    ]);
  });

  it('has no learning_rate figure without a schedule or the plateau policy', () => {
    const model = net();
    const history = fit(model, data.X, data.Y, {
      loss: new BinaryCrossEntropy(),
      optimizer: new SGD(model.parameters(), { learningRate: 0.1 }),
      epochs: 2,
    });
    expect(Object.keys(history.history)).toEqual(['loss']);
    expect(Object.keys(history.epochs[0])).toEqual(['epoch', 'loss']);
  });

  const bad: [unknown, string, string][] = [
    [Number.NaN, 'RangeError', 'fit: expected learningRateSchedule(2) > 0, got NaN'],
    [0, 'RangeError', 'fit: expected learningRateSchedule(2) > 0, got 0'],
    [-0.1, 'RangeError', 'fit: expected learningRateSchedule(2) > 0, got -0.1'],
    [Number.POSITIVE_INFINITY, 'RangeError', 'fit: expected learningRateSchedule(2) > 0, got Infinity'],
    ['0.1', 'TypeError', 'fit: expected learningRateSchedule(2) to be a number, got "0.1"'],
  ];
  for (const [value, type, message] of bad) {
    it(`refuses a schedule returning ${String(value)} at epoch 2, after two epochs at their rates`, () => {
      const model = net();
      const optimizer = new SGD(model.parameters(), { learningRate: 1 });
      const epochs: number[] = [];
      const schedule = ((t: number) => (t < 2 ? 0.1 * (t + 1) : value)) as LearningRateSchedule;
      expect(() =>
        fit(model, data.X, data.Y, {
          loss: new BinaryCrossEntropy(),
          optimizer,
          epochs: 4,
          learningRateSchedule: schedule,
          onEpochEnd: (logs) => {
            epochs.push(logs.learning_rate);
          },
        }),
      ).toThrowError(expect.objectContaining({ name: type, message }));
      expect(epochs).toEqual([0.1, 0.2]);
      expect(optimizer.learningRate).toBe(0.2);
    });
  }

  it('refuses a bad value at epoch 0 before any step: the model and the optimizer unchanged', () => {
    const model = net();
    const before = weightsOf(model);
    const optimizer = new SGD(model.parameters(), { learningRate: 1 });
    expect(() =>
      fit(model, data.X, data.Y, {
        loss: new BinaryCrossEntropy(),
        optimizer,
        learningRateSchedule: () => 0,
      }),
    ).toThrowError(new RangeError('fit: expected learningRateSchedule(0) > 0, got 0'));
    expectSameWeights(weightsOf(model), before);
    expect(optimizer.learningRate).toBe(1);
    expect(optimizer.stepCount).toBe(0);
  });
});

/** The learning rate after each `update` of a policy over `values` of a figure `score`. */
function trace(options: ConstructorParameters<typeof ReduceLROnPlateau>[1], values: number[], lr = 1): number[] {
  const model = net();
  const optimizer = new SGD(model.parameters(), { learningRate: lr });
  const policy = new ReduceLROnPlateau('fit', { mode: 'min', ...options }, ['loss', 'score', 'accuracy'], optimizer);
  return values.map((score, epoch) => {
    policy.update({ epoch, loss: score, score, accuracy: score });
    return optimizer.learningRate;
  });
}

describe('the reduceLROnPlateau policy (Keras’s ReduceLROnPlateau)', () => {
  it('follows the wait and cooldown counters, traced by hand', () => {
    // best: 5, 4; wait 1, 2 → 0.5 and cooldown 2; cooldown 1, 0 (wait 0 → 1); best 3; wait 1, 2 → 0.25;
    // cooldown 1, 0 (wait 1); wait 2 → max(0.125, 0.2) = 0.2; cooldown 1, 0 (wait 1); wait 2, 3: at minLr
    const values = [5, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3];
    expect(trace({ monitor: 'score', factor: 0.5, patience: 2, cooldown: 2, minLr: 0.2 }, values)).toEqual([
      1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.2, 0.2, 0.2, 0.2, 0.2,
    ]);
  });

  it('counts only improvements beyond minDelta (default 1e-4) on the best so far', () => {
    // 1 - 0.00005 is not below 1 - 1e-4; 0.9998 is: the wait starts over
    expect(trace({ monitor: 'score', patience: 2 }, [1, 0.99995, 0.9998, 0.99975, 0.9997, 0.9996])).toEqual([
      1, 1, 1, 1, 0.1, 0.1,
    ]);
    expect(trace({ monitor: 'score', patience: 1, minDelta: 0 }, [1, 0.99995, 0.99995])).toEqual([1, 1, 0.1]);
  });

  it("reduces at once with patience 0, and watches for a rise in 'max' mode (auto for accuracy)", () => {
    expect(trace({ monitor: 'score', patience: 0, factor: 0.5 }, [3, 2, 2, 2])).toEqual([1, 1, 0.5, 0.25]);
    const rising = [0.5, 0.6, 0.6, 0.6];
    expect(trace({ monitor: 'accuracy', patience: 2, mode: 'auto' }, rising)).toEqual([1, 1, 1, 0.1]);
    expect(trace({ monitor: 'score', patience: 2, mode: 'max' }, rising)).toEqual([1, 1, 1, 0.1]);
    expect(trace({ monitor: 'loss', patience: 2, mode: 'auto' }, rising)).toEqual([1, 1, 0.1, 0.1]);
  });

  it('treats a NaN figure as no improvement', () => {
    expect(trace({ monitor: 'score', patience: 1 }, [1, Number.NaN, 0.5])).toEqual([1, 0.1, 0.1]);
  });
});

/**
 * A metric that reports `values[e]` in epoch `e`: called for each of the 3 batches (16, 16, 8 of the
 * 40 examples), its integer values average back exactly.
 */
const scripted = (values: readonly number[]) => {
  let k = 0;
  return () => values[Math.floor(k++ / 3)];
};

describe('fit with reduceLROnPlateau', () => {
  const values = [5, 4, 4, 4, 4, 4, 3, 3, 3, 3];
  const options = { monitor: 'score', mode: 'min', factor: 0.5, patience: 2, cooldown: 2, minLr: 0.2 } as const;
  // the rate each epoch trained with: the policy's rate after the epoch before
  const rates = [0.8, 0.8, 0.8, 0.8, 0.4, 0.4, 0.4, 0.4, 0.4, 0.2];

  it("records each epoch's rate, leaves the last, and gives the explicit loop's bits (fit and fitAsync)", async () => {
    const a = net();
    const oa = new SGD(a.parameters(), { learningRate: 0.8 });
    expect(explicitLoop(a, oa, 10, 16, (t) => rates[t])).toEqual(rates);
    for (const run of [fit, fitAsync]) {
      const b = net();
      const ob = new SGD(b.parameters(), { learningRate: 0.8 });
      const history = await run(b, data.X, data.Y, {
        loss: new BinaryCrossEntropy(),
        optimizer: ob,
        epochs: 10,
        batchSize: 16,
        metrics: { score: scripted(values) },
        reduceLROnPlateau: options,
      });
      expect(history.history.learning_rate).toEqual(rates);
      expect(history.history.score).toEqual(values);
      expect(ob.learningRate).toBe(0.2);
      expectSameWeights(weightsOf(b), weightsOf(a));
    }
  });

  it('composes with earlyStopping: both watch their figures, early stopping ends the run', () => {
    const model = net();
    const optimizer = new SGD(model.parameters(), { learningRate: 0.8 });
    const history = fit(model, data.X, data.Y, {
      loss: new BinaryCrossEntropy(),
      optimizer,
      epochs: 10,
      batchSize: 16,
      metrics: { score: scripted(values) },
      reduceLROnPlateau: options,
      earlyStopping: { monitor: 'score', mode: 'min', patience: 3 },
    });
    // score improves last at epoch 1; four epochs without improvement stop it after epoch 5
    expect(history.stopReason).toBe('earlyStopping');
    expect(history.history.learning_rate).toEqual([0.8, 0.8, 0.8, 0.8, 0.4, 0.4]);
    expect(optimizer.learningRate).toBe(0.4);
  });

  it('watches val_loss by default, and refuses it without validation data', () => {
    const model = net();
    const before = weightsOf(model);
    const optimizer = new SGD(model.parameters(), { learningRate: 0.8 });
    const o = { loss: new BinaryCrossEntropy(), optimizer, metrics: ['accuracy'] as const };
    expect(() => fit(model, data.X, data.Y, { ...o, reduceLROnPlateau: {} })).toThrowError(
      new RangeError(
        `fit: expected reduceLROnPlateau.monitor among loss, accuracy (or a metric's alias), got "val_loss"`,
      ),
    );
    expectSameWeights(weightsOf(model), before);
    const history = fit(model, data.X, data.Y, {
      ...o,
      epochs: 5,
      validationData: [data.X, data.Y],
      reduceLROnPlateau: { patience: 0, factor: 0.5, minDelta: 0.035 },
    });
    // patience 0: each epoch whose val_loss is not below the best so far by 0.035 halves the next rate
    const val = history.history.val_loss;
    const expected = [0.8];
    for (let e = 0, best = Infinity; e < 4; e++) {
      expected.push(val[e] < best - 0.035 ? expected[e] : expected[e] * 0.5);
      best = Math.min(best, val[e]);
    }
    expect(history.history.learning_rate).toEqual(expected);
    expect(expected).toEqual([0.8, 0.8, 0.8, 0.8, 0.4]);
  });

  const badOptions: [string, unknown, string, string][] = [
    ['factor 1', { factor: 1 }, 'RangeError', 'fit: expected reduceLROnPlateau.factor in (0, 1), got 1'],
    ['factor 0', { factor: 0 }, 'RangeError', 'fit: expected reduceLROnPlateau.factor in (0, 1), got 0'],
    ['factor 1.5', { factor: 1.5 }, 'RangeError', 'fit: expected reduceLROnPlateau.factor in (0, 1), got 1.5'],
    ['factor NaN', { factor: Number.NaN }, 'RangeError', 'fit: expected reduceLROnPlateau.factor in (0, 1), got NaN'],
    [
      'a string factor',
      { factor: '0.5' },
      'TypeError',
      'fit: expected reduceLROnPlateau.factor to be a number, got "0.5"',
    ],
    [
      'patience -1',
      { patience: -1 },
      'RangeError',
      'fit: expected reduceLROnPlateau.patience to be a non-negative integer, got -1',
    ],
    [
      'cooldown 1.5',
      { cooldown: 1.5 },
      'RangeError',
      'fit: expected reduceLROnPlateau.cooldown to be a non-negative integer, got 1.5',
    ],
    ['minDelta -1', { minDelta: -1 }, 'RangeError', 'fit: expected reduceLROnPlateau.minDelta >= 0, got -1'],
    ['minLr -1', { minLr: -1 }, 'RangeError', 'fit: expected reduceLROnPlateau.minLr >= 0, got -1'],
    [
      'an unknown monitor',
      { monitor: 'val_f1' },
      'RangeError',
      `fit: expected reduceLROnPlateau.monitor among loss, val_loss (or a metric's alias), got "val_f1"`,
    ],
    [
      "mode 'up'",
      { mode: 'up' },
      'RangeError',
      `fit: expected reduceLROnPlateau.mode 'min' or 'max' or 'auto', got "up"`,
    ],
    [
      'an unknown key',
      { patient: 3 },
      'TypeError',
      'fit: reduceLROnPlateau: expected options among monitor, factor, patience, minDelta, mode, cooldown, ' +
        'minLr, got unknown option "patient"',
    ],
  ];
  for (const [what, option, type, message] of badOptions) {
    it(`refuses ${what} before training, the model and the optimizer unchanged`, () => {
      const model = net();
      const before = weightsOf(model);
      const optimizer = new SGD(model.parameters(), { learningRate: 0.8 });
      expect(() =>
        fit(model, data.X, data.Y, {
          loss: new BinaryCrossEntropy(),
          optimizer,
          validationData: [data.X, data.Y],
          reduceLROnPlateau: option as object,
        }),
      ).toThrowError(expect.objectContaining({ name: type, message }));
      expectSameWeights(weightsOf(model), before);
      expect(optimizer.learningRate).toBe(0.8);
      expect(optimizer.stepCount).toBe(0);
    });
  }

  it('refuses a learningRateSchedule with it, and a schedule that is not a function', () => {
    const model = net();
    const optimizer = new SGD(model.parameters(), { learningRate: 0.8 });
    const o = { loss: new BinaryCrossEntropy(), optimizer };
    expect(() =>
      fit(model, data.X, data.Y, { ...o, learningRateSchedule: () => 0.1, reduceLROnPlateau: { monitor: 'loss' } }),
    ).toThrowError(new TypeError('fit: expected learningRateSchedule or reduceLROnPlateau, got both'));
    expect(() =>
      fit(model, data.X, data.Y, { ...o, learningRateSchedule: 0.1 as unknown as LearningRateSchedule }),
    ).toThrowError(new TypeError('fit: expected learningRateSchedule to be a function, got 0.1'));
    expect(optimizer.stepCount).toBe(0);
  });
});
