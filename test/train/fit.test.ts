/**
 * `fit` and `evaluate` against independent oracles: the explicit loop of the
 * design (full batch), an explicit mini-batch loop (a seeded `Random.shuffle` of an `Int32Array` order
 * per epoch, batches gathered with `gatherColumnsInto`), hand-computed losses and metrics, and
 * scripted metrics that drive early stopping through exactly known sequences.
 */
import { describe, expect, it } from 'vitest';
import {
  Adam,
  BinaryCrossEntropy,
  CategoricalCrossEntropy,
  type Loss,
  type Optimizer,
  RMSprop,
  SGD,
} from '../../src/index.js';
import { Dense } from '../../src/layers/dense.js';
import { ReLU, Sigmoid, Softmax, Tanh } from '../../src/activations/index.js';
import { Matrix } from '../../src/matrix/index.js';
import { Random } from '../../src/random.js';
import { Sequential } from '../../src/model/sequential.js';
import type { EpochLogs } from '../../src/train/index.js';
import { gatherColumnsInto } from '../../src/data/batch.js';
import { blobs, moons, planar } from '../../src/data/datasets.js';
import { oneHot } from '../../src/data/one-hot.js';
import { accuracy } from '../../src/metrics/accuracy.js';
import { evaluate, fit } from '../../src/train/index.js';

// ---- helpers ----------------------------------------------------------------------------------

/** Index of the first element where `a` and `b` differ bit-wise (`Object.is`), or -1; length mismatch is `-2`. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return -2;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

function expectSameBits(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  expect(firstDifference(a, b), `${what}: first differing index`).toBe(-1);
}

/** A copy of every parameter's values. */
function weightsOf(model: Sequential): Float64Array[] {
  return model.parameters().map((p) => p.value.data.slice());
}

function expectSameWeights(a: Sequential | Float64Array[], b: Sequential | Float64Array[]): void {
  const wa = Array.isArray(a) ? a : weightsOf(a);
  const wb = Array.isArray(b) ? b : weightsOf(b);
  expect(wa.length).toBe(wb.length);
  wa.forEach((w, i) => expectSameBits(w, wb[i], `parameter ${i}`));
}

function sameWeights(a: Float64Array[], b: Float64Array[]): boolean {
  return a.length === b.length && a.every((w, i) => firstDifference(w, b[i]) === -1);
}

/** The design's 2-layer network: 2 → 4 tanh → 1 sigmoid, `randn·0.01`. */
function twoLayerNetwork(nh = 4): Sequential {
  return new Sequential([
    new Dense(2, nh, { init: 'small', seed: 2 }),
    new Tanh(),
    new Dense(nh, 1, { init: 'small', seed: 3 }),
    new Sigmoid(),
  ]);
}

/** A small ReLU network for the mini-batch tests. */
function reluNetwork(): Sequential {
  return new Sequential([
    new Dense(2, 5, { init: 'he', seed: 11 }),
    new ReLU(),
    new Dense(5, 3, { init: 'he', seed: 12 }),
    new Tanh(),
    new Dense(3, 1, { init: 'xavier', seed: 13 }),
    new Sigmoid(),
  ]);
}

function columns(A: Matrix, start: number, end: number): Matrix {
  const idx = Array.from({ length: end - start }, (_, j) => start + j);
  return gatherColumnsInto(new Matrix(A.rows, idx.length), A, idx);
}

interface LoopOptions {
  epochs: number;
  batchSize: number;
  seed: number;
  shuffle?: boolean;
  /** Stop after this many optimizer steps (the partial epoch is not recorded). */
  maxSteps?: number;
}

/**
 * The oracle for mini-batch `fit`: per epoch, `new Random(seed).shuffle(order)` (one generator for the
 * whole run), then batches of consecutive positions of `order` gathered with `gatherColumnsInto`, each
 * the explicit forward / loss / zeroGrad / backward / step. Returns the size-weighted epoch losses.
 */
function explicitMiniBatchLoop(
  model: Sequential,
  loss: Loss,
  optimizer: Optimizer,
  X: Matrix,
  Y: Matrix,
  o: LoopOptions,
): number[] {
  const m = X.cols;
  const order = new Int32Array(m);
  for (let j = 0; j < m; j++) order[j] = j;
  const random = new Random(o.seed);
  const history: number[] = [];
  let steps = 0;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    if (o.shuffle ?? true) random.shuffle(order);
    let sum = 0;
    for (let start = 0; start < m; start += o.batchSize) {
      const size = Math.min(o.batchSize, m - start);
      const Xb = gatherColumnsInto(new Matrix(X.rows, size), X, order, start);
      const Yb = gatherColumnsInto(new Matrix(Y.rows, size), Y, order, start);
      const J = loss.forward(model.forward(Xb), Yb);
      optimizer.zeroGrad();
      model.backward(loss.backward());
      optimizer.step();
      sum += J * size;
      if (++steps === o.maxSteps) return history;
    }
    history.push(sum / m);
  }
  return history;
}

/**
 * A metric whose value is scripted per epoch (`train[epoch]`, or `val[epoch]` when called on the
 * validation targets), so early stopping can be driven through exactly known sequences. Values are
 * chosen so that the size-weighted epoch mean `v·m/m` is exact (m = 64).
 */
function scriptedMetric(train: readonly number[], val?: readonly number[]) {
  let epoch = 0;
  // Full batch: fit measures the training batch, then the validation data, once each per epoch (a
  // user's metric gets copies, so the call order, not the matrices' identity, tells them apart).
  let calls = 0;
  return {
    metric: (): number => (val !== undefined && calls++ % 2 === 1 ? val : train)[epoch],
    next: (): void => {
      epoch++;
    },
  };
}

// ---- data -------------------------------------------------------------------------------------

const flower = planar({ m: 400, seed: 1 });
const moon = moons({ m: 150, noise: 0.2, seed: 5 });
const moonVal = moons({ m: 60, noise: 0.2, seed: 6 });
/** 64 examples: `v·64/64` is exact for the scripted metrics. */
const small = moons({ m: 64, noise: 0.1, seed: 9 });

describe('fit = the explicit loop (full batch)', () => {
  it(
    'trains the planar 2-layer network to the same accuracy, bit-identical weights and loss history (10 000 ' +
      'epochs)',
    () => {
      const { X, Y } = flower;
      // The design's explicit loop, recording the cost and the accuracy of each iteration's forward.
      const reference = twoLayerNetwork();
      const loss = new BinaryCrossEntropy();
      const optimizer = new SGD(reference.parameters(), { learningRate: 1.2 });
      const costs: number[] = [];
      const accuracies: number[] = [];
      for (let i = 0; i < 10_000; i++) {
        const P = reference.forward(X);
        const cost = loss.forward(P, Y);
        accuracies.push(accuracy(P, Y));
        optimizer.zeroGrad();
        reference.backward(loss.backward());
        optimizer.step();
        costs.push(cost);
      }

      const model = twoLayerNetwork();
      expectSameWeights(model, twoLayerNetwork()); // same seeds, same start
      const history = fit(model, X, Y, {
        loss: new BinaryCrossEntropy(),
        optimizer: new SGD(model.parameters(), { learningRate: 1.2 }),
        epochs: 10_000,
        metrics: ['accuracy'],
      });

      expect(history.stopReason).toBe('completed');
      expect(history.loss).toHaveLength(10_000);
      expectSameBits(history.loss, costs, 'loss history');
      expectSameBits(history.history.accuracy, accuracies, 'accuracy history');
      expectSameWeights(model, reference);
      const finalAccuracy = accuracy(model.predict(X), Y);
      expect(finalAccuracy).toBe(accuracy(reference.predict(X), Y));
      // The course reports about 90% for this network on the flower.
      expect(finalAccuracy).toBeGreaterThan(0.88);
      expect(history.loss[0]).toBeCloseTo(Math.LN2, 3); // randn·0.01 starts at ŷ ≈ 0.5
      expect(history.loss.at(-1)!).toBeLessThan(0.25);
    },
  );

  it('batchSize >= m and shuffle: false both use the whole set in order', () => {
    const { X, Y } = moon;
    const a = reluNetwork(),
      b = reluNetwork(),
      c = reluNetwork();
    const ha = fit(a, X, Y, {
      loss: new BinaryCrossEntropy(),
      optimizer: new SGD(a.parameters(), { learningRate: 0.5 }),
      epochs: 20,
    });
    const hb = fit(b, X, Y, {
      loss: new BinaryCrossEntropy(),
      optimizer: new SGD(b.parameters(), { learningRate: 0.5 }),
      epochs: 20,
      batchSize: 10_000,
      shuffle: false,
    });
    const reference = explicitMiniBatchLoop(
      c,
      new BinaryCrossEntropy(),
      new SGD(c.parameters(), { learningRate: 0.5 }),
      X,
      Y,
      {
        epochs: 20,
        batchSize: X.cols,
        seed: 0,
        shuffle: false,
      },
    );
    expectSameBits(ha.loss, reference, 'default full batch');
    expectSameBits(hb.loss, reference, 'batchSize > m');
    expectSameWeights(a, c);
    expectSameWeights(b, c);
  });
});

describe('fit = the explicit mini-batch loop', () => {
  const optimizers: [string, (m: Sequential) => Optimizer][] = [
    ['SGD', (m) => new SGD(m.parameters(), { learningRate: 0.3 })],
    ['SGD momentum', (m) => new SGD(m.parameters(), { learningRate: 0.1, momentum: 0.9 })],
    ['Adam', (m) => new Adam(m.parameters(), { learningRate: 0.01 })],
    ['RMSprop', (m) => new RMSprop(m.parameters(), { learningRate: 0.01, momentum: 0.5, centered: true })],
  ];

  it.each(optimizers)('%s, batch 32 of m = 150 (a short last batch), shuffled with the seed', (_name, make) => {
    const { X, Y } = moon;
    const reference = reluNetwork();
    const expected = explicitMiniBatchLoop(reference, new BinaryCrossEntropy(), make(reference), X, Y, {
      epochs: 25,
      batchSize: 32,
      seed: 7,
    });
    const model = reluNetwork();
    const history = fit(model, X, Y, {
      loss: new BinaryCrossEntropy(),
      optimizer: make(model),
      epochs: 25,
      batchSize: 32,
      seed: 7,
    });
    expectSameBits(history.loss, expected, 'epoch losses');
    expectSameWeights(model, reference);
  });

  it('a Random as the seed is the same as its number; a different seed trains differently', () => {
    const { X, Y } = moon;
    const run = (seed: number | Random): [number[], Float64Array[]] => {
      const model = reluNetwork();
      const h = fit(model, X, Y, {
        loss: new BinaryCrossEntropy(),
        optimizer: new Adam(model.parameters(), { learningRate: 0.01 }),
        epochs: 5,
        batchSize: 16,
        seed,
      });
      return [h.loss, weightsOf(model)];
    };
    const [l1, w1] = run(3);
    const [l2, w2] = run(new Random(3));
    const [l3, w3] = run(4);
    expectSameBits(l1, l2, 'loss');
    expectSameWeights(w1, w2);
    expect(sameWeights(w1, w3)).toBe(false);
    expect(firstDifference(l1, l3)).not.toBe(-1);
  });

  it('the default seed is 0 and several batches are shuffled by default', () => {
    const { X, Y } = moon;
    const reference = reluNetwork();
    const expected = explicitMiniBatchLoop(
      reference,
      new BinaryCrossEntropy(),
      new SGD(reference.parameters(), { learningRate: 0.2 }),
      X,
      Y,
      {
        epochs: 4,
        batchSize: 40,
        seed: 0,
      },
    );
    const model = reluNetwork();
    const history = fit(model, X, Y, {
      loss: new BinaryCrossEntropy(),
      optimizer: new SGD(model.parameters(), { learningRate: 0.2 }),
      epochs: 4,
      batchSize: 40,
    });
    expectSameBits(history.loss, expected, 'epoch losses');
    expectSameWeights(model, reference);
  });

  it('shuffle: false walks the examples in order, batch after batch', () => {
    const { X, Y } = moon;
    const reference = reluNetwork();
    const expected = explicitMiniBatchLoop(
      reference,
      new BinaryCrossEntropy(),
      new SGD(reference.parameters(), { learningRate: 0.2 }),
      X,
      Y,
      {
        epochs: 3,
        batchSize: 64,
        seed: 0,
        shuffle: false,
      },
    );
    const model = reluNetwork();
    const history = fit(model, X, Y, {
      loss: new BinaryCrossEntropy(),
      optimizer: new SGD(model.parameters(), { learningRate: 0.2 }),
      epochs: 3,
      batchSize: 64,
      shuffle: false,
    });
    expectSameBits(history.loss, expected, 'epoch losses');
    expectSameWeights(model, reference);
  });

  it('softmax with categorical cross-entropy on 3 blobs, batch 1 (pure SGD)', () => {
    const { X, Y: labels } = blobs({ m: 30, centers: 3, seed: 4 });
    const Y = oneHot(labels);
    const build = () =>
      new Sequential([new Dense(2, 4, { seed: 1 }), new Tanh(), new Dense(4, 3, { seed: 2 }), new Softmax()]);
    const reference = build();
    const expected = explicitMiniBatchLoop(
      reference,
      new CategoricalCrossEntropy(),
      new SGD(reference.parameters(), { learningRate: 0.05 }),
      X,
      Y,
      {
        epochs: 3,
        batchSize: 1,
        seed: 12,
      },
    );
    const model = build();
    const history = fit(model, X, Y, {
      loss: new CategoricalCrossEntropy(),
      optimizer: new SGD(model.parameters(), { learningRate: 0.05 }),
      epochs: 3,
      batchSize: 1,
      seed: 12,
    });
    expectSameBits(history.loss, expected, 'epoch losses');
    expectSameWeights(model, reference);
  });

  it('with a short last batch and validation data, reuses every work buffer from the second epoch on', () => {
    // Three widths an epoch (32, the last 22, the 60 validation examples): a cache of two shapes
    // reallocated each layer's output every epoch.
    const model = reluNetwork();
    const outputs = model.layers.map(() => new Set<Matrix>());
    model.layers.forEach((layer, i) => {
      const forward = layer.forward.bind(layer);
      layer.forward = (input: Matrix): Matrix => {
        const out = forward(input);
        outputs[i].add(out);
        return out;
      };
    });
    const seen: number[][] = [];
    fit(model, moon.X, moon.Y, {
      loss: new BinaryCrossEntropy(),
      optimizer: new SGD(model.parameters(), { learningRate: 0.1 }),
      epochs: 4,
      batchSize: 32,
      validationData: [moonVal.X, moonVal.Y],
      onEpochEnd: () => void seen.push(outputs.map((s) => s.size)),
    });
    expect(seen[0]).toEqual(model.layers.map(() => 3));
    expect(seen.slice(1)).toEqual([seen[0], seen[0], seen[0]]);
  });
});

describe('the history', () => {
  it('has one entry per epoch: loss, metrics, epoch logs, and empty validation fields without validation', () => {
    const { X, Y } = moon;
    const model = reluNetwork();
    const history = fit(model, X, Y, {
      loss: new BinaryCrossEntropy(),
      optimizer: new Adam(model.parameters(), { learningRate: 0.01 }),
      epochs: 6,
      batchSize: 50,
      metrics: ['accuracy', 'meanSquaredError'],
    });
    expect(history.stopReason).toBe('completed');
    expect(history.bestEpoch).toBeUndefined();
    expect(history.loss).toHaveLength(6);
    expect(Object.keys(history.history)).toEqual(['loss', 'accuracy', 'meanSquaredError']);
    expect(history.loss).toBe(history.history.loss);
    expect(history.history.accuracy).toHaveLength(6);
    expect(history.history.meanSquaredError).toHaveLength(6);
    expect(history.history.val_loss).toBeUndefined();
    expect(history.epochs.map((e) => e.epoch)).toEqual([0, 1, 2, 3, 4, 5]);
    history.epochs.forEach((e, i) => {
      expect(e).toEqual({
        epoch: i,
        loss: history.loss[i],
        accuracy: history.history.accuracy[i],
        meanSquaredError: history.history.meanSquaredError[i],
      });
    });
    for (const a of history.history.accuracy) expect(a >= 0 && a <= 1).toBe(true);
    // Training works: the loss of the last epoch is well below that of the first.
    expect(history.loss[5]).toBeLessThan(history.loss[0]);
  });

  it('with validationData: val_loss and val_accuracy equal the loss and metrics computed by hand after each epoch', () => {
    const { X, Y } = moon;
    const [Xv, Yv] = [moonVal.X, moonVal.Y];
    const model = reluNetwork();
    const byHand: { loss: number; accuracy: number; weights: Float64Array[] }[] = [];
    const history = fit(model, X, Y, {
      loss: new BinaryCrossEntropy(),
      optimizer: new Adam(model.parameters(), { learningRate: 0.02 }),
      epochs: 5,
      batchSize: 32,
      validationData: [Xv, Yv],
      metrics: ['accuracy'],
      onEpochEnd: () => {
        const P = model.predict(Xv);
        byHand.push({
          loss: new BinaryCrossEntropy().forward(P, Yv),
          accuracy: accuracy(P, Yv),
          weights: weightsOf(model),
        });
      },
    });
    expect(history.history.val_loss).toHaveLength(5);
    expect(history.history.val_accuracy).toHaveLength(5);
    expectSameBits(
      history.history.val_loss,
      byHand.map((h) => h.loss),
      'valLoss',
    );
    expectSameBits(
      history.history.val_accuracy,
      byHand.map((h) => h.accuracy),
      'val accuracy',
    );
    expect(Object.keys(history.history)).toEqual(['loss', 'accuracy', 'val_loss', 'val_accuracy']);
    history.epochs.forEach((e, i) => {
      expect(Object.keys(e)).toEqual(['epoch', 'loss', 'accuracy', 'val_loss', 'val_accuracy']);
      expect(e.val_loss).toBe(history.history.val_loss[i]);
      expect(e.val_accuracy).toBe(history.history.val_accuracy[i]);
    });
    // Validation does not train: the run equals one without validation data.
    const plain = reluNetwork();
    const h2 = fit(plain, X, Y, {
      loss: new BinaryCrossEntropy(),
      optimizer: new Adam(plain.parameters(), { learningRate: 0.02 }),
      epochs: 5,
      batchSize: 32,
      metrics: ['accuracy'],
    });
    expectSameBits(history.loss, h2.loss, 'training loss');
    expectSameWeights(model, plain);
  });

  it('validationSplit holds out the last fraction of the columns, before shuffling', () => {
    const { X, Y } = moons({ m: 100, noise: 0.2, seed: 8 });
    const split = reluNetwork();
    const hs = fit(split, X, Y, {
      loss: new BinaryCrossEntropy(),
      optimizer: new Adam(split.parameters(), { learningRate: 0.01 }),
      epochs: 4,
      batchSize: 16,
      seed: 2,
      validationSplit: 0.2,
      metrics: ['accuracy'],
    });
    const explicit = reluNetwork();
    const he = fit(explicit, columns(X, 0, 80), columns(Y, 0, 80), {
      loss: new BinaryCrossEntropy(),
      optimizer: new Adam(explicit.parameters(), { learningRate: 0.01 }),
      epochs: 4,
      batchSize: 16,
      seed: 2,
      validationData: [columns(X, 80, 100), columns(Y, 80, 100)],
      metrics: ['accuracy'],
    });
    expectSameBits(hs.loss, he.loss, 'loss');
    expectSameBits(hs.history.val_loss, he.history.val_loss, 'valLoss');
    expectSameBits(hs.history.accuracy, he.history.accuracy, 'accuracy');
    expectSameBits(hs.history.val_accuracy, he.history.val_accuracy, 'val accuracy');
    expectSameWeights(split, explicit);
  });

  it('validationSplit rounds the held-out count down: 0.25 of 10 holds out 2', () => {
    const { X, Y } = moons({ m: 10, noise: 0.2, seed: 8 });
    const sizes: number[] = [];
    const model = reluNetwork();
    fit(model, X, Y, {
      loss: new BinaryCrossEntropy(),
      optimizer: new SGD(model.parameters(), { learningRate: 0.1 }),
      validationSplit: 0.25,
      metrics: { seen: (_P: Matrix, T: Matrix) => (sizes.push(T.cols), 0) },
    });
    expect(sizes).toEqual([8, 2]); // one training batch of 8, then the validation set of 2
  });

  it('the epoch loss is the size-weighted mean of the batch losses reported to onBatchEnd', () => {
    const { X, Y } = moon; // 150 = 4·32 + 22
    const batches: { epoch: number; batch: number; size: number; loss: number }[] = [];
    const model = reluNetwork();
    const history = fit(model, X, Y, {
      loss: new BinaryCrossEntropy(),
      optimizer: new SGD(model.parameters(), { learningRate: 0.5 }),
      epochs: 3,
      batchSize: 32,
      onBatchEnd: (logs) => batches.push({ ...logs }),
    });
    expect(batches).toHaveLength(15);
    expect(batches.map((b) => b.size)).toEqual([32, 32, 32, 32, 22, 32, 32, 32, 32, 22, 32, 32, 32, 32, 22]);
    expect(batches.map((b) => `${b.epoch}.${b.batch}`)).toEqual([
      '0.0',
      '0.1',
      '0.2',
      '0.3',
      '0.4',
      '1.0',
      '1.1',
      '1.2',
      '1.3',
      '1.4',
      '2.0',
      '2.1',
      '2.2',
      '2.3',
      '2.4',
    ]);
    for (let e = 0; e < 3; e++) {
      let sum = 0;
      for (const b of batches.filter((x) => x.epoch === e)) sum += b.loss * b.size;
      expect(history.loss[e]).toBe(sum / 150);
      // Not the plain mean of the batch losses (the last batch is smaller).
      const plainMean = batches.filter((x) => x.epoch === e).reduce((s, b) => s + b.loss, 0) / 5;
      expect(history.loss[e]).not.toBe(plainMean);
    }
  });

  it('training metrics are size-weighted means of the per-batch values, like the loss', () => {
    const { X, Y } = moon;
    const calls: [number, number][] = [];
    const model = reluNetwork();
    const history = fit(model, X, Y, {
      loss: new BinaryCrossEntropy(),
      optimizer: new SGD(model.parameters(), { learningRate: 0.5 }),
      epochs: 2,
      batchSize: 64, // 64, 64, 22
      metrics: {
        acc: (P: Matrix, T: Matrix) => {
          const v = accuracy(P, T);
          calls.push([v, T.cols]);
          return v;
        },
      },
    });
    expect(calls.map((c) => c[1])).toEqual([64, 64, 22, 64, 64, 22]);
    for (let e = 0; e < 2; e++) {
      let sum = 0;
      for (const [v, size] of calls.slice(3 * e, 3 * e + 3)) sum += v * size;
      expect(history.history.acc[e]).toBe(sum / 150);
    }
  });
});

describe('stopping', () => {
  it("onEpochEnd returning false stops after that epoch with stopReason 'callback'; true or nothing continues", () => {
    const { X, Y } = moon;
    const seen: number[] = [];
    const model = reluNetwork();
    const history = fit(model, X, Y, {
      loss: new BinaryCrossEntropy(),
      optimizer: new SGD(model.parameters(), { learningRate: 0.1 }),
      epochs: 10,
      onEpochEnd: (logs) => {
        seen.push(logs.epoch);
        if (logs.epoch === 0) return true;
        if (logs.epoch === 1) return undefined;
        return logs.epoch === 2 ? false : undefined;
      },
    });
    expect(seen).toEqual([0, 1, 2]);
    expect(history.stopReason).toBe('callback');
    expect(history.loss).toHaveLength(3);
    expect(history.epochs).toHaveLength(3);
  });

  it("an AbortSignal aborted from onBatchEnd stops before the next batch: stopReason 'aborted', the partial epoch unrecorded", () => {
    const { X, Y } = moon;
    const controller = new AbortController();
    let steps = 0;
    const model = reluNetwork();
    const history = fit(model, X, Y, {
      loss: new BinaryCrossEntropy(),
      optimizer: new Adam(model.parameters(), { learningRate: 0.01 }),
      epochs: 10,
      batchSize: 32,
      seed: 5,
      signal: controller.signal,
      onBatchEnd: ({ epoch, batch }) => {
        steps++;
        if (epoch === 2 && batch === 1) controller.abort();
      },
    });
    expect(history.stopReason).toBe('aborted');
    expect(history.loss).toHaveLength(2);
    expect(steps).toBe(2 * 5 + 2);
    // Exactly 12 steps were taken, as in the explicit loop stopped after 12 steps.
    const reference = reluNetwork();
    const expected = explicitMiniBatchLoop(
      reference,
      new BinaryCrossEntropy(),
      new Adam(reference.parameters(), { learningRate: 0.01 }),
      X,
      Y,
      {
        epochs: 10,
        batchSize: 32,
        seed: 5,
        maxSteps: 12,
      },
    );
    expectSameBits(history.loss, expected, 'recorded epochs');
    expectSameWeights(model, reference);
  });

  it('an abort during the last batch of an epoch keeps that epoch and stops before the next one', () => {
    const { X, Y } = moon;
    const controller = new AbortController();
    const model = reluNetwork();
    const history = fit(model, X, Y, {
      loss: new BinaryCrossEntropy(),
      optimizer: new SGD(model.parameters(), { learningRate: 0.1 }),
      epochs: 10,
      batchSize: 75,
      signal: controller.signal,
      onBatchEnd: ({ epoch, batch }) => {
        if (epoch === 1 && batch === 1) controller.abort();
      },
    });
    expect(history.stopReason).toBe('aborted');
    expect(history.loss).toHaveLength(2);
  });

  it('an already-aborted signal trains zero epochs and changes nothing', () => {
    const { X, Y } = moon;
    const model = reluNetwork();
    const before = weightsOf(model);
    const optimizer = new Adam(model.parameters());
    let batches = 0,
      epochs = 0;
    const history = fit(model, X, Y, {
      loss: new BinaryCrossEntropy(),
      optimizer,
      epochs: 5,
      signal: AbortSignal.abort(),
      onBatchEnd: () => void batches++,
      onEpochEnd: () => void epochs++,
    });
    expect(history.stopReason).toBe('aborted');
    expect(history.loss).toEqual([]);
    expect(history.epochs).toEqual([]);
    expect(batches + epochs).toBe(0);
    expect(optimizer.stepCount).toBe(0);
    expectSameWeights(model, before);
  });
});

describe('early stopping', () => {
  const { X, Y } = small;

  /** Full-batch fit with a scripted metric `score` (and `val_score`), recording the weights after each epoch. */
  function runScripted(
    train: readonly number[],
    earlyStopping: Record<string, unknown>,
    extra: { val?: readonly number[]; name?: string; epochs?: number } = {},
  ) {
    const model = twoLayerNetwork();
    const valY = Y.clone();
    const script = scriptedMetric(train, extra.val);
    const recorded: Float64Array[][] = [];
    const name = extra.name ?? 'score';
    const history = fit(model, X, Y, {
      loss: new BinaryCrossEntropy(),
      optimizer: new SGD(model.parameters(), { learningRate: 0.5 }),
      epochs: extra.epochs ?? train.length,
      metrics: { [name]: script.metric },
      ...(extra.val !== undefined ? { validationData: [X, valY] as const } : {}),
      earlyStopping: earlyStopping as never,
      onEpochEnd: () => {
        recorded.push(weightsOf(model));
        script.next();
      },
    });
    return { model, history, recorded };
  }

  it('the scripted metric reports exactly its values', () => {
    const { history } = runScripted([1, 2.5, 0.375], { patience: 10 });
    expect(history.history.score).toEqual([1, 2.5, 0.375]);
  });

  it('patience 0: stops at the first epoch without improvement (mode max)', () => {
    const { history } = runScripted([1, 2, 3, 2, 5, 6], { monitor: 'score', mode: 'max' });
    expect(history.stopReason).toBe('earlyStopping');
    expect(history.loss).toHaveLength(4);
    expect(history.bestEpoch).toBe(2);
  });

  it(
    'patience p: tolerates p epochs without improvement and stops at the next one; an improvement resets the ' +
      'count',
    () => {
      // epochs:            0  1  2  3  4  5  6  7  8
      const values = [1, 2, 2, 1, 3, 2, 2, 2, 9];
      const { history } = runScripted(values, { monitor: 'score', mode: 'max', patience: 2 });
      // 2 and 3 do not improve (waits 1, 2), 4 improves, 5, 6 wait 1, 2, 7 is the third in a row: stop.
      expect(history.stopReason).toBe('earlyStopping');
      expect(history.loss).toHaveLength(8);
      expect(history.bestEpoch).toBe(4);
    },
  );

  it('minDelta: a change must exceed it to count as an improvement', () => {
    const values = [1, 1.375, 1.625, 2, 2.0625, 3];
    // max mode, minDelta 0.5: 1.375 (≤ 1.5) no; 1.625 (> 1.5) yes; 2 (≤ 2.125) no; 2.0625 no → stop (patience 1).
    const { history } = runScripted(values, { monitor: 'score', mode: 'max', minDelta: 0.5, patience: 1 });
    expect(history.loss).toHaveLength(5);
    expect(history.bestEpoch).toBe(2);
    // Without minDelta every step up counts, so training completes.
    const again = runScripted(values, { monitor: 'score', mode: 'max', patience: 1 });
    expect(again.history.stopReason).toBe('completed');
    expect(again.history.bestEpoch).toBe(5);
  });

  it("equal values do not improve; mode 'min' wants lower values", () => {
    const { history } = runScripted([3, 2, 2, 1], { monitor: 'score', mode: 'min' });
    expect(history.loss).toHaveLength(3);
    expect(history.bestEpoch).toBe(1);
  });

  it("the default mode is 'min' for names with loss or error, 'max' otherwise", () => {
    const decreasing = [5, 4, 3, 2];
    const score = runScripted(decreasing, { monitor: 'score' });
    expect(score.history.loss).toHaveLength(2); // max: 4 is no improvement on 5
    expect(score.history.bestEpoch).toBe(0);
    const err = runScripted(decreasing, { monitor: 'myError' }, { name: 'myError' });
    expect(err.history.stopReason).toBe('completed');
    expect(err.history.bestEpoch).toBe(3);
    const lossy = runScripted([1, 2, 3], { monitor: 'someLoss' }, { name: 'someLoss' });
    expect(lossy.history.loss).toHaveLength(2); // min: 2 is no improvement on 1
  });

  it("monitor 'val_<metric>' watches the validation value, not the training one", () => {
    const { history } = runScripted([1, 2, 3, 4, 5], { monitor: 'val_score', mode: 'max' }, { val: [4, 6, 5, 7, 8] });
    expect(history.history.score).toEqual([1, 2, 3]);
    expect(history.history.val_score).toEqual([4, 6, 5]);
    expect(history.loss).toHaveLength(3);
    expect(history.bestEpoch).toBe(1);
  });

  it("monitor 'loss' on a real run: with minDelta larger than any change, epoch 0 stays best", () => {
    const model = twoLayerNetwork();
    const history = fit(model, X, Y, {
      loss: new BinaryCrossEntropy(),
      optimizer: new SGD(model.parameters(), { learningRate: 0.5 }),
      epochs: 50,
      earlyStopping: { monitor: 'loss', patience: 3, minDelta: 10 },
    });
    expect(history.stopReason).toBe('earlyStopping');
    expect(history.loss).toHaveLength(5);
    expect(history.bestEpoch).toBe(0);
  });

  it("the default monitor is 'val_loss' with validation data and 'loss' without", () => {
    // Validation labels flipped: as the training loss falls, the validation loss rises.
    const flipped = Y.map((v) => 1 - v);
    const fitWith = (validation: boolean) => {
      const model = twoLayerNetwork();
      return fit(model, X, Y, {
        loss: new BinaryCrossEntropy(),
        optimizer: new SGD(model.parameters(), { learningRate: 2 }),
        epochs: 8,
        ...(validation ? { validationData: [X, flipped] as const } : {}),
        earlyStopping: {},
      });
    };
    const withVal = fitWith(true);
    expect(withVal.history.val_loss[1]).toBeGreaterThan(withVal.history.val_loss[0]);
    expect(withVal.loss[1]).toBeLessThan(withVal.loss[0]);
    expect(withVal.stopReason).toBe('earlyStopping');
    expect(withVal.loss).toHaveLength(2);
    expect(withVal.bestEpoch).toBe(0);
    const without = fitWith(false);
    for (let e = 1; e < without.loss.length; e++) expect(without.loss[e]).toBeLessThan(without.loss[e - 1]);
    expect(without.stopReason).toBe('completed');
    expect(without.bestEpoch).toBe(7);
  });

  it("monitor 'val_loss' with mode 'max' inverts the criterion", () => {
    const model = twoLayerNetwork();
    const history = fit(model, X, Y, {
      loss: new BinaryCrossEntropy(),
      optimizer: new SGD(model.parameters(), { learningRate: 2 }),
      epochs: 8,
      validationData: [X, Y],
      earlyStopping: { monitor: 'val_loss', mode: 'max' },
    });
    expect(history.history.val_loss[1]).toBeLessThan(history.history.val_loss[0]);
    expect(history.loss).toHaveLength(2);
    expect(history.bestEpoch).toBe(0);
  });

  it("monitor 'accuracy' (a built-in metric) and 'val_accuracy' are accepted, and so are the aliases", () => {
    for (const monitor of ['accuracy', 'val_accuracy', 'acc', 'val_acc']) {
      const model = twoLayerNetwork();
      const history = fit(model, X, Y, {
        loss: new BinaryCrossEntropy(),
        optimizer: new SGD(model.parameters(), { learningRate: 1 }),
        epochs: 30,
        metrics: ['accuracy'],
        validationData: [X, Y],
        earlyStopping: { monitor, patience: 2 },
      });
      const values = monitor.startsWith('val_') ? history.history.val_accuracy : history.history.accuracy;
      // bestEpoch is the first epoch reaching the highest value seen.
      const best = Math.max(...values);
      expect(history.bestEpoch).toBe(values.indexOf(best));
      if (history.stopReason === 'earlyStopping') expect(values.length - 1 - history.bestEpoch!).toBe(3);
    }
  });

  it('restoreBestWeights puts back the best epoch’s weights bit-exactly when stopping', () => {
    const { model, history, recorded } = runScripted([1, 4, 2, 3, 3, 3, 9], {
      monitor: 'score',
      mode: 'max',
      patience: 3,
      restoreBestWeights: true,
    });
    expect(history.stopReason).toBe('earlyStopping');
    expect(history.bestEpoch).toBe(1);
    expect(recorded).toHaveLength(6); // epochs 2–5 do not improve: the fourth in a row (> patience 3) stops
    expectSameWeights(model, recorded[1]);
    expect(sameWeights(recorded[1], recorded[5])).toBe(false);
  });

  it('restoreBestWeights also applies when training completes without stopping', () => {
    const { model, history, recorded } = runScripted([1, 4, 2, 3], {
      monitor: 'score',
      mode: 'max',
      patience: 10,
      restoreBestWeights: true,
    });
    expect(history.stopReason).toBe('completed');
    expect(history.bestEpoch).toBe(1);
    expectSameWeights(model, recorded[1]);
  });

  it('without restoreBestWeights the last epoch’s weights stay', () => {
    const { model, history, recorded } = runScripted([1, 4, 2, 3, 3, 3, 9], {
      monitor: 'score',
      mode: 'max',
      patience: 3,
    });
    expect(history.stopReason).toBe('earlyStopping');
    expect(history.bestEpoch).toBe(1);
    expectSameWeights(model, recorded[5]);
  });

  it('an abort after the best epoch still restores the best weights', () => {
    const model = twoLayerNetwork();
    const script = scriptedMetric([1, 5, 2, 2, 2, 2]);
    const recorded: Float64Array[][] = [];
    const controller = new AbortController();
    const history = fit(model, X, Y, {
      loss: new BinaryCrossEntropy(),
      optimizer: new SGD(model.parameters(), { learningRate: 0.5 }),
      epochs: 6,
      metrics: { score: script.metric },
      earlyStopping: { monitor: 'score', patience: 10, restoreBestWeights: true },
      signal: controller.signal,
      onEpochEnd: (logs: EpochLogs) => {
        recorded.push(weightsOf(model));
        script.next();
        if (logs.epoch === 3) controller.abort();
      },
    });
    expect(history.stopReason).toBe('aborted');
    expect(history.bestEpoch).toBe(1);
    expectSameWeights(model, recorded[1]);
  });

  it("earlyStopping wins over onEpochEnd's false in the same epoch", () => {
    const model = twoLayerNetwork();
    const history = fit(model, X, Y, {
      loss: new BinaryCrossEntropy(),
      optimizer: new SGD(model.parameters(), { learningRate: 0.5 }),
      epochs: 5,
      earlyStopping: { minDelta: 10 },
      onEpochEnd: (logs) => logs.epoch !== 1,
    });
    expect(history.loss).toHaveLength(2);
    expect(history.stopReason).toBe('earlyStopping');
  });
});

describe('evaluate', () => {
  const { X, Y } = flower;
  const model = twoLayerNetwork();
  fit(model, X, Y, {
    loss: new BinaryCrossEntropy(),
    optimizer: new SGD(model.parameters(), { learningRate: 1.2 }),
    epochs: 300,
  });

  it('returns the loss and metrics computed by hand, and changes no weight', () => {
    const before = weightsOf(model);
    const result = evaluate(model, X, Y, {
      loss: new BinaryCrossEntropy(),
      metrics: ['accuracy', 'precision', 'recall'],
    });
    expectSameWeights(model, before);
    const P = model.predict(X);
    // The same numbers as the library's loss and metrics on predict()…
    expect(result.loss).toBe(new BinaryCrossEntropy().forward(P, Y));
    // …and as the formulas written out.
    let cost = 0,
      tp = 0,
      fp = 0,
      fn = 0,
      correct = 0;
    for (let j = 0; j < X.cols; j++) {
      const p = P.data[j],
        y = Y.data[j];
      cost -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
      const predicted = p >= 0.5 ? 1 : 0;
      if (predicted === y) correct++;
      if (predicted === 1 && y === 1) tp++;
      if (predicted === 1 && y === 0) fp++;
      if (predicted === 0 && y === 1) fn++;
    }
    expect(result.loss).toBeCloseTo(cost / X.cols, 12);
    expect(result.metrics).toEqual({ accuracy: correct / X.cols, precision: tp / (tp + fp), recall: tp / (tp + fn) });
  });

  it('without metrics returns an empty metrics object; custom metric functions are called with (ŷ, Y)', () => {
    expect(evaluate(model, X, Y, { loss: new BinaryCrossEntropy() }).metrics).toEqual({});
    const r = evaluate(model, X, Y, {
      loss: new BinaryCrossEntropy(),
      metrics: { positives: (P: Matrix, T: Matrix) => (T === Y ? P.data.filter((p) => p >= 0.5).length : -1) },
    });
    expect(r.metrics.positives).toBe(model.predict(X).data.filter((p) => p >= 0.5).length);
  });

  it('categorical: softmax with one-hot targets', () => {
    const { X: Xb, Y: labels } = blobs({ m: 40, centers: 3, seed: 2 });
    const Yb = oneHot(labels);
    const net = new Sequential([new Dense(2, 3, { seed: 1 }), new Softmax()]);
    const r = evaluate(net, Xb, Yb, { loss: new CategoricalCrossEntropy(), metrics: ['accuracy'] });
    const P = net.predict(Xb);
    let cost = 0,
      correct = 0;
    for (let j = 0; j < 40; j++) {
      const col = [0, 1, 2].map((i) => P.get(i, j));
      const cls = labels.data[j];
      cost -= Math.log(col[cls]);
      if (col.indexOf(Math.max(...col)) === cls) correct++;
    }
    expect(r.loss).toBeCloseTo(cost / 40, 12);
    expect(r.metrics.accuracy).toBe(correct / 40);
  });
});
